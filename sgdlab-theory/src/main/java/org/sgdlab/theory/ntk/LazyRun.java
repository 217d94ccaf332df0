package org.sgdlab.theory.ntk;

import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.EmpiricalNtk;
import org.sgdlab.kernels.FullyConnectedNetwork;
import org.sgdlab.kernels.Parameterization;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * One GD run of the two-layer network of 002 eq. 9.7, f(x) = (1/√m) Σ_r a_r relu(w_rᵀx), w_r(0) ∼ N(0, I), a_r = ±1
 * fixed, only W = [w_1 … w_m] trained, on the squared loss L = Σᵢ ½(f(xᵢ) − yᵢ)² (002 eq. 9.2's loss; its gradient
 * flow is du/dt = −H(t)(u − y), Lemma 9.1.1), by full-batch GD W ← W − η∇_W L for T steps.
 *
 * <p>Recorded: the outputs u(t) at every step, max_r ‖w_r(t) − w_r(0)‖/‖w_r(0)‖ and max_r ‖w_r(t) − w_r(0)‖ at every
 * step, the empirical first-layer NTK H(0) and H(T) ({@link EmpiricalNtk}), and ‖H(T) − H(0)‖₂.
 */
final class LazyRun {
    private LazyRun() {
    }

    /**
     * @param width       m
     * @param u           u(t), t = 0 … T: (T + 1) rows of n outputs
     * @param relative    max_r ‖w_r(t) − w_r(0)‖/‖w_r(0)‖, t = 0 … T
     * @param absolute    max_r ‖w_r(t) − w_r(0)‖, t = 0 … T
     * @param h0          H(0), n × n row-major
     * @param kernelShift ‖H(T) − H(0)‖₂ (spectral norm)
     */
    record Record(int width, double[][] u, double[] relative, double[] absolute, double[] h0, double kernelShift) {
        int steps() {
            return u.length - 1;
        }
    }

    /** The eq. 9.7 network at width m on d inputs (c_σ = 1 makes √(c_σ/m) = 1/√m). */
    static FullyConnectedNetwork network(int inputs, int width) {
        return new FullyConnectedNetwork(inputs, new int[] {width}, "relu", 1.0, Parameterization.NTK);
    }

    /** Runs T GD steps with step η from the eq. 9.7 initialization drawn from {@code rnd}. */
    static Record run(Dataset data, int width, double eta, int steps, RandomStream rnd) {
        int n = data.n();
        int d = data.d();
        FullyConnectedNetwork net = network(d, width);
        double[] w = ClosedFormClaim.section92Weights(net, rnd);
        double[] w0 = w.clone();
        ParameterBlock first = net.layout().block("W1");
        NetworkObjective f = new NetworkObjective(net, data, NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.SUM);
        EmpiricalNtk ntk = EmpiricalNtk.of(net).trainingOnly("W1");
        Matrix x = data.x();
        double[] h0 = ntk.gram(w, x);
        double[] norm0 = new double[width];
        for (int r = 0; r < width; r++) {
            norm0[r] = Math.sqrt(squaredRowDistance(w, new double[w.length], first.offset() + r * d, d));
        }
        double[][] u = new double[steps + 1][n];
        double[] rel = new double[steps + 1];
        double[] abs = new double[steps + 1];
        double[] g = new double[w.length];
        f.outputs(w, u[0]);
        // the step's loops are small methods: inline here, C2 compiled this whole method by on-stack replacement (12 kB of
        // code, twice, in a JFR of check --quick) for a loop of 60 steps per run; same operations in the same order
        for (int t = 1; t <= steps; t++) {
            f.gradient(w, g);
            descend(w, g, eta, first.offset(), first.end()); // the output weights a_r stay fixed
            f.outputs(w, u[t]);
            double[] moved = largestRowChanges(w, w0, norm0, first.offset(), d);
            abs[t] = moved[0];
            rel[t] = moved[1];
        }
        double[] hT = ntk.gram(w, x);
        double[] diff = new double[n * n];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = hT[i] - h0[i];
        }
        SymmetricEigen e = SymmetricEigen.of(diff, n);
        return new Record(width, u, rel, abs, h0, Math.max(Math.abs(e.max()), Math.abs(e.min())));
    }

    /** w[i] −= η·g[i] for from ≤ i &lt; to. */
    private static void descend(double[] w, double[] g, double eta, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] -= eta * g[i];
        }
    }

    /**
     * {max_r ‖w_r − w0_r‖, max_r ‖w_r − w0_r‖/norm0[r]} over the norm0.length rows of length d from {@code offset}
     * (maxima from 0, rows in order; inputs read only).
     */
    private static double[] largestRowChanges(double[] w, double[] w0, double[] norm0, int offset, int d) {
        double abs = 0;
        double rel = 0;
        for (int r = 0; r < norm0.length; r++) {
            double moved = Math.sqrt(squaredRowDistance(w, w0, offset + r * d, d));
            abs = Math.max(abs, moved);
            rel = Math.max(rel, moved / norm0[r]);
        }
        return new double[] {abs, rel};
    }

    private static double squaredRowDistance(double[] a, double[] b, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /**
     * The kernel dynamics v(t + 1) = v(t) − ηK(v(t) − y) from v(0) = u(0), t = 0 … T: (T + 1) rows, new arrays
     * ({@code kernel} n × n row-major; inputs read only).
     */
    static double[][] kernelDynamics(Record r, double[] kernel, double[] y, double eta) {
        int n = y.length;
        double[][] v = new double[r.steps() + 1][];
        v[0] = r.u()[0].clone();
        double[] res = new double[n];
        for (int t = 1; t <= r.steps(); t++) {
            double[] prev = v[t - 1];
            double[] next = prev.clone();
            for (int i = 0; i < n; i++) {
                res[i] = prev[i] - y[i];
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += kernel[i * n + j] * res[j];
                }
                next[i] -= eta * s;
            }
            v[t] = next;
        }
        return v;
    }

    /** The largest distance max_{t ≤ T} ‖u(t) − v(t)‖₂ between the outputs and {@link #kernelDynamics}. */
    static double kernelGap(Record r, double[] kernel, double[] y, double eta) {
        double[][] v = kernelDynamics(r, kernel, y, eta);
        double gap = 0;
        for (int t = 1; t <= r.steps(); t++) {
            gap = Math.max(gap, distance(r.u()[t], v[t]));
        }
        return gap;
    }

    /** ‖a − b‖₂. */
    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
