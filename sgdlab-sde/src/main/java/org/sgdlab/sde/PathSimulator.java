package org.sgdlab.sde;

import java.util.Objects;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * Simulates independent paths of an SDE with an {@link Integrator}, in parallel over paths with the same bits for any
 * thread count: path p draws its Brownian increments ΔW = √h·N(0, I_m) from its own stream
 * {@code new RandomStream(seed).split(p)}, and blocks of {@value #BLOCK} paths are independent tasks of
 * {@link Parallel#forEachBlock} writing disjoint slices of the result.
 */
public final class PathSimulator {
    /** Paths per parallel block (fixed, independent of the thread count). */
    public static final int BLOCK = 64;

    private PathSimulator() {
    }

    /**
     * X_T on {@code paths} paths from x₀ with {@code steps} steps of h = T/steps.
     *
     * @param integrator the scheme (its SDE must be safe to call from several threads)
     * @param x0         start (length d, read only)
     * @param horizon    T &gt; 0
     * @param steps      ≥ 1
     * @param paths      ≥ 1
     * @param seed       the master seed
     */
    public static Paths simulate(Integrator integrator, double[] x0, double horizon, int steps, int paths, long seed) {
        Objects.requireNonNull(integrator, "integrator");
        Sde sde = integrator.sde();
        int d = sde.dimension();
        int m = sde.noiseDimension();
        if (x0.length != d) {
            throw new IllegalArgumentException("x0 must have " + d + " entries, got " + x0.length);
        }
        Dense.requireFinite("x0", x0);
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon T must be > 0 and finite, got " + horizon);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, got " + paths);
        }
        double h = horizon / steps;
        double sqrtH = Math.sqrt(h);
        double[] finals = new double[paths * d];
        double[] wEnds = new double[paths * m];
        RandomStream master = new RandomStream(seed);
        int blocks = (paths + BLOCK - 1) / BLOCK;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            double[] x = new double[d];
            double[] dw = new double[m];
            double[] w = new double[m];
            Integrator.Scratch scratch = new Integrator.Scratch(d);
            int end = Math.min(paths, (block + 1) * BLOCK);
            for (int p = block * BLOCK; p < end; p++) {
                RandomStream r = master.split(p);
                System.arraycopy(x0, 0, x, 0, d);
                java.util.Arrays.fill(w, 0);
                for (int k = 0; k < steps; k++) {
                    for (int j = 0; j < m; j++) {
                        dw[j] = sqrtH * r.nextGaussian();
                        w[j] += dw[j];
                    }
                    integrator.stepInPlace(x, h, dw, scratch);
                }
                System.arraycopy(x, 0, finals, p * d, d);
                System.arraycopy(w, 0, wEnds, p * m, m);
            }
        });
        return new Paths(paths, d, m, finals, wEnds);
    }
}
