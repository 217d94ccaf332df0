package org.sgdlab.oracles;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The coarse dual phase of {@link HardMarginSvm}: coordinate ascent on the dual max Σαᵢ − ½‖Σαᵢyᵢxᵢ‖² (α ≥ 0), keeping
 * w = Σαᵢyᵢxᵢ up to date, until the largest violation of the projected-gradient optimality condition is below ε.
 * <ul>
 *   <li>Homogeneous ({@link #dcd}): the closed-form step αᵢ ← max(0, αᵢ − Gᵢ/‖xᵢ‖²), Gᵢ = yᵢ⟨w, xᵢ⟩ − 1, in seeded random
 *       permutation order with shrinking (Hsieh, Chang, Lin, Keerthi, Sundararajan, "A dual coordinate descent method for
 *       large-scale linear SVM", ICML 2008, with C = ∞).</li>
 *   <li>With an intercept ({@link #smo}): sequential minimal optimisation (Platt, MSR-TR-98-14, 1998) with the
 *       second-order working-set selection WSS2 of Fan, Chen &amp; Lin (JMLR 6, 2005), which keeps Σαᵢyᵢ = 0, with
 *       LIBSVM-style shrinking; kernel columns are cached (at most {@value #CACHE_DOUBLES} doubles).</li>
 * </ul>
 * The state (α, w, the counters) is shared with {@link HardMarginSvmSolver}, which warm-starts the phase from its
 * current α and reads the iterate between calls. All randomness comes from the seed given at construction.
 */
final class HardMarginDualAscent {
    /** How a call ended. */
    enum Outcome {
        /** The projected-gradient violation is below ε. */
        CONVERGED,
        /** The iteration budget ran out. */
        BUDGET,
        /** The dual looks unbounded (see {@link #suspicious}): the data may not be separable. */
        SUSPECT
    }

    private static final double TAU = 1e-12;
    static final long CACHE_DOUBLES = 8_000_000L;

    private final double[] a;
    private final double[] y;
    private final int n;
    private final int d;
    private final boolean intercept;
    private final long maxIterations;
    private final SplittableRandom rng;
    private final double[] sqNorm;
    private final LabelledRows rows;
    /** The dual variables (modified in place by the phase, and by the solver between calls). */
    final double[] alpha;
    /** w = Σαᵢyᵢxᵢ, maintained by the phase. */
    final double[] w;
    /** Inner iterations: coordinate or pair updates, plus what the solver adds for its other stages. */
    long iterations;
    private long epochs;
    private long nextCheck = 20;
    private double[][] columns;
    private long cachedDoubles;

    /**
     * @param x      the points (read only)
     * @param y      the labels ±1 (read only)
     * @param sqNorm ‖xᵢ‖² (read only)
     */
    HardMarginDualAscent(Matrix x, double[] y, boolean intercept, double[] sqNorm, long maxIterations, long seed) {
        this.a = x.data();
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.intercept = intercept;
        this.maxIterations = maxIterations;
        this.rng = new SplittableRandom(seed);
        this.sqNorm = sqNorm;
        this.rows = new LabelledRows(x, y, 0.0, sqNorm);
        this.alpha = new double[n];
        this.w = new double[d];
    }

    /** Epochs (passes) so far. */
    long epochs() {
        return epochs;
    }

    /** Runs the phase for this problem (DCD, or SMO with an intercept) to violation ε. */
    Outcome run(double eps) {
        return intercept ? smo(eps) : dcd(eps);
    }

    /**
     * True at 20, 40, 80, ... full passes' worth of work when the dual looks unbounded: at the optimum
     * ‖w‖² = Σαᵢ, whereas on non-separable data Σαᵢ grows while w stays bounded.
     */
    private boolean suspicious() {
        long work = intercept ? epochs : iterations / n;
        if (work < nextCheck) {
            return false;
        }
        nextCheck = 2 * work;
        double sa = 0;
        for (double v : alpha) {
            sa += v;
        }
        return Kernels.dot(w, w) < 0.5 * sa;
    }

    // ---------------------------------------------------------------- dual coordinate ascent (homogeneous)

    Outcome dcd(double eps) {
        rows.combine(alpha, w);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int active = n;
        double mBar = Double.POSITIVE_INFINITY;
        while (true) {
            if (iterations >= maxIterations) {
                return Outcome.BUDGET;
            }
            epochs++;
            for (int s = active - 1; s > 0; s--) {
                int r = rng.nextInt(s + 1);
                int tmp = idx[s];
                idx[s] = idx[r];
                idx[r] = tmp;
            }
            double pgMax = Double.NEGATIVE_INFINITY;
            double pgMin = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int i = idx[s];
                int off = i * d;
                double g = y[i] * Kernels.dot(a, off, w, 0, d) - 1.0;
                double pg;
                if (alpha[i] == 0.0) {
                    if (g > mBar) {
                        active--;
                        idx[s] = idx[active];
                        idx[active] = i;
                        s--;
                        continue;
                    }
                    pg = Math.min(g, 0.0);
                } else {
                    pg = g;
                }
                pgMax = Math.max(pgMax, pg);
                pgMin = Math.min(pgMin, pg);
                if (pg != 0.0) {
                    double old = alpha[i];
                    double nu = Math.max(old - g / sqNorm[i], 0.0);
                    alpha[i] = nu;
                    Kernels.axpy((nu - old) * y[i], a, off, w, 0, d);
                }
                iterations++;
            }
            if (active == 0 || pgMax - pgMin <= eps) {
                if (active == n) {
                    return Outcome.CONVERGED;
                }
                active = n;
                mBar = Double.POSITIVE_INFINITY;
                rows.combine(alpha, w);
                continue;
            }
            mBar = pgMax > 0 ? pgMax : Double.POSITIVE_INFINITY;
            if (suspicious()) {
                return Outcome.SUSPECT;
            }
        }
    }

    // ---------------------------------------------------------------- SMO with WSS2 (intercept)

    private double[] column(int i) {
        if (columns == null) {
            columns = new double[n][];
        }
        double[] c = columns[i];
        if (c == null) {
            if (cachedDoubles + n > CACHE_DOUBLES) {
                Arrays.fill(columns, null);
                cachedDoubles = 0;
            }
            c = new double[n];
            int off = i * d;
            for (int t = 0; t < n; t++) {
                c[t] = Kernels.dot(a, off, a, t * d, d);
            }
            columns[i] = c;
            cachedDoubles += n;
        }
        return c;
    }

    Outcome smo(double eps) {
        rows.combine(alpha, w);
        double[] g = new double[n];
        for (int t = 0; t < n; t++) {
            g[t] = y[t] * Kernels.dot(a, t * d, w, 0, d) - 1.0;
        }
        // Shrinking (LIBSVM style): act[0..activeSize) are the indices still considered.
        int[] act = new int[n];
        for (int t = 0; t < n; t++) {
            act[t] = t;
        }
        int activeSize = n;
        int shrinkCounter = Math.min(n, 1000);
        long sinceEpoch = 0;
        while (true) {
            if (iterations >= maxIterations) {
                return Outcome.BUDGET;
            }
            double gMax = Double.NEGATIVE_INFINITY;
            int i = -1;
            for (int q = 0; q < activeSize; q++) {
                int t = act[q];
                if (y[t] > 0 || alpha[t] > 0) {
                    double v = -y[t] * g[t];
                    if (v >= gMax) {
                        gMax = v;
                        i = t;
                    }
                }
            }
            double gMax2 = Double.NEGATIVE_INFINITY;
            int j = -1;
            if (i >= 0) {
                double[] ki = column(i);
                double kii = sqNorm[i];
                double objMin = Double.POSITIVE_INFINITY;
                for (int q = 0; q < activeSize; q++) {
                    int t = act[q];
                    if (y[t] < 0 || alpha[t] > 0) {
                        double v = y[t] * g[t];
                        if (v > gMax2) {
                            gMax2 = v;
                        }
                        double bit = gMax + v;
                        if (bit > 0) {
                            double ait = kii + sqNorm[t] - 2.0 * ki[t];
                            if (ait <= 0) {
                                ait = TAU;
                            }
                            double obj = -(bit * bit) / ait;
                            if (obj <= objMin) {
                                objMin = obj;
                                j = t;
                            }
                        }
                    }
                }
            }
            if (i < 0 || j < 0 || gMax + gMax2 < eps) {
                if (activeSize == n) {
                    return Outcome.CONVERGED;
                }
                // Unshrink: rebuild the gradient from scratch and re-check all points.
                rows.combine(alpha, w);
                for (int t = 0; t < n; t++) {
                    g[t] = y[t] * Kernels.dot(a, t * d, w, 0, d) - 1.0;
                    act[t] = t;
                }
                activeSize = n;
                shrinkCounter = Math.min(n, 1000);
                continue;
            }
            if (--shrinkCounter == 0) {
                shrinkCounter = Math.min(n, 1000);
                for (int q = 0; q < activeSize; q++) {
                    int t = act[q];
                    if (alpha[t] == 0.0) {
                        // y=+1 at the bound can only be an "i", useless if -G_t < M = -gMax2;
                        // y=-1 at the bound can only be a "j", useless if G_t > m = gMax.
                        boolean shrink = y[t] > 0 ? g[t] > gMax2 : g[t] > gMax;
                        if (shrink) {
                            activeSize--;
                            act[q] = act[activeSize];
                            act[activeSize] = t;
                            q--;
                        }
                    }
                }
            }
            double[] ki = column(i);
            double quad = sqNorm[i] + sqNorm[j] - 2.0 * ki[j];
            if (quad <= 0) {
                quad = TAU;
            }
            double oldI = alpha[i];
            double oldJ = alpha[j];
            double ai = oldI;
            double aj = oldJ;
            if (y[i] != y[j]) {
                double delta = (-g[i] - g[j]) / quad;
                double diff = ai - aj;
                ai += delta;
                aj += delta;
                if (diff > 0) {
                    if (aj < 0) {
                        aj = 0;
                        ai = diff;
                    }
                } else if (ai < 0) {
                    ai = 0;
                    aj = -diff;
                }
            } else {
                double delta = (g[i] - g[j]) / quad;
                double sum = ai + aj;
                ai -= delta;
                aj += delta;
                if (aj < 0) {
                    aj = 0;
                    ai = sum;
                }
                if (ai < 0) {
                    ai = 0;
                    aj = sum;
                }
            }
            alpha[i] = ai;
            alpha[j] = aj;
            double di = (ai - oldI) * y[i];
            double dj = (aj - oldJ) * y[j];
            double[] kj = column(j);
            ki = column(i); // may have been evicted by column(j)
            for (int q = 0; q < activeSize; q++) {
                int t = act[q];
                g[t] += y[t] * (di * ki[t] + dj * kj[t]);
            }
            Kernels.axpy(di, a, i * d, w, 0, d);
            Kernels.axpy(dj, a, j * d, w, 0, d);
            iterations++;
            if (++sinceEpoch >= n) {
                sinceEpoch = 0;
                epochs++;
                if (suspicious()) {
                    return Outcome.SUSPECT;
                }
            }
        }
    }
}
