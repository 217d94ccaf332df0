package org.sgdlab.oracles;

import java.util.SplittableRandom;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The coarse dual phase of {@link MulticlassSvm}: coordinate ascent over the n(K−1) dual variables α_{i,k} (k ≠ yᵢ),
 * sample by sample in a seeded random order, keeping W = W(α) up to date. The exact coordinate maximiser is
 * α_{i,k} ← max(0, α_{i,k} + (1 − m_{i,k})/(2‖xᵢ‖²)) with m_{i,k} = ⟨w_{yᵢ} − w_k, xᵢ⟩ (the coordinate moves w_{yᵢ} by
 * +δxᵢ and w_k by −δxᵢ, curvature 2‖xᵢ‖²); a call ends when the largest projected-gradient violation (scaled by 1/‖xᵢ‖)
 * is ≤ ε, when the budget runs out, when the dual looks unbounded, or at a checkpoint (100, 200, 400, ... epochs) where
 * the solver tries its finish early.
 *
 * <p>The state (α in the n × K layout with α_{i,yᵢ} = 0, W class-major, the counters) is shared with
 * {@link MulticlassSvmSolver}. All randomness comes from the seed given at construction.
 */
final class MulticlassDualAscent {
    /** How a call ended. */
    enum Outcome {
        /** The violation is below ε. */
        CONVERGED,
        /** The iteration budget ran out. */
        BUDGET,
        /** ‖W‖² &lt; ½Σα at a check (20, 40, 80, ... epochs): the data may not be separable. */
        SUSPECT,
        /** A checkpoint epoch was reached. */
        CHECKPOINT
    }

    private final double[] a;
    private final int[] y;
    private final int n;
    private final int d;
    private final int kk;
    private final long maxIterations;
    private final SplittableRandom rng;
    private final double[] sqNorm;
    private final MulticlassRows rows;
    /** α, n × K row-major (α_{i,yᵢ} = 0), modified in place. */
    final double[] alpha;
    /** W(α), K × d class-major. */
    final double[] w;
    /** Coordinate updates so far. */
    long iterations;
    private long epochs;
    private long nextCheck = 20;
    private long nextFinish = 100;

    /**
     * @param x      the points (read only)
     * @param y      the labels 0..K−1 (read only)
     * @param sqNorm ‖xᵢ‖² (read only)
     * @param rows   the constraint rows of the same data (for W(α))
     */
    MulticlassDualAscent(Matrix x, int[] y, int kk, double[] sqNorm, MulticlassRows rows, long maxIterations, long seed) {
        this.a = x.data();
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.kk = kk;
        this.maxIterations = maxIterations;
        this.rng = new SplittableRandom(seed);
        this.sqNorm = sqNorm;
        this.rows = rows;
        this.alpha = new double[n * kk];
        this.w = new double[kk * d];
    }

    /** Epochs so far. */
    long epochs() {
        return epochs;
    }

    /** Runs the ascent from the current α to violation ε (or another outcome). */
    Outcome run(double eps) {
        rows.combine(rows.compact(alpha), w);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] score = new double[kk];
        while (true) {
            if (iterations >= maxIterations) {
                return Outcome.BUDGET;
            }
            epochs++;
            for (int s = n - 1; s > 0; s--) {
                int r = rng.nextInt(s + 1);
                int tmp = idx[s];
                idx[s] = idx[r];
                idx[r] = tmp;
            }
            double viol = 0;
            for (int s = 0; s < n; s++) {
                int i = idx[s];
                int off = i * d;
                int yi = y[i];
                for (int k = 0; k < kk; k++) {
                    score[k] = Kernels.dot(a, off, w, k * d, d);
                }
                double q = sqNorm[i];
                for (int k = 0; k < kk; k++) {
                    if (k == yi) {
                        continue;
                    }
                    double g = 1.0 - (score[yi] - score[k]); // dual gradient
                    double old = alpha[i * kk + k];
                    double pg = old > 0 ? Math.abs(g) : Math.max(0.0, g);
                    viol = Math.max(viol, pg / Math.sqrt(q));
                    if (pg != 0.0) {
                        double nu = Math.max(0.0, old + g / (2.0 * q));
                        double delta = nu - old;
                        if (delta != 0.0) {
                            alpha[i * kk + k] = nu;
                            Kernels.axpy(delta, a, off, w, yi * d, d);
                            Kernels.axpy(-delta, a, off, w, k * d, d);
                            score[yi] += delta * q;
                            score[k] -= delta * q;
                        }
                    }
                    iterations++;
                }
            }
            if (viol <= eps) {
                return Outcome.CONVERGED;
            }
            if (suspicious()) {
                return Outcome.SUSPECT;
            }
            if (epochs >= nextFinish) {
                nextFinish = 2 * epochs;
                return Outcome.CHECKPOINT;
            }
        }
    }

    private boolean suspicious() {
        if (epochs < nextCheck) {
            return false;
        }
        nextCheck = 2 * epochs;
        double sa = 0;
        for (double v : alpha) {
            sa += v;
        }
        return Kernels.dot(w, w) < 0.5 * sa;
    }
}
