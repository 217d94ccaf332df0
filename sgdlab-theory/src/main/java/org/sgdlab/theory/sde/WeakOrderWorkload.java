package org.sgdlab.theory.sde;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The SGD Monte Carlo of sde.weak-order as a benchmark workload (bench/run.sh, workload {@code weakorder}): the logistic
 * part's controlled SGD paths at one η (logistic regression on 8 rows in ℝ², B = 1 with replacement, x₀ = (1, 1), T = 1,
 * K = T/η steps; per step a minibatch gradient, the full gradient and the minibatch covariance for the martingale control
 * variates of docs/sde.md §8). {@link #writeSetup} writes everything a peer needs to do the same computation.
 */
public final class WeakOrderWorkload {
    private WeakOrderWorkload() {
    }

    /** The test functions' names, in the order of {@link #run}'s rows. */
    public static String[] functions() {
        WeakOrderClaim.TestFunction[] gs = WeakOrderClaim.TestFunction.values();
        String[] out = new String[gs.length];
        for (int i = 0; i < gs.length; i++) {
            out[i] = gs[i].name().toLowerCase(Locale.ROOT);
        }
        return out;
    }

    /** K = T/η for η = 2^{-j}, 1/64 ≤ η ≤ 1/4 (the grid of the Linearization's weights). */
    public static int steps(double eta) {
        int k = WeakOrderClaim.steps(eta);
        if (!(eta > 0) || Math.abs(k * eta - WeakOrderClaim.HORIZON) > 1e-12 || WeakOrderClaim.GRID % k != 0 || k > 64) {
            throw new IllegalArgumentException("eta must be 1/2^j with K = 1/eta dividing " + WeakOrderClaim.GRID + " and K <= 64, got " + eta);
        }
        return k;
    }

    /** Controlled values g(x_K) − Y_g, rows = {@link #functions()}, columns = paths; paths in parallel, same bits for any thread count. */
    public static double[][] run(double eta, int paths, long seed) {
        steps(eta);
        return WeakOrderClaim.sgdControlled(FiniteSumToy.logistic(), WeakOrderClaim.X0_LOGISTIC, eta, paths, seed);
    }

    /**
     * Writes the setup as text, one item per line ("name v1 v2 …", decimal doubles exact to the last bit with
     * {@code %.17g}): rows (n·d), labels (n), x0, eta, steps, xT (the flow's endpoint), then per step k "phi k …" (2×2
     * row-major) and per function "grad name …", "half_hessian name …".
     */
    public static void writeSetup(Path file, double eta) throws IOException {
        int k = steps(eta);
        FiniteSumToy toy = FiniteSumToy.logistic();
        WeakOrderClaim.Linearization lin = WeakOrderClaim.linearize(toy, WeakOrderClaim.X0_LOGISTIC);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            StringBuilder rows = new StringBuilder("rows " + toy.n() + " " + toy.d());
            StringBuilder labels = new StringBuilder("labels");
            for (int i = 0; i < toy.n(); i++) {
                for (int j = 0; j < toy.d(); j++) {
                    rows.append(' ').append(g17(toy.row(i, j)));
                }
                labels.append(' ').append(g17(toy.target(i)));
            }
            w.println(rows);
            w.println(labels);
            w.println("x0 " + g17(WeakOrderClaim.X0_LOGISTIC[0]) + " " + g17(WeakOrderClaim.X0_LOGISTIC[1]));
            w.println("eta " + g17(eta));
            w.println("steps " + k);
            w.println("xT " + g17(lin.xT()[0]) + " " + g17(lin.xT()[1]));
            int stride = WeakOrderClaim.GRID / k;
            for (int s = 0; s < k; s++) {
                double[] f = lin.phi()[(s + 1) * stride];
                w.println("phi " + s + " " + g17(f[0]) + " " + g17(f[1]) + " " + g17(f[2]) + " " + g17(f[3]));
            }
            for (WeakOrderClaim.TestFunction g : WeakOrderClaim.TestFunction.values()) {
                String name = g.name().toLowerCase(Locale.ROOT);
                double[] a = WeakOrderClaim.gradient(g, toy, lin.xT());
                double[] q = WeakOrderClaim.halfHessian(g, toy, lin.xT());
                w.println("grad " + name + " " + g17(a[0]) + " " + g17(a[1]));
                w.println("half_hessian " + name + " " + g17(q[0]) + " " + g17(q[1]) + " " + g17(q[2]) + " " + g17(q[3]));
            }
        }
    }

    private static String g17(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
