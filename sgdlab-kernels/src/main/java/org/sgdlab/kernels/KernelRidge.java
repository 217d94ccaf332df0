package org.sgdlab.kernels;

import java.util.Objects;
import org.sgdlab.linalg.Cholesky;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.parallel.Parallel;

/**
 * Kernel ridge regression and the kernel "ridgeless" interpolant: α = (K + λI)⁻¹y, λ ≥ 0, the predictor
 * f(x) = Σᵢ αᵢ k(xᵢ, x) — for λ = 0 the minimum-RKHS-norm interpolant, the limit of gradient flow on the squared loss
 * of the linearized (NTK) model from zero output (002 eq. 9.6; Schölkopf &amp; Smola 2002, §4.2 for the representer
 * theorem).
 *
 * <p>Method: a Cholesky factorization of K + λI (the repository's {@link Cholesky} for n &lt; {@value #BLOCKED_FROM},
 * {@link BlockedCholesky}, the same factor to rounding at GEMM speed, from there on; with {@code -Dsgdlab.blas=openblas}
 * and module sgdlab-blas on the class path, LAPACK dpotrf there instead, {@link NativeCholesky}, the same checks around
 * it; the message names the factorization) with a relative pivot tolerance n·ε (a pivot at most n·ε times
 * the largest diagonal entry stops it: K + λI numerically singular), its condition estimate κ̂₁ (LAPACK dpocon), a
 * solve and one step of iterative refinement in working precision (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, §12.2), which brings the normwise backward error to rounding level. Refusal: a failed pivot or
 * κ̂₁ &gt; {@code maxCondition} (default {@value #DEFAULT_MAX_CONDITION}: beyond it α has fewer than about four
 * correct digits) gives {@link OracleStatus#INACCURATE} with α = null and a message naming the pivot or the estimate
 * and suggesting a ridge.
 */
public final class KernelRidge {
    /** The largest condition estimate accepted by default. */
    public static final double DEFAULT_MAX_CONDITION = 1e12;
    /**
     * From this n on the factorization is {@link BlockedCholesky} (GEMM-rate updates; the same factor to rounding);
     * below it core's {@link Cholesky}, whose O(n³) cost is negligible there.
     */
    public static final int BLOCKED_FROM = 512;
    /** The largest normwise backward error certified OPTIMAL. */
    public static final double TOLERANCE = 1e-12;

    private KernelRidge() {
    }

    /** {@link #solve(double[], int, double[], double, double)} with the default condition limit. */
    public static KernelRegressionSolution solve(double[] gram, int n, double[] y, double lambda) {
        return solve(gram, n, y, lambda, DEFAULT_MAX_CONDITION);
    }

