package org.sgdlab.theory.sde;

import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.Loss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sde.MinibatchOracle;

/**
 * Independent SGD paths on a finite sum, in parallel over paths with the same bits for any thread count (like
 * {@link org.sgdlab.sde.PathSimulator}): path p runs x ← x − η·g, g a minibatch gradient of
 * {@code EmpiricalRisk(data, loss, MEAN)} over B indices drawn uniformly with replacement ({@link MinibatchOracle}),
 * from x₀ for K steps, all its randomness from {@code new RandomStream(seed).split(p)}; blocks of {@value #BLOCK}
 * paths are the parallel tasks. The Monte Carlo of sde.weak-order and of the bench workload {@code weakorder}.
 */
public final class SgdMonteCarlo {
    /** Paths per parallel block (fixed, independent of the thread count). */
    public static final int BLOCK = 64;

    private SgdMonteCarlo() {
    }

    private static void requireRun(double eta, int steps, int paths, int batch, double[] x0, Dataset data) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta must be > 0 and finite, got " + eta);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, got " + paths);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        if (x0.length != data.d()) {
            throw new IllegalArgumentException("x0 must have " + data.d() + " entries, got " + x0.length);
        }
    }

    /**
     * x_K on every path, row-major paths × d (a new array).
     *
     * @param data  the finite sum's rows and targets (read only)
     * @param loss  its loss (mean reduction)
     * @param batch B ≥ 1, indices with replacement
     * @param eta   η &gt; 0
     * @param steps K ≥ 0
     * @param x0    start, length d (read only)
     * @param paths ≥ 1
     * @param seed  master seed
     */
    public static double[] finals(Dataset data, Loss loss, int batch, double eta, int steps, double[] x0, int paths, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(loss, "loss");
        requireRun(eta, steps, paths, batch, x0, data);
        int d = data.d();
        double[] out = new double[paths * d];
        RandomStream master = new RandomStream(seed);
        Parallel.forEachBlock((paths + BLOCK - 1) / BLOCK, (block, worker) -> {
            MinibatchOracle oracle = new MinibatchOracle(EmpiricalRisk.of(data, loss, Reduction.MEAN), batch, true);
            double[] x = new double[d];
            double[] g = new double[d];
            int end = Math.min(paths, (block + 1) * BLOCK);
            for (int p = block * BLOCK; p < end; p++) {
                RandomStream r = master.split(p);
                System.arraycopy(x0, 0, x, 0, d);
                for (int k = 0; k < steps; k++) {
                    oracle.sample(x, r, g);
                    for (int j = 0; j < d; j++) {
                        x[j] -= eta * g[j];
                    }
                }
                System.arraycopy(x, 0, out, p * d, d);
            }
        });
        return out;
    }

    /**
     * {@link #finals} plus the ingredients of martingale control variates (docs/sde.md §8). With the kick
     * u_k = x_{k+1} − x_k + η∇f(x_k) = −η(g_k − ∇f(x_k)) (conditional mean 0, conditional covariance C_k = η²Cov(g | x_k)
     * = η²Σ₁(x_k)/B computed from the n one-term gradients) and deterministic d×d matrices Φ_k, each path returns
     * δ = Σ_k Φ_k u_k and, for each weight sequence W_q, the compensator c_q = Σ_k ⟨W_q(k), C_k⟩ (entrywise product summed).
     * Then E[aᵀδ] = 0 for any a and, when W_q(k) = Φ_kᵀGΦ_k, E[δᵀGδ − c_q] = 0 exactly (the cross terms of a martingale
     * vanish). Same x_K bits as {@link #finals} (the draw is MinibatchOracle's); n one-term gradients more per step.
     *
     * @param phi          Φ_k row-major, flattened: steps·d·d entries (read only)
     * @param compensators W_q(k) flattened like phi, one array per q (read only)
     * @return row-major paths × (2d + Q): x_K, δ, c_1 … c_Q
     */
    public static double[] controlled(Dataset data, Loss loss, int batch, double eta, int steps, double[] x0, int paths, long seed,
                                      double[] phi, double[][] compensators) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(loss, "loss");
        requireRun(eta, steps, paths, batch, x0, data);
        int d = data.d();
        int dd = d * d;
        if (phi.length != steps * dd) {
            throw new IllegalArgumentException("phi must have steps·d·d = " + steps * dd + " entries, got " + phi.length);
        }
        for (double[] w : compensators) {
            if (w.length != steps * dd) {
                throw new IllegalArgumentException("each compensator weight array must have steps·d·d = " + steps * dd + " entries, got " + w.length);
            }
        }
        int nq = compensators.length;
        int width = 2 * d + nq;
        double[] out = new double[paths * width];
        RandomStream master = new RandomStream(seed);
        Parallel.forEachBlock((paths + BLOCK - 1) / BLOCK, (block, worker) -> {
            ControlledPath path = new ControlledPath(data, loss, batch, eta, phi, compensators);
            int end = Math.min(paths, (block + 1) * BLOCK);
            for (int p = block * BLOCK; p < end; p++) {
                path.run(x0, master.split(p), steps, out, p * width);
            }
        });
        return out;
    }

    /**
     * The linear scaling rule's coupled runs (002 Def. 12.1.3, Thm 12.3.5), common random numbers: per path one i.i.d.
     * uniform index sequence i₁, i₂, … of length K·B; SGD(B, η) takes K steps using the indices B at a time, and for each κ
     * in {@code kappas} (each dividing K) SGD(κB, κη) takes K/κ steps using the same indices κB at a time. Each run has its
     * exact law (the sequence is i.i.d.), and the two share their randomness. Path p uses {@code new RandomStream(seed).split(p)}.
     *
     * @return {@code [0]}: SGD(B, η)'s x_K (paths × d); {@code [1 + c]}: SGD(κ_cB, κ_cη)'s x_{K/κ_c}
     */
    public static double[][] linearScaling(Dataset data, Loss loss, int batch, double eta, int steps, int[] kappas, double[] x0,
                                           int paths, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(loss, "loss");
        requireRun(eta, steps, paths, batch, x0, data);
        for (int kappa : kappas) {
            if (kappa < 1 || steps % kappa != 0) {
                throw new IllegalArgumentException("every kappa must be >= 1 and divide steps = " + steps + ", got " + kappa);
            }
        }
        int d = data.d();
        int n = data.n();
        int total = steps * batch;
        double[][] out = new double[1 + kappas.length][paths * d];
        RandomStream master = new RandomStream(seed);
        Parallel.forEachBlock((paths + BLOCK - 1) / BLOCK, (block, worker) -> {
            EmpiricalRisk risk = EmpiricalRisk.of(data, loss, Reduction.MEAN);
            int[] indices = new int[total];
            double[] x = new double[d];
            double[] g = new double[d];
            int[] batchIdx = new int[batch * maxOf(kappas)];
            int end = Math.min(paths, (block + 1) * BLOCK);
            for (int p = block * BLOCK; p < end; p++) {
                RandomStream r = master.split(p);
                for (int t = 0; t < total; t++) {
                    indices[t] = r.nextInt(n);
                }
                for (int c = 0; c <= kappas.length; c++) {
                    int kappa = c == 0 ? 1 : kappas[c - 1];
                    int b = kappa * batch;
                    double lr = kappa * eta;
                    System.arraycopy(x0, 0, x, 0, d);
                    sgdSteps(risk, indices, batchIdx, b, lr, steps / kappa, x, g);
                    System.arraycopy(x, 0, out[c], p * d, d);
                }
            }
        });
        return out;
    }

    /**
     * {@code count} SGD steps x ← x − lr·g from x (modified), step k's batch the b indices from k·b of {@code indices}
     * (copied into batchIdx; g a buffer). A method of its own: inline, its loop made C2 compile the whole parallel task of
     * {@link #linearScaling} by on-stack replacement (8 kB of code, twice, in a JFR of check --quick). Same bits.
     */
    private static void sgdSteps(EmpiricalRisk risk, int[] indices, int[] batchIdx, int b, double lr, int count, double[] x,
                                 double[] g) {
        for (int k = 0; k < count; k++) {
            System.arraycopy(indices, k * b, batchIdx, 0, b);
            risk.minibatchGradient(x, batchIdx, b, g);
            for (int j = 0; j < x.length; j++) {
                x[j] -= lr * g[j];
            }
        }
    }

    private static int maxOf(int[] v) {
        int m = 1;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * One worker's state for {@link #controlled}: its buffers, and a path's steps as a method of their own. Why not inline
     * in the parallel task: there the step's loops sat four deep inside the task's loop over paths, and C2 compiled the
     * whole task by on-stack replacement with everything inlined (17.5 kB of code, ~1.1 s of compiler time under load in a
     * JFR of check --quick); {@link #step} is now compiled on its own. The same operations in the same order: same bits.
     */
    private static final class ControlledPath {
        private final EmpiricalRisk risk;
        private final MinibatchOracle oracle;
        private final int batch;
        private final double eta;
        private final double[] phi;
        private final double[][] compensators;
        private final int n;
        private final int d;
        private final int[] idx;
        private final int[] one = new int[1];
        private final double[] h;
        private final double[] x;
        private final double[] g;
        private final double[] full;
        private final double[] cov;
        private final double[] u;
        private final double[] delta;
        private final double[] comp;

        ControlledPath(Dataset data, Loss loss, int batch, double eta, double[] phi, double[][] compensators) {
            this.risk = EmpiricalRisk.of(data, loss, Reduction.MEAN);
            this.oracle = new MinibatchOracle(risk, batch, true);
            this.batch = batch;
            this.eta = eta;
            this.phi = phi;
            this.compensators = compensators;
            this.n = data.n();
            this.d = data.d();
            this.idx = new int[batch];
            this.h = new double[n * d];
            this.x = new double[d];
            this.g = new double[d];
            this.full = new double[d];
            this.cov = new double[d * d];
            this.u = new double[d];
            this.delta = new double[d];
            this.comp = new double[compensators.length];
        }

        /** The path from x0 drawing from r: x_K, δ and the compensators into out[at …] (2d + Q entries). */
        void run(double[] x0, RandomStream r, int steps, double[] out, int at) {
            System.arraycopy(x0, 0, x, 0, d);
            java.util.Arrays.fill(delta, 0);
            java.util.Arrays.fill(comp, 0);
            for (int k = 0; k < steps; k++) {
                step(r, k);
            }
            System.arraycopy(x, 0, out, at, d);
            System.arraycopy(delta, 0, out, at + d, d);
            System.arraycopy(comp, 0, out, at + 2 * d, comp.length);
        }

        /** Step k of the path: the draw, the kick u_k, δ += Φ_k u_k, c_q += η²⟨W_q(k), Σ₁/B⟩, x ← x − ηg. */
        private void step(RandomStream r, int k) {
            int dd = d * d;
            // the draw exactly as MinibatchOracle.sample (same bits as finals)
            oracle.drawIndices(r, idx);
            // ∇f and Cov(g | x) = Σ₁/B from the n one-term gradients hᵢ
            java.util.Arrays.fill(full, 0);
            for (int i = 0; i < n; i++) {
                one[0] = i;
                risk.minibatchGradient(x, one, 1, u);
                for (int j = 0; j < d; j++) {
                    h[i * d + j] = u[j];
                    full[j] += u[j] / n;
                }
            }
            if (batch == 1) {
                // the one-row batch's gradient is that row's hᵢ: the same call on the same row, the same bits
                System.arraycopy(h, idx[0] * d, g, 0, d);
            } else {
                risk.minibatchGradient(x, idx, batch, g);
            }
            java.util.Arrays.fill(cov, 0);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double ua = h[i * d + a] - full[a];
                    for (int b = 0; b < d; b++) {
                        cov[a * d + b] += ua * (h[i * d + b] - full[b]) / ((double) n * batch);
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                u[j] = -eta * (g[j] - full[j]);
            }
            int off = k * dd;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += phi[off + a * d + j] * u[j];
                }
                delta[a] += s;
            }
            for (int q = 0; q < comp.length; q++) {
                double s = 0;
                for (int e = 0; e < dd; e++) {
                    s += compensators[q][off + e] * cov[e];
                }
                comp[q] += eta * eta * s;
            }
            for (int j = 0; j < d; j++) {
                x[j] -= eta * g[j];
            }
        }
    }
}
