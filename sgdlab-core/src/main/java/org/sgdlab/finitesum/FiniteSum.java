package org.sgdlab.finitesum;

import org.sgdlab.linalg.SymmetricEigen;

import java.util.Arrays;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.Smoothness;

/**
 * The exact constants of a finite sum f(x) = (1/m)Σⱼ fⱼ(x) (source 003, §1) given as an
 * {@link EmpiricalRisk} with {@link Reduction#MEAN} and no intercept, for the two losses whose
 * constants have closed forms:
 *
 * <ul>
 * <li><b>least squares</b> ({@link SquaredLoss}: fⱼ(x) = ½(aⱼᵀx − yⱼ)², the library's ½ convention):
 *     ∇fⱼ(x) = rⱼaⱼ with rⱼ = aⱼᵀx − yⱼ, ∇²f = H = AᵀA/m. L = λ_max(H), γ = λ_min(H) (0 when A has
 *     rank &lt; d: not strongly convex), each fⱼ is ‖aⱼ‖²-smooth, f* = f(x*) with x* the min-norm
 *     minimizer Σ_{λₖ&gt;0} vₖvₖᵀAᵀy/(mλₖ) from the eigendecomposition of H, and f(x) − f* = ½(x − x*)ᵀH(x − x*)
 *     exactly (no cancellation). The eigendecomposition is the Jacobi method of {@link SymmetricEigen}
 *     for d ≤ {@link #EIGEN_LIMIT}; above that L is found by power iteration and γ is only decided when
 *     it is structurally 0 (a column of A that is identically zero).</li>
 * <li><b>logistic</b> ({@link LogisticLoss}: fⱼ(x) = log(1 + exp(−yⱼaⱼᵀx))): φ'' ≤ ¼ gives the certified
 *     upper bound L ≤ σ_max(A)²/(4m) (not the exact constant, which depends on x); there is no global
 *     strong convexity (φ'' → 0 at infinity), so γ = 0; ‖∇fⱼ‖ ≤ ‖aⱼ‖ everywhere.</li>
 * </ul>
 *
 * <p><b>Minibatch variance.</b> Let dⱼ = ∇fⱼ(x) − ∇f(x) (so Σⱼdⱼ = 0) and S(x) = (1/m)Σⱼ‖dⱼ‖², the
 * single-sample variance of source 003 §5.1. For a batch of p indices drawn i.i.d. uniformly (with
 * replacement, source 003's sampler), G − ∇f = (1/p)Σℓ d_{jℓ} is a mean of p i.i.d. zero-mean vectors, so
 * E‖G − ∇f‖² = S(x)/p. For a uniformly random p-subset (without replacement: one batch of a shuffled
 * epoch when p divides m), P(j ∈ B) = p/m and P(j, k ∈ B) = p(p−1)/(m(m−1)) for j ≠ k; with
 * Σ_{j≠k}⟨dⱼ, dₖ⟩ = ‖Σdⱼ‖² − Σ‖dⱼ‖² = −Σ‖dⱼ‖²,
 * E‖Σ_{j∈B}dⱼ‖² = (p/m)Σ‖dⱼ‖² − p(p−1)/(m(m−1))Σ‖dⱼ‖² = p(m−p)/(m−1)·S(x), hence
 * E‖G − ∇f‖² = (m − p)/((m − 1)p)·S(x) (the finite-population correction; 0 for p = m).
 *
 * <p>Not thread-safe (scratch buffers); the constants are computed once and cached. Use {@link #copy()}
 * per thread.
 */
public final class FiniteSum {
    /** Largest d for which the Hessian is decomposed by Jacobi (L and γ exact). */
    public static final int EIGEN_LIMIT = 400;
    /** Eigenvalues below this multiple of λ_max are treated as 0 (rank decision). */
    public static final double RANK_TOLERANCE = 1e-12;

    /** The two supported kinds of finite sum. */
    public enum Kind {
        LEAST_SQUARES,
        LOGISTIC
    }

    private final EmpiricalRisk risk;
    private final Kind kind;
    private final Matrix a;
    private final double[] y;
    private final int m;
    private final int d;
    private final double[] rowNormSq;
    private final double[] scratchM;
    private final double[] scratchD;
    private final double[] scratchD2;
    private Constants constants;

    /** Everything computed once. */
    private record Constants(Constant l, Constant lMax, Constant gamma, double[] hessian, SymmetricEigen eigen,
                             double[] minimizer, double minimum) {
    }