    /**
     * Solves (K + λI)α = y.
     *
     * @param gram         K, n × n row-major, symmetric positive semidefinite (read only; its lower triangle is used)
     * @param y            the targets (length n, read only)
     * @param lambda       λ ≥ 0
     * @param maxCondition the largest κ̂₁(K + λI) accepted (&gt; 1)
     * @throws IllegalArgumentException on a wrong length, a non-finite entry or target, λ &lt; 0, or a bad limit
     */
    public static KernelRegressionSolution solve(double[] gram, int n, double[] y, double lambda, double maxCondition) {
        Objects.requireNonNull(gram, "gram");
        Objects.requireNonNull(y, "y");
        requireGram(gram, n);
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but the Gram matrix is " + n + " × " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + i + " is not finite: " + y[i]);
            }
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0 and finite, got " + lambda);
        }
        if (!(maxCondition > 1)) {
            throw new IllegalArgumentException("maxCondition must be > 1, got " + maxCondition);
        }
        Factor chol = n < BLOCKED_FROM ? Factor.of(new Cholesky(n, n * Math.ulp(1.0)))
                : NativeCholesky.forLarge(n, n * Math.ulp(1.0));
        try {
            return solve(chol, gram, n, y, lambda, maxCondition);
        } finally {
            chol.close();
        }
    }

    /** The solve of {@link #solve(double[], int, double[], double, double)} with its factorization (arguments checked). */
    private static KernelRegressionSolution solve(Factor chol, double[] gram, int n, double[] y, double lambda,
                                                  double maxCondition) {
        String what = lambda == 0 ? "K" : "K + λI";
        if (!chol.decompose(gram, lambda)) {
            return refused(lambda, Double.POSITIVE_INFINITY, "the Gram matrix " + what + " is numerically singular: Cholesky "
                    + "pivot " + chol.failedPivotIndex() + " was " + chol.failedPivotValue() + " (at most n·ε = "
                    + n * Math.ulp(1.0) + " times the largest diagonal entry); use a ridge lambda > 0 (factor: "
                    + chol.describe() + ")");
        }
        double kappa = chol.conditionEstimate();
        if (!(kappa <= maxCondition)) {
            return refused(lambda, kappa, "the Gram matrix " + what + " is numerically singular: its condition estimate "
                    + String.format("%.3g", kappa) + " exceeds " + String.format("%.3g", maxCondition)
                    + " (the interpolant would have fewer than about four correct digits); use a ridge lambda > 0");
        }
        double[] alpha = chol.solve(y, new double[n]);
        double[] r = residual(gram, n, lambda, alpha, y);
        chol.solveInPlace(r); // correction δ with (K + λI)δ = y − (K + λI)α
        for (int i = 0; i < n; i++) {
            alpha[i] += r[i];
        }
        RowSums rows = RowSums.of(gram, n, lambda, alpha, y);
        double res = rows.relativeResidual(alpha, y);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += alpha[i] * rows.kAlpha[i];
        }
        OracleStatus status = res <= TOLERANCE ? OracleStatus.OPTIMAL : OracleStatus.INACCURATE;
        String msg = (lambda == 0 ? "ridgeless interpolant K⁻¹y" : "kernel ridge regression (K + λI)⁻¹y, λ = " + lambda)
                + String.format(": condition estimate %.3g, relative residual %.2e", kappa, res)
                + (status == OracleStatus.OPTIMAL ? "" : " above the tolerance " + TOLERANCE) + " (factor: " + chol.describe()
                + ")";
        return new KernelRegressionSolution(status, alpha, lambda, kappa, res, norm, msg);
    }

    /**
     * The Cholesky factorizations KernelRidge uses: core's row-by-row one below {@link #BLOCKED_FROM} (through
     * {@link #of(Cholesky)}), {@link BlockedCholesky} (which implements it) from there on, or {@link NativeCholesky}
     * (LAPACK dpotrf) when {@code -Dsgdlab.blas} names a native backend that provides one.
     */
    interface Factor {
        boolean decompose(double[] a, double shift);

        int failedPivotIndex();

        double failedPivotValue();

        double conditionEstimate();

        void solveInPlace(double[] b);

        /** out ← (A + μI)⁻¹b (b read only; out may be b); returns out. */
        default double[] solve(double[] b, double[] out) {
            if (out != b) {
                System.arraycopy(b, 0, out, 0, b.length);
            }
            solveInPlace(out);
            return out;
        }

        /** What factors, for the result's message (provenance): the Java path, or the native backend and its kernel. */
        String describe();

        /** Frees memory held outside the Java heap (a native factor's copy); nothing for the Java factorizations. */
        default void close() {
        }

        static Factor of(Cholesky c) {
            return new Factor() {
                public boolean decompose(double[] a, double shift) {
                    return c.decompose(a, shift);
                }

                public int failedPivotIndex() {
                    return c.failedPivotIndex();
                }

                public double failedPivotValue() {
                    return c.failedPivotValue();
                }

                public double conditionEstimate() {
                    return c.conditionEstimate();
                }

                public double[] solve(double[] b, double[] out) {
                    return c.solve(b, out);
                }

                public void solveInPlace(double[] b) {
                    c.solveInPlace(b);
                }

                public String describe() {
                    return "sgdlab Cholesky, row by row";
                }
            };
        }
    }

    private static KernelRegressionSolution refused(double lambda, double kappa, String message) {
        return new KernelRegressionSolution(OracleStatus.INACCURATE, null, lambda, kappa, Double.NaN, Double.NaN, message);
    }

    /** Rows per block of the row-parallel passes over K (fixed: the blocks do not depend on the thread count). */
    private static final int ROW_BLOCK = 64;

    /** y − (K + λI)α, a new array (arguments read only); rows in parallel, each row's sum in column order. */
    static double[] residual(double[] gram, int n, double lambda, double[] alpha, double[] y) {
        double[] r = new double[n];
        Parallel.forEachBlock((n + ROW_BLOCK - 1) / ROW_BLOCK, (b, worker) -> {
            for (int i = b * ROW_BLOCK, end = Math.min(n, i + ROW_BLOCK); i < end; i++) {
                double s = lambda * alpha[i];
                for (int j = 0; j < n; j++) {
                    s += gram[i * n + j] * alpha[j];
                }
                r[i] = y[i] - s;
            }
        });
        return r;
    }

    /**
     * One pass over K's rows for α: the residual rᵢ = yᵢ − (λαᵢ + Σⱼ kᵢⱼαⱼ), the row sums |λ| + Σⱼ|kᵢⱼ| and (Kα)ᵢ, each
     * a sum in column order (three independent chains per row, so the pass costs about one), rows in parallel: the
     * same bits as three separate row-by-row loops, for any thread count.
     */
    private record RowSums(double[] residual, double[] absRow, double[] kAlpha) {
        static RowSums of(double[] gram, int n, double lambda, double[] alpha, double[] y) {
            RowSums out = new RowSums(new double[n], new double[n], new double[n]);
            double absLambda = Math.abs(lambda);
            Parallel.forEachBlock((n + ROW_BLOCK - 1) / ROW_BLOCK, (b, worker) -> {
                for (int i = b * ROW_BLOCK, end = Math.min(n, i + ROW_BLOCK); i < end; i++) {
                    double s = lambda * alpha[i];
                    double abs = absLambda;
                    double ka = 0;
                    for (int j = 0; j < n; j++) {
                        double g = gram[i * n + j];
                        s += g * alpha[j];
                        abs += Math.abs(g);
                        ka += g * alpha[j];
                    }
                    out.residual[i] = y[i] - s;
                    out.absRow[i] = abs;
                    out.kAlpha[i] = ka;
                }
            });
            return out;
        }

        /** ‖r‖∞ / (‖K + λI‖∞‖α‖∞ + ‖y‖∞). */
        double relativeResidual(double[] alpha, double[] y) {
            double rn = 0;
            double an = 0;
            double yn = 0;
            double kn = 0;
            for (int i = 0; i < alpha.length; i++) {
                rn = Math.max(rn, Math.abs(residual[i]));
                an = Math.max(an, Math.abs(alpha[i]));
                yn = Math.max(yn, Math.abs(y[i]));
                kn = Math.max(kn, absRow[i]);
            }
            double den = kn * an + yn;
            return den == 0 ? 0.0 : rn / den;
        }
    }

    /** ‖(K + λI)α − y‖∞ / (‖K + λI‖∞‖α‖∞ + ‖y‖∞), the normwise backward error of α (Rigal &amp; Gaches 1967). */
    public static double relativeResidual(double[] gram, int n, double lambda, double[] alpha, double[] y) {
        return RowSums.of(gram, n, lambda, alpha, y).relativeResidual(alpha, y);
    }

    /** Checks K's length, finiteness and symmetry (exact: Gram matrices here are built symmetric). */
    static void requireGram(double[] gram, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the Gram matrix needs n >= 1, got " + n);
        }
        if (gram.length != (long) n * n) {
            throw new IllegalArgumentException("gram must hold an " + n + " × " + n + " matrix (" + (long) n * n
                    + " entries), got length " + gram.length);
        }
        if (lowerFiniteAndSymmetric(gram, n)) {
            return;
        }
        // something is wrong: find the first offending entry in row order, for the message
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = gram[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Gram entry (" + i + ", " + j + ") is not finite: " + v);
                }
                if (v != gram[j * n + i]) {
                    throw new IllegalArgumentException("the Gram matrix must be symmetric, got K(" + i + ", " + j + ") = " + v
                            + " but K(" + j + ", " + i + ") = " + gram[j * n + i]);
                }
            }
        }
        throw new AssertionError("unreachable: the blocked check and the row-order scan disagree");
    }

    /**
     * Whether every entry (i, j ≤ i) is finite and equals (j, i): the same test as the row-order scan, by 64 × 64 tile
     * pairs so that reading the upper triangle stays in cache (a column-order walk misses at every entry at n in the
     * thousands), the rows of tiles in parallel.
     */
    private static boolean lowerFiniteAndSymmetric(double[] gram, int n) {
        int t = 64;
        int tiles = (n + t - 1) / t;
        boolean[] tileRowOk = new boolean[tiles];
        // the tile rows in parallel, the longest (last) first; each writes only its own flag
        Parallel.forEachBlock(tiles, (b, worker) -> {
            int i0 = (tiles - 1 - b) * t;
            int i1 = Math.min(n, i0 + t);
            boolean ok = true;
            for (int j0 = 0; j0 <= i0; j0 += t) {
                int j1 = Math.min(n, j0 + t);
                for (int i = i0; i < i1; i++) {
                    int jEnd = Math.min(j1, i + 1);
                    for (int j = j0; j < jEnd; j++) {
                        double v = gram[i * n + j];
                        ok &= Double.isFinite(v) & v == gram[j * n + i];
                    }
                }
            }
            tileRowOk[tiles - 1 - b] = ok;
        });
        for (boolean ok : tileRowOk) {
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
