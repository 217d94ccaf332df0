package org.sgdlab.sde;

import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * The linear SDE dX = (A·X + c)dt + S·dW (A d×d, c ∈ ℝ^d, S d×m constant), with its exact Gaussian law as a reference
 * for the integrators: X_t ~ N(m(t), P(t)) with
 * <pre>
 *   m(t) = e^{At}x₀ + ∫₀ᵗ e^{As}ds·c,          P(t) = ∫₀ᵗ e^{As} Q e^{Aᵀs} ds,   Q = S·Sᵀ,
 * </pre>
 * both from one matrix exponential of a block matrix (Van Loan, "Computing integrals involving the matrix
 * exponential", IEEE TAC 23 (1978)): exp([[A, c], [0, 0]]·t) has ∫₀ᵗe^{As}ds·c in its last column, and
 * exp([[−A, Q], [0, Aᵀ]]·t) = [[F₁₁, F₁₂], [0, F₂₂]] gives P(t) = F₂₂ᵀ·F₁₂. For a stable A (every eigenvalue with negative
 * real part) the stationary covariance P_∞ solves the Lyapunov equation A·P + P·Aᵀ + Q = 0.
 *
 * <p>The Ornstein–Uhlenbeck process dX = θ(μ − X)dt + s·dW is A = −θ, c = θμ: m(t) = μ + (x₀ − μ)e^{−θt},
 * P(t) = s²(1 − e^{−2θt})/(2θ), P_∞ = s²/(2θ).
 */
public final class LinearSde implements Sde {
    private final int d;
    private final int m;
    private final double[] a;
    private final double[] c;
    private final double[] s;

    /** A (d×d), c (d), S (d×m), all copied. */
    public LinearSde(double[] a, double[] c, double[] s, int m) {
        this.d = c.length;
        Sdes.requireDimension("d", d);
        Sdes.requireDimension("m", m);
        if (a.length != d * d) {
            throw new IllegalArgumentException("A must have " + d + "×" + d + " entries, got " + a.length);
        }
        if (s.length != d * m) {
            throw new IllegalArgumentException("S must have " + d + "×" + m + " entries, got " + s.length);
        }
        Dense.requireFinite("A", a);
        Dense.requireFinite("c", c);
        Dense.requireFinite("S", s);
        this.m = m;
        this.a = a.clone();
        this.c = c.clone();
        this.s = s.clone();
    }

    /** The d-dimensional OU process dX = θ(μ − X)dt + s·dW with scalar θ &gt; 0 and s ≥ 0 (A = −θI, S = sI). */
    public static LinearSde ornsteinUhlenbeck(int d, double theta, double mu, double s) {
        Sdes.requireDimension("d", d);
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("OU rate theta must be > 0 and finite, got " + theta);
        }
        Sdes.requireFinite("mu", mu);
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("OU noise s must be >= 0 and finite, got " + s);
        }
        double[] a = new double[d * d];
        double[] c = new double[d];
        double[] sm = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = -theta;
            c[i] = theta * mu;
            sm[i * d + i] = s;
        }
        return new LinearSde(a, c, sm, d);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int noiseDimension() {
        return m;
    }

    @Override
    public void drift(double[] x, double[] out) {
        for (int i = 0; i < d; i++) {
            double v = c[i];
            for (int j = 0; j < d; j++) {
                v += a[i * d + j] * x[j];
            }
            out[i] = v;
        }
    }

    @Override
    public void diffusionTimes(double[] x, double[] dw, double[] out) {
        Dense.times(s, d, m, dw, out);
    }

    /** Whether A and S are diagonal (S square, m = d): then coordinate i is a one-dimensional linear SDE of its own. */
    public boolean diagonal() {
        if (m != d) {
            return false;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j && (a[i * d + j] != 0 || s[i * d + j] != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Entry (i, j) of A. */
    double driftEntry(int i, int j) {
        return a[i * d + j];
    }

    /** c_i. */
    double offset(int i) {
        return c[i];
    }

    /** Entry (i, j) of S (d × m). */
    double noiseEntry(int i, int j) {
        return s[i * m + j];
    }

    /** Q = S·Sᵀ (new array). */
    public double[] noiseCovariance() {
        return Dense.gram(s, d, m);
    }

    /** m(t) = E X_t from x₀ (t ≥ 0). */
    public double[] mean(double[] x0, double t) {
        requireTime(t);
        if (x0.length != d) {
            throw new IllegalArgumentException("x0 must have " + d + " entries, got " + x0.length);
        }
        int n = d + 1;
        double[] big = new double[n * n];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                big[i * n + j] = a[i * d + j] * t;
            }
            big[i * n + d] = c[i] * t;
        }
        double[] e = MatrixExponential.of(big, n);
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double v = e[i * n + d];
            for (int j = 0; j < d; j++) {
                v += e[i * n + j] * x0[j];
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * P(t) = Cov X_t (independent of x₀), row-major d×d: Van Loan's block exponential on a short interval τ = t/2^k with
     * ‖A‖_∞τ ≤ 1 (on long intervals its blocks grow like e^{‖A‖t} and cancel), then k doublings
     * P(2τ) = P(τ) + e^{Aτ}P(τ)e^{Aᵀτ}.
     */
    public double[] covariance(double t) {
        requireTime(t);
        double norm = Dense.normInf(a, d) * t;
        int k = norm <= 1 ? 0 : (int) Math.ceil(Math.log(norm) / Math.log(2));
        double tau = Math.scalb(t, -k);
        double[] p = vanLoan(tau);
        double[] f = MatrixExponential.of(scaled(a, tau), d);
        for (int i = 0; i < k; i++) {
            double[] fpf = Dense.multiplyTransposed(Dense.multiply(f, p, d, d, d), f, d, d, d);
            for (int j = 0; j < p.length; j++) {
                p[j] += fpf[j];
            }
            symmetrizeInPlace(p, d);
            f = Dense.multiply(f, f, d, d, d);
        }
        return p;
    }

    private static double[] scaled(double[] m, double s) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] * s;
        }
        return out;
    }

    /** Van Loan: exp([[−A, Q], [0, Aᵀ]]·t) = [[F₁₁, F₁₂], [0, F₂₂]], P(t) = F₂₂ᵀ·F₁₂ (accurate for ‖A‖t ≲ 1). */
    private double[] vanLoan(double t) {
        int n = 2 * d;
        double[] q = noiseCovariance();
        double[] big = new double[n * n];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                big[i * n + j] = -a[i * d + j] * t;
                big[i * n + d + j] = q[i * d + j] * t;
                big[(d + i) * n + d + j] = a[j * d + i] * t;
            }
        }
        double[] e = MatrixExponential.of(big, n);
        double[] p = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += e[(d + k) * n + d + i] * e[k * n + d + j]; // (F22ᵀ)_{ik} (F12)_{kj}
                }
                p[i * d + j] = v;
            }
        }
        symmetrizeInPlace(p, d);
        return p;
    }

    /**
     * P_∞ solving A·P + P·Aᵀ + Q = 0 (the d²×d² Kronecker system (I⊗A + A⊗I)vec P = −vec Q, so for d up to ~30). Throws
     * if the system is singular or its solution is not positive semidefinite, i.e. A is not stable.
     */
    public double[] stationaryCovariance() {
        int n = d * d;
        double[] k = new double[n * n];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                int row = i * d + j;
                for (int l = 0; l < d; l++) {
                    k[row * n + l * d + j] += a[i * d + l]; // (A·P)_ij = Σ_l A_il P_lj
                    k[row * n + i * d + l] += a[j * d + l]; // (P·Aᵀ)_ij = Σ_l P_il A_jl
                }
            }
        }
        double[] q = noiseCovariance();
        for (int i = 0; i < n; i++) {
            q[i] = -q[i];
        }
        double[] p;
        try {
            p = Dense.solve(k, q, n, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no stationary covariance: A is not stable (the Lyapunov system is singular)", e);
        }
        symmetrizeInPlace(p, d);
        try {
            Dense.psdFactor("stationary covariance", p, d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no stationary covariance: A is not stable (" + e.getMessage() + ")", e);
        }
        return p;
    }

    /**
     * Exact draws of X_T from x₀: X_T = m(T) + L·ζ with L·Lᵀ = P(T), ζ ~ N(0, I), path p from
     * {@code new RandomStream(seed).split(p)} (same bits for any thread count). Brownian ends are not available
     * (NaN): these are draws of the law, not of a path.
     */
    public Paths sampleExact(double[] x0, double horizon, int paths, long seed) {
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, got " + paths);
        }
        double[] mean = mean(x0, horizon);
        double[] l = Dense.psdFactor("covariance P(T)", covariance(horizon), d);
        double[] finals = new double[paths * d];
        double[] wEnds = new double[paths * m];
        java.util.Arrays.fill(wEnds, Double.NaN);
        RandomStream master = new RandomStream(seed);
        int blocks = (paths + PathSimulator.BLOCK - 1) / PathSimulator.BLOCK;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            double[] z = new double[d];
            int end = Math.min(paths, (block + 1) * PathSimulator.BLOCK);
            for (int p = block * PathSimulator.BLOCK; p < end; p++) {
                master.split(p).gaussians(z);
                for (int i = 0; i < d; i++) {
                    double v = mean[i];
                    for (int j = 0; j < d; j++) {
                        v += l[i * d + j] * z[j];
                    }
                    finals[p * d + i] = v;
                }
            }
        });
        return new Paths(paths, d, m, finals, wEnds);
    }

    private static void requireTime(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("time t must be >= 0 and finite, got " + t);
        }
    }

    private static void symmetrizeInPlace(double[] p, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (p[i * d + j] + p[j * d + i]);
                p[i * d + j] = v;
                p[j * d + i] = v;
            }
        }
    }

    @Override
    public String describe() {
        return "linear-sde(d=" + d + ", m=" + m + ")";
    }
}