    private FiniteSum(EmpiricalRisk risk, Kind kind, Constants constants) {
        this.risk = risk;
        this.kind = kind;
        this.a = risk.data().x();
        this.y = risk.data().y();
        this.m = a.rows();
        this.d = a.cols();
        this.rowNormSq = new double[m];
        for (int j = 0; j < m; j++) {
            rowNormSq[j] = Kernels.dot(a.data(), j * d, a.data(), j * d, d);
        }
        this.scratchM = new double[m];
        this.scratchD = new double[d];
        this.scratchD2 = new double[d];
        this.constants = constants;
    }

    /**
     * The finite sum of {@code f}; requires {@link Reduction#MEAN}, no intercept, and the squared or
     * logistic loss.
     */
    public static FiniteSum of(EmpiricalRisk f) {
        if (f.reduction() != Reduction.MEAN) {
            throw new IllegalArgumentException("a finite sum f = (1/m)Σ fⱼ needs Reduction.MEAN, got " + f.reduction());
        }
        if (f.model().hasIntercept()) {
            throw new IllegalArgumentException("finite-sum constants are implemented for models without intercept");
        }
        Kind kind;
        if (f.loss() == SquaredLoss.INSTANCE) {
            kind = Kind.LEAST_SQUARES;
        } else if (f.loss() == LogisticLoss.INSTANCE) {
            kind = Kind.LOGISTIC;
        } else {
            throw new IllegalArgumentException("finite-sum constants are implemented for the squared and logistic losses, got "
                    + f.loss().name());
        }
        return new FiniteSum(f, kind, null);
    }

    /** A copy with its own scratch buffers (shares the cached constants); for use from another thread. */
    public FiniteSum copy() {
        Constants c = constants();
        return new FiniteSum(new EmpiricalRisk(risk.data(), risk.model(), risk.loss(), risk.reduction()), kind, c);
    }

    public Kind kind() {
        return kind;
    }

    public EmpiricalRisk risk() {
        return risk;
    }

    /** m, the number of terms. */
    public int terms() {
        return m;
    }

    /** d, the dimension. */
    public int dimension() {
        return d;
    }

    private Constants constants() {
        if (constants == null) {
            constants = kind == Kind.LEAST_SQUARES ? leastSquaresConstants() : logisticConstants();
        }
        return constants;
    }

    private Constants leastSquaresConstants() {
        double maxRow = Arrays.stream(rowNormSq).max().orElse(0);
        Constant lMax = new Constant("L_max", maxRow, true, "max_j ‖a_j‖² (f_j = ½(a_jᵀx − y_j)² has Hessian a_ja_jᵀ)");
        if (d > EIGEN_LIMIT) {
            double l = Smoothness.sigmaMaxSquared(risk.data(), false) / m;
            boolean zeroColumn = hasZeroColumn();
            Constant gamma = zeroColumn
                    ? new Constant("gamma", 0.0, true, "0 exactly: a column of A is identically zero, so e_j ∈ ker(AᵀA)")
                    : new Constant("gamma", 0.0, false, "lower bound 0 (d = " + d + " too large for the eigen solver)");
            Constant lc = new Constant("L", l, false,
                    "λ_max(AᵀA)/m by power iteration converged to 1e-12 relative (d = " + d + " > " + EIGEN_LIMIT + ")");
            return new Constants(lc, lMax, gamma, null, null, null, Double.NaN);
        }
        double[] h = hessianMatrix();
        SymmetricEigen e = SymmetricEigen.of(h, d);
        double lam = e.max();
        double tol = RANK_TOLERANCE * Math.max(lam, Double.MIN_NORMAL) * d;
        double gmin = e.min();
        Constant l = new Constant("L", lam, true, "λ_max(AᵀA/m), Jacobi eigendecomposition of the d×d Hessian");
        Constant gamma = gmin > tol
                ? new Constant("gamma", gmin, true, "λ_min(AᵀA/m), Jacobi eigendecomposition of the d×d Hessian")
                : new Constant("gamma", 0.0, true, "0: λ_min(AᵀA/m) = " + gmin + " ≤ " + tol
                        + " (rank-deficient A; f is not strongly convex)");
        // min-norm minimizer x* = H⁺ b with b = Aᵀy/m
        double[] b = a.transposeTimes(y);
        for (int i = 0; i < d; i++) {
            b[i] /= m;
        }
        double[] xs = new double[d];
        for (int k = 0; k < d; k++) {
            if (e.values()[k] > tol) {
                double c = 0;
                for (int i = 0; i < d; i++) {
                    c += e.vectors()[i * d + k] * b[i];
                }
                c /= e.values()[k];
                for (int i = 0; i < d; i++) {
                    xs[i] += c * e.vectors()[i * d + k];
                }
            }
        }
        double fstar = risk.value(xs);
        return new Constants(l, lMax, gamma, h, e, xs, fstar);
    }

