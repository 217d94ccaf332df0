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
        return simulate(integrator, x0, horizon, steps, paths, seed, GaussianSampler.POLAR);
    }

    /**
     * {@link #simulate(Integrator, double[], double, int, int, long)} with the standard normals of each path's stream
     * drawn by {@code sampler} ({@link GaussianSampler#POLAR} there; {@link GaussianSampler#ZIGGURAT} is faster and
     * gives other, equally distributed, paths).
     */
    public static Paths simulate(Integrator integrator, double[] x0, double horizon, int steps, int paths, long seed,
                                 GaussianSampler sampler) {
        Objects.requireNonNull(integrator, "integrator");
        Objects.requireNonNull(sampler, "sampler");
        Sde sde = integrator.sde();
        int d = sde.dimension();
        int m = sde.noiseDimension();
        requireRun(x0, d, horizon, steps, paths);
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
                        dw[j] = sqrtH * sampler.next(r);
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

    /** The two path sets of {@link #simulateCoupled}: fine (steps·refine steps) and coarse (steps steps). */
    public record Coupled(Paths fine, Paths coarse) {
    }

    /**
     * Two schemes driven by the SAME Brownian paths (common random numbers): the fine integrator takes
     * {@code steps·refine} steps of h/refine with increments ΔW drawn as in {@link #simulate}, and the coarse one takes
     * {@code steps} steps of h whose increments are the sums of {@code refine} consecutive fine increments. Both
     * integrators must have the same dimension and noise dimension (they may be different schemes or different SDEs).
     * With {@code refine = 1} the fine paths are bit for bit those of {@link #simulate} with the same seed. Path p uses
     * {@code new RandomStream(seed).split(p)}; same bits for any thread count.
     */
    public static Coupled simulateCoupled(Integrator fine, Integrator coarse, double[] x0, double horizon, int steps, int refine,
                                          int paths, long seed) {
        Objects.requireNonNull(fine, "fine");
        Objects.requireNonNull(coarse, "coarse");
        if (refine < 1) {
            throw new IllegalArgumentException("refine must be >= 1, got " + refine);
        }
        int d = fine.sde().dimension();
        int m = fine.sde().noiseDimension();
        if (coarse.sde().dimension() != d || coarse.sde().noiseDimension() != m) {
            throw new IllegalArgumentException("coupled SDEs must have the same dimensions, got " + d + "/" + m + " and "
                    + coarse.sde().dimension() + "/" + coarse.sde().noiseDimension());
        }
        requireRun(x0, d, horizon, steps, paths);
        long fineSteps = (long) steps * refine;
        if (fineSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("steps·refine must fit an int, got " + fineSteps);
        }
        double h = horizon / fineSteps;
        double hc = horizon / steps;
        double sqrtH = Math.sqrt(h);
        double[] fineFinals = new double[paths * d];
        double[] coarseFinals = new double[paths * d];
        double[] wEnds = new double[paths * m];
        RandomStream master = new RandomStream(seed);
        int blocks = (paths + BLOCK - 1) / BLOCK;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            double[] xf = new double[d];
            double[] xc = new double[d];
            double[] dw = new double[m];
            double[] dwc = new double[m];
            double[] w = new double[m];
            Integrator.Scratch sf = new Integrator.Scratch(d);
            Integrator.Scratch sc = new Integrator.Scratch(d);
            int end = Math.min(paths, (block + 1) * BLOCK);
            for (int p = block * BLOCK; p < end; p++) {
                RandomStream r = master.split(p);
                System.arraycopy(x0, 0, xf, 0, d);
                System.arraycopy(x0, 0, xc, 0, d);
                java.util.Arrays.fill(w, 0);
                for (int k = 0; k < steps; k++) {
                    java.util.Arrays.fill(dwc, 0);
                    for (int j = 0; j < refine; j++) {
                        for (int i = 0; i < m; i++) {
                            dw[i] = sqrtH * r.nextGaussian();
                            w[i] += dw[i];
                            dwc[i] += dw[i];
                        }
                        fine.stepInPlace(xf, h, dw, sf);
                    }
                    coarse.stepInPlace(xc, hc, dwc, sc);
                }
                System.arraycopy(xf, 0, fineFinals, p * d, d);
                System.arraycopy(xc, 0, coarseFinals, p * d, d);
                System.arraycopy(w, 0, wEnds, p * m, m);
            }
        });
        return new Coupled(new Paths(paths, d, m, fineFinals, wEnds), new Paths(paths, d, m, coarseFinals, wEnds.clone()));
    }

    /** The arguments both simulations share: x0 of length d and finite, T > 0 finite, steps and paths ≥ 1. */
    static void requireRun(double[] x0, int d, double horizon, int steps, int paths) {
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
    }
}
