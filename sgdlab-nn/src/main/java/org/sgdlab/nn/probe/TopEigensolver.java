package org.sgdlab.nn.probe;

/**
 * The largest eigenvalue of a symmetric p × p operator A known only through its products v ↦ Av (a Hessian through
 * Hessian-vector products), with a residual bound: for the returned value θ and unit vector v, r = ‖Av − θv‖₂, and
 * since A is symmetric some eigenvalue of A lies in [θ − r, θ + r] (Bauer–Fike; Parlett, <i>The Symmetric Eigenvalue
 * Problem</i>, Thm 4.5.1).
 */
@FunctionalInterface
public interface TopEigensolver {
    /** v ↦ Av: writes A·v into {@code out} ({@code v} read only, not aliased with {@code out}). */
    @FunctionalInterface
    interface Operator {
        void apply(double[] v, double[] out);
    }

    /**
     * An estimate of λ_max(A).
     *
     * @param value    the estimate θ (a Ritz value)
     * @param residual ‖Av − θv‖₂ for the unit Ritz vector v
     * @param products how many times the operator was applied
     */
    record Estimate(double value, double residual, int products) {
    }

    /**
     * Estimates the largest eigenvalue of the symmetric operator {@code a} of dimension {@code dimension}, starting from
     * {@code start} (read only; nonzero), and writes the unit Ritz vector into {@code vectorOut} (may be {@code start}).
     */
    Estimate largest(int dimension, Operator a, double[] start, double[] vectorOut);
}
