package org.sgdlab.oracles;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Result of {@link MinNormLeastSquares}.
 *
 * <p>Accessors (the former record components):
 * <ul>
 *   <li>{@link #w()} — the solution (length d): X⁺y, or w₀ + X⁺(y − Xw₀) for {@link MinNormLeastSquares#fromInitial};</li>
 *   <li>{@link #rank()} — numerical rank r (number of singular values above {@code rcond · σ_max});</li>
 *   <li>{@link #singularValues()} — all min(n, d) singular values of X, descending. When the solve took the QR path
 *       they are computed on first request from the k × k triangular factor R (σ(R) = σ(X)), so a caller that never
 *       asks does not pay for an SVD;</li>
 *   <li>{@link #residualNorm()} — ‖Xw − y‖₂ (zero up to rounding for consistent, e.g. interpolating, problems);</li>
 *   <li>{@link #rowSpaceResidual()} — ‖(I − P_row)(w − w₀)‖₂ / ‖w‖₂ with w₀ = 0 for {@link MinNormLeastSquares#solve}:
 *       how far the computed correction leaves row(X); ~1e-16 when all is well (0 when w = 0 or row(X) = ℝᵈ);</li>
 *   <li>{@link #status()} — {@link OracleStatus#OPTIMAL}, or {@link OracleStatus#INACCURATE} if the Jacobi SVD did not
 *       converge.</li>
 * </ul>
 */
public final class MinNormSolution {
    private final double[] w;
    private final int rank;
    private final Supplier<double[]> sigmaSource;
    private volatile double[] sigma;
    private final double residualNorm;
    private final double rowSpaceResidual;
    private final OracleStatus status;

    /** All components known. */
    public MinNormSolution(double[] w, int rank, double[] singularValues, double residualNorm,
                           double rowSpaceResidual, OracleStatus status) {
        this(w, rank, singularValues, null, residualNorm, rowSpaceResidual, status);
        Objects.requireNonNull(singularValues, "singularValues");
    }

    /** Singular values computed on first request by {@code sigmaSource} (called at most once per thread race). */
    MinNormSolution(double[] w, int rank, Supplier<double[]> sigmaSource, double residualNorm,
                    double rowSpaceResidual, OracleStatus status) {
        this(w, rank, null, Objects.requireNonNull(sigmaSource, "sigmaSource"), residualNorm, rowSpaceResidual, status);
    }

    private MinNormSolution(double[] w, int rank, double[] sigma, Supplier<double[]> source, double residualNorm,
                            double rowSpaceResidual, OracleStatus status) {
        this.w = w;
        this.rank = rank;
        this.sigma = sigma;
        this.sigmaSource = source;
        this.residualNorm = residualNorm;
        this.rowSpaceResidual = rowSpaceResidual;
        this.status = status;
    }

    public double[] w() {
        return w;
    }

    public int rank() {
        return rank;
    }

    public double[] singularValues() {
        double[] s = sigma;
        if (s == null) {
            s = sigmaSource.get();
            sigma = s;
        }
        return s;
    }

    public double residualNorm() {
        return residualNorm;
    }

    public double rowSpaceResidual() {
        return rowSpaceResidual;
    }

    public OracleStatus status() {
        return status;
    }

    @Override
    public String toString() {
        return "MinNormSolution[status=" + status + ", rank=" + rank + ", d=" + w.length + ", residualNorm=" + residualNorm
                + ", rowSpaceResidual=" + rowSpaceResidual + "]";
    }
}