    private Constants logisticConstants() {
        double sigma2 = Smoothness.sigmaMaxSquared(risk.data(), false);
        double maxRow = Arrays.stream(rowNormSq).max().orElse(0);
        // c = sup φ'' = ¼, a power of two: c·σ²/m and c·maxRow round exactly as σ²/(4m) and maxRow/4
        double c = LogisticLoss.INSTANCE.curvatureBound().orElseThrow();
        Constant l = new Constant("L", c * sigma2 / m, false,
                "certified upper bound σ_max(A)²/(4m) from φ'' ≤ ¼ (σ_max² by power iteration); the exact constant is smaller");
        Constant lMax = new Constant("L_max", c * maxRow, false, "upper bound max_j ‖a_j‖²/4 from φ'' ≤ ¼");
        Constant gamma = new Constant("gamma", 0.0, true,
                "0: the logistic loss has φ'' → 0 at infinity, so f is not globally strongly convex");
        return new Constants(l, lMax, gamma, null, null, null, Double.NaN);
    }

    private boolean hasZeroColumn() {
        boolean[] nonzero = new boolean[d];
        double[] x = a.data();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                if (x[j * d + i] != 0) {
                    nonzero[i] = true;
                }
            }
        }
        for (boolean b : nonzero) {
            if (!b) {
                return true;
            }
        }
        return false;
    }

    /** The number of columns of A that are identically zero (each makes AᵀA singular). */
    public int zeroColumns() {
        int count = 0;
        double[] x = a.data();
        for (int i = 0; i < d; i++) {
            boolean z = true;
            for (int j = 0; j < m && z; j++) {
                z = x[j * d + i] == 0;
            }
            if (z) {
                count++;
            }
        }
        return count;
    }

    /** The least-squares Hessian AᵀA/m as a row-major d×d array (a new array). */
    public double[] hessianMatrix() {
        requireLeastSquares("the Hessian");
        double[] h = new double[d * d];
        double[] x = a.data();
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < d; p++) {
                double v = x[j * d + p];
                if (v != 0) {
                    for (int q = p; q < d; q++) {
                        h[p * d + q] += v * x[j * d + q];
                    }
                }
            }
        }
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                h[p * d + q] /= m;
                h[q * d + p] = h[p * d + q];
            }
        }
        return h;
    }

    /** L: the smoothness constant of f (exact λ_max(H) for least squares; a certified upper bound for logistic). */
    public Constant smoothness() {
        return constants().l();
    }

    /** max_j L_j: the smallest constant with every fⱼ L-smooth (source 003's assumption 1). */
    public Constant componentSmoothness() {
        return constants().lMax();
    }

    /** γ: the strong-convexity constant (λ_min(H) for least squares; 0 when not strongly convex). */
    public Constant strongConvexity() {
        return constants().gamma();
    }

    /** The eigendecomposition of the least-squares Hessian (null when d &gt; {@link #EIGEN_LIMIT}). */
    public SymmetricEigen hessianEigen() {
        return constants().eigen();
    }

    /** True when f* and the minimizer are available (least squares with d ≤ {@link #EIGEN_LIMIT}). */
    public boolean hasMinimum() {
        return constants().minimizer() != null;
    }

    /** The min-norm minimizer x* (least squares; a copy). */
    public double[] minimizer() {
        requireMinimum();
        return constants().minimizer().clone();
    }

    /** f* = min f (least squares). */
    public double minimum() {
        requireMinimum();
        return constants().minimum();
    }

    /** f(x) − f* = ½(x − x*)ᵀH(x − x*), exact for least squares (no cancellation of f(x) − f*). */
    public double excess(double[] x) {
        requireMinimum();
        double[] xs = constants().minimizer();
        double[] h = constants().hessian();
        double[] e = scratchD;
        for (int i = 0; i < d; i++) {
            e[i] = x[i] - xs[i];
        }
        double s = 0;
        for (int p = 0; p < d; p++) {
            double hp = 0;
            for (int q = 0; q < d; q++) {
                hp += h[p * d + q] * e[q];
            }
            s += e[p] * hp;
        }
        return 0.5 * s;
    }

    /** f(x). */
    public double value(double[] x) {
        return risk.value(x);
    }

    /** Writes ∇f(x) into {@code out}; returns ‖∇f(x)‖². For least squares with the Hessian available: H(x − x*), O(d²). */
    public double gradient(double[] x, double[] out) {
        if (kind == Kind.LEAST_SQUARES && hasMinimum()) {
            double[] xs = constants().minimizer();
            double[] h = constants().hessian();
            double[] e = scratchD2;
            for (int i = 0; i < d; i++) {
                e[i] = x[i] - xs[i];
            }
            double s = 0;
            for (int p = 0; p < d; p++) {
                double hp = 0;
                for (int q = 0; q < d; q++) {
                    hp += h[p * d + q] * e[q];
                }
                out[p] = hp;
                s += hp * hp;
            }
            return s;
        }
        risk.gradientOnly(x, out);
        return Kernels.dot(out, out);
    }

    /** ‖∇f(x)‖². */
    public double gradientNormSquared(double[] x) {
        return gradient(x, new double[d]);
    }

    /** Writes ∇fⱼ(x) into {@code out}. */
    public void componentGradient(int j, double[] x, double[] out) {
        double s = componentCoefficient(j, Kernels.dot(a.data(), j * d, x, 0, d));
        for (int i = 0; i < d; i++) {
            out[i] = s * a.data()[j * d + i];
        }
    }

    /** ∇fⱼ(x) = c·aⱼ with c = ℓ'(aⱼᵀx, yⱼ). */
    private double componentCoefficient(int j, double p) {
        if (kind == Kind.LEAST_SQUARES) {
            return p - y[j];
        }
        return y[j] * LogisticLoss.INSTANCE.derivative(y[j] * p);
    }

    /**
     * S(x) = (1/m)Σⱼ‖∇fⱼ(x) − ∇f(x)‖² = (1/m)Σⱼ cⱼ²‖aⱼ‖² − ‖∇f(x)‖² (source 003 §5.1: the variance of a
     * single uniformly sampled gradient). Computed in O(md) as the mean of ‖dⱼ‖² (no cancellation).
     */
    public double spread(double[] x) {
        double[] g = new double[d];
        double[] c = scratchM;
        // row j's prediction (Kernels.gemv's dot for that row) and its axpy while the row is in cache: one pass over A
        // instead of two, the same operations in the same order (sgd.mnist-4v9 evaluates S at 101 probes of each run,
        // A 1958 × 784, 12 MB)
        for (int j = 0; j < m; j++) {
            c[j] = componentCoefficient(j, Kernels.dot(a.data(), j * d, x, 0, d));
            Kernels.axpy(c[j], a.data(), j * d, g, 0, d);
        }
        for (int i = 0; i < d; i++) {
            g[i] /= m;
        }
        // ‖cⱼaⱼ − g‖² = cⱼ²‖aⱼ‖² − 2cⱼ⟨aⱼ, g⟩ + ‖g‖²
        double gg = Kernels.dot(g, g);
        double s = 0;
        for (int j = 0; j < m; j++) {
            double ag = Kernels.dot(a.data(), j * d, g, 0, d);
            s += Math.max(0, c[j] * c[j] * rowNormSq[j] - 2 * c[j] * ag + gg);
        }
        return s / m;
    }

    /** Var(G | x) for a batch of p i.i.d. uniform indices (with replacement): S(x)/p. */
    public double varianceWithReplacement(double[] x, int p) {
        return spread(x) * withReplacementFactor(p);
    }

    /** Var(G | x) for a uniformly random p-subset (one shuffled batch): (m − p)/((m − 1)p)·S(x). */
    public double varianceWithoutReplacement(double[] x, int p) {
        return spread(x) * withoutReplacementFactor(m, p);
    }

    /** 1/p. */
    public static double withReplacementFactor(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + p);
        }
        return 1.0 / p;
    }

    /** (m − p)/((m − 1)p), the finite-population factor; 0 for p = m; 1 for m = p = 1 is undefined → requires m ≥ 2. */
    public static double withoutReplacementFactor(int m, int p) {
        if (p < 1 || p > m || m < 2) {
            throw new IllegalArgumentException("need 1 <= p <= m and m >= 2, got m=" + m + ", p=" + p);
        }
        return (double) (m - p) / ((double) (m - 1) * p);
    }

    /**
     * An upper bound on sup{S(x) : ‖x − center‖ ≤ radius}.
     * Least squares: S is a convex quadratic, S(c + e) = S(c) + ⟨∇S(c), e⟩ + eᵀPe with
     * P = (1/m)Σ‖aⱼ‖²aⱼaⱼᵀ − H² ≼ (1/m)Σ‖aⱼ‖²aⱼaⱼᵀ, so S ≤ S(c) + ‖∇S(c)‖r + λ_max(P)r², with λ_max(P)
     * exact by Jacobi when d ≤ {@link #EIGEN_LIMIT} and otherwise bounded by max‖aⱼ‖²·L.
     * ∇S(c) = (2/m)Σ rⱼ‖aⱼ‖²aⱼ − 2H∇f(c).
     * Logistic: ‖∇fⱼ‖ ≤ ‖aⱼ‖ everywhere, so S ≤ (1/m)Σ‖∇fⱼ‖² ≤ (1/m)Σ‖aⱼ‖² on all of ℝ^d.
     */
    public Constant spreadBoundOnBall(double[] center, double radius) {
        if (kind == Kind.LOGISTIC) {
            double s = Arrays.stream(rowNormSq).sum() / m;
            return new Constant("M", s, false, "(1/m)Σ‖a_j‖², a global bound from ‖∇f_j‖ ≤ ‖a_j‖ (logistic)");
        }
        double s0 = spread(center);
        double[] grad = spreadGradient(center);
        double lp;
        String how;
        if (d <= EIGEN_LIMIT) {
            lp = SymmetricEigen.of(spreadCurvature(), d).max();
            how = "λ_max(P) exact (Jacobi)";
        } else {
            lp = Arrays.stream(rowNormSq).max().orElse(0) * smoothness().value();
            how = "λ_max(P) ≤ max‖a_j‖²·L";
        }
        double bound = s0 + Kernels.norm2(grad) * radius + Math.max(lp, 0) * radius * radius;
        return new Constant("M", bound, false, "S(c) + ‖∇S(c)‖r + λ_max(P)r² on the ball of radius " + radius + ", " + how);
    }

    /** P = (1/m)Σ‖aⱼ‖²aⱼaⱼᵀ − H², the Hessian of S/2 (least squares; row-major d×d). */
    public double[] spreadCurvature() {
        requireLeastSquares("the curvature of S");
        double[] h = constants().hessian() != null ? constants().hessian() : hessianMatrix();
        double[] p = new double[d * d];
        double[] x = a.data();
        for (int j = 0; j < m; j++) {
            double w = rowNormSq[j] / m;
            for (int u = 0; u < d; u++) {
                double v = w * x[j * d + u];
                for (int q = 0; q < d; q++) {
                    p[u * d + q] += v * x[j * d + q];
                }
            }
        }
        for (int u = 0; u < d; u++) {
            for (int q = 0; q < d; q++) {
                double hh = 0;
                for (int k = 0; k < d; k++) {
                    hh += h[u * d + k] * h[k * d + q];
                }
                p[u * d + q] -= hh;
            }
        }
        return p;
    }

    /** ∇S(c) = (2/m)Σ rⱼ‖aⱼ‖²aⱼ − 2H∇f(c) (least squares). */
    public double[] spreadGradient(double[] center) {
        requireLeastSquares("the gradient of S");
        double[] r = new double[m];
        Kernels.gemv(a, center, r);
        double[] g = new double[d];
        double[] t = new double[d];
        for (int j = 0; j < m; j++) {
            r[j] -= y[j];
            Kernels.axpy(r[j], a.data(), j * d, g, 0, d);
            Kernels.axpy(r[j] * rowNormSq[j], a.data(), j * d, t, 0, d);
        }
        for (int i = 0; i < d; i++) {
            g[i] /= m;
        }
        double[] ag = new double[m];
        Kernels.gemv(a, g, ag);
        double[] hg = a.transposeTimes(ag);
        double[] grad = new double[d];
        for (int i = 0; i < d; i++) {
            grad[i] = 2 * t[i] / m - 2 * hg[i] / m;
        }
        return grad;
    }

    /** S as an exact quadratic around {@code center}, for O(d²) evaluation (least squares). */
    public SpreadQuadratic spreadQuadratic(double[] center) {
        return new SpreadQuadratic(center.clone(), spread(center), spreadGradient(center), spreadCurvature());
    }

    /** The data. */
    public Dataset data() {
        return risk.data();
    }

    private void requireLeastSquares(String what) {
        if (kind != Kind.LEAST_SQUARES) {
            throw new UnsupportedOperationException(what + " is implemented for least squares only");
        }
    }

    private void requireMinimum() {
        if (!hasMinimum()) {
            throw new UnsupportedOperationException("f* is available for least squares with d <= " + EIGEN_LIMIT
                    + " (this sum: " + kind + ", d = " + d + ")");
        }
    }
}
