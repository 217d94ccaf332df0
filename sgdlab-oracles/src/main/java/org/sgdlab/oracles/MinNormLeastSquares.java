package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.HouseholderQr;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Minimum-norm least squares: w = X⁺y, the Moore–Penrose pseudoinverse applied to y. Among all
 * minimisers of ‖Xw − y‖₂ it is the one of least ‖w‖₂, equivalently the unique minimiser lying in
 * row(X). It is the limit of gradient descent on ½‖Xw − y‖² started at 0 (started at w₀: the limit is
 * w₀ + X⁺(y − Xw₀), whose null-space component equals that of w₀), which is what the implicit-bias claims
 * compare against.
 *
 * <p>Formula (Moore 1920, Penrose 1955; Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.5):
 * with the thin SVD X = Σⱼ σⱼ uⱼ vⱼᵀ, X⁺y = Σ_{σⱼ &gt; rcond·σ_max} vⱼ ⟨uⱼ, y⟩ / σⱼ. Singular values at or
 * below the relative cutoff rcond·σ_max are treated as exact zeros (default rcond = max(n, d)·ε as in
 * NumPy's {@code lstsq}/{@code pinv}). For full-row-rank X this equals Xᵀ(XXᵀ)⁻¹y and for full-column-rank
 * X it equals (XᵀX)⁻¹Xᵀy.
 *
 * <p>Numerics, two paths with the same result:
 * <ul>
 *   <li><b>QR path (full rank, the common case).</b> Householder QR ({@code HouseholderQr}) of Xᵀ when n ≤ d (an LQ
 *       factorisation X = RᵀQᵀ; then X⁺r = Q R⁻ᵀ r, which lies in row(X) by construction) or of X when n &gt; d (then
 *       X⁺r = R⁻¹ Qᵀ r). It is taken only when X is certified to have full rank k = min(n, d) under the cutoff:
 *       ‖R‖_F‖R⁻¹‖_F · rcond &lt; 1, an upper bound on σ_max/σ_min computed exactly, not estimated. Cost 2·max(n,d)·k²
 *       flops instead of a Jacobi SVD's several sweeps; singular values are then computed only if asked for
 *       ({@link MinNormSolution#singularValues()}, from the k × k factor R).</li>
 *   <li><b>SVD path (rank deficient or nearly so, or empty).</b> A one-sided Jacobi SVD (see {@code JacobiSvd}; high
 *       relative accuracy, Demmel–Veselić 1992) with the cutoff applied to its singular values.</li>
 * </ul>
 * Either path does one step of iterative refinement w ← w + X⁺(y − Xw). Because every correction is built from a
 * basis of row(X) (Q's columns, or the retained right singular vectors), w stays in w₀ + row(X); the refinement
 * removes most of the error of the first solve, giving ~1e-15 relative accuracy on well-conditioned problems (the
 * error bound is of order κ(X)·ε in general).
 */
public final class MinNormLeastSquares {
    private static final double EPS = Math.ulp(1.0);

    private MinNormLeastSquares() {
    }

    /** The default relative cutoff {@code max(n, d) · ε} (ε = 2⁻⁵²), as NumPy uses. */
    public static double defaultRcond(int n, int d) {
        return Math.max(Math.max(n, d), 1) * EPS;
    }

    /** X⁺y with the default cutoff. */
    public static MinNormSolution solve(Matrix x, double[] y) {
        return solve(x, y, defaultRcond(x.rows(), x.cols()));
    }

    /** X⁺y, treating singular values {@code σ ≤ rcond · σ_max} as zero. */
    public static MinNormSolution solve(Matrix x, double[] y, double rcond) {
        return fromInitial(x, y, null, rcond);
    }

    /** w₀ + X⁺(y − Xw₀) with the default cutoff. */
    public static MinNormSolution fromInitial(Matrix x, double[] y, double[] w0) {
        return fromInitial(x, y, w0, defaultRcond(x.rows(), x.cols()));
    }

    /**
     * w₀ + X⁺(y − Xw₀): the least-squares solution closest to w₀ (the limit of gradient descent from w₀).
     * Its component in the null space of X equals that of w₀. {@code w0 == null} means w₀ = 0.
     *
     * @throws IllegalArgumentException on mismatched lengths, a bad {@code rcond} or non-finite input
     */
    public static MinNormSolution fromInitial(Matrix x, double[] y, double[] w0, double rcond) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        checkRcond(rcond);
        int n = x.rows();
        int d = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + n + " rows");
        }
        if (w0 != null && w0.length != d) {
            throw new IllegalArgumentException("w0 has length " + w0.length + " but X has " + d + " columns");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
            }
        }
        // w₀ = 0 as a zero vector here rather than a null test in solveByQr: that method is large and compiled on its
        // own, and C2 compiled the test as never taken while only the solves from 0 had run, then threw the method
        // away when a claim brought a w₀ (JFR of check --quick: solveByQr compiled 3 times, unstable_if at both tests).
        // Subtracting or adding w₀ = +0.0 leaves every entry's bits unchanged.
        double[] start = w0 == null ? new double[d] : w0;
        MinNormSolution fast = n == 0 || d == 0 ? null : solveByQr(x, y, start, rcond);
        return fast != null ? fast : solveBySvd(x, y, start, rcond);
    }

    /**
     * The QR path from {@code w0} (not null; zeros for w₀ = 0), or null when X is not certified to have full rank
     * k = min(n, d) under the cutoff (the caller then uses the SVD path).
     */
    static MinNormSolution solveByQr(Matrix x, double[] y, double[] w0, double rcond) {
        int n = x.rows();
        int d = x.cols();
        double[] data = x.data();
        boolean wide = n <= d;
        int m = wide ? d : n;
        int k = wide ? n : d;
        double[] a;
        if (wide) {
            a = data.clone(); // the rows of X are the columns of Xᵀ, already contiguous
        } else {
            a = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    a[j * n + i] = data[i * d + j];
                }
            }
        }
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return null; // let the SVD path report the offending entry
            }
        }
        HouseholderQr qr = HouseholderQr.factorInPlace(a, m, k);
        if (!(qr.minAbsDiagonal() > 0.0) || !(qr.conditionUpperBound() * rcond < 1.0)) {
            return null;
        }
        double[] w = w0.clone();
        double[] r = new double[n];
        double[] buf = new double[m];
        // Two passes: the solve itself and one refinement step w += X⁺(y − Xw).
        for (int pass = 0; pass < 2; pass++) {
            residual(x, y, w, r);
            if (wide) {
                System.arraycopy(r, 0, buf, 0, n);
                java.util.Arrays.fill(buf, n, m, 0.0);
                qr.solveRtInPlace(buf);
                qr.qTimesInPlace(buf); // buf = Q [R⁻ᵀ r; 0], length d
            } else {
                System.arraycopy(r, 0, buf, 0, n);
                qr.qtTimesInPlace(buf);
                qr.solveRInPlace(buf); // first d entries = R⁻¹ (Qᵀ r)[0..d)
            }
            for (int j = 0; j < d; j++) {
                w[j] += buf[j];
            }
        }
        residual(x, y, w, r);
        double resNorm = Kernels.norm2(r);
        double rowRes = 0.0;
        double wn = Kernels.norm2(w);
        if (wide && wn != 0.0) {
            // (I − QQᵀ)(w − w₀): coordinates in the Q basis, drop the first k, map back.
            double[] c = w.clone();
            for (int j = 0; j < d; j++) {
                c[j] -= w0[j];
            }
            qr.qtTimesInPlace(c);
            java.util.Arrays.fill(c, 0, k, 0.0);
            qr.qTimesInPlace(c);
            rowRes = Kernels.norm2(c) / wn;
        }
        return new MinNormSolution(w, k, () -> triangularSingularValues(qr), resNorm, rowRes, OracleStatus.OPTIMAL);
    }

    /** σ(X) = σ(R) for the k × k factor R of the QR path, by the Jacobi SVD. */
    private static double[] triangularSingularValues(HouseholderQr qr) {
        int k = qr.cols();
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                r[i * k + j] = qr.r(i, j);
            }
        }
        return JacobiSvd.of(new Matrix(k, k, r)).singularValues().clone();
    }

    /** The SVD path: always applicable, rank-revealing (the naive reference of the QR path in the tests). */
    static MinNormSolution solveBySvd(Matrix x, double[] y, double[] w0, double rcond) {
        int n = x.rows();
        int d = x.cols();
        JacobiSvd svd = JacobiSvd.of(x);
        int rank = svd.rank(rcond);
        double[] w = w0 == null ? new double[d] : w0.clone();
        double[] r = new double[n];
        double[] delta = new double[d];
        // Two passes: the solve itself and one refinement step w += X⁺(y − Xw).
        for (int pass = 0; pass < 2; pass++) {
            residual(x, y, w, r);
            svd.pseudoInverseTimes(rank, r, delta);
            for (int j = 0; j < d; j++) {
                w[j] += delta[j];
            }
        }
        residual(x, y, w, r);
        double resNorm = Kernels.norm2(r);
        RowSpace rs = RowSpace.fromSvd(svd, rcond);
        double[] corr = w.clone();
        if (w0 != null) {
            for (int j = 0; j < d; j++) {
                corr[j] -= w0[j];
            }
        }
        double wn = Kernels.norm2(w);
        double rowRes = wn == 0.0 ? 0.0 : Kernels.norm2(rs.nullComponent(corr, corr)) / wn;
        OracleStatus status = svd.converged() ? OracleStatus.OPTIMAL : OracleStatus.INACCURATE;
        return new MinNormSolution(w, rank, svd.singularValues().clone(), resNorm, rowRes, status);
    }

    /**
     * The component of v orthogonal to row(X), (I − X⁺X)v, as a new vector. For many vectors and one X,
     * build a {@link RowSpace} once instead.
     */
    public static double[] projectOntoNullSpace(Matrix x, double[] v, double rcond) {
        RowSpace rs = RowSpace.of(x, rcond);
        return rs.nullComponent(v, new double[v.length]);
    }

    /** {@link #projectOntoNullSpace(Matrix, double[], double)} with the default cutoff. */
    public static double[] nullSpaceComponent(Matrix x, double[] v) {
        return projectOntoNullSpace(x, v, defaultRcond(x.rows(), x.cols()));
    }

    /** r = y − Xw. */
    private static void residual(Matrix x, double[] y, double[] w, double[] r) {
        Kernels.gemv(x, w, r);
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - r[i];
        }
    }

    static void checkRcond(double rcond) {
        if (!(rcond >= 0.0) || !Double.isFinite(rcond)) {
            throw new IllegalArgumentException("rcond must be a finite non-negative number, got " + rcond);
        }
    }
}
