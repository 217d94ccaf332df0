package org.sgdlab.kernels;

import java.util.ServiceLoader;
import org.sgdlab.linalg.CholeskyBackend;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.InverseNormEstimate;
import org.sgdlab.parallel.Parallel;

/**
 * Cholesky factorization A + μI = L Lᵀ by a native {@link CholeskyBackend} (LAPACK dpotrf; sgdlab-blas's "openblas"),
 * with sgdlab's own checks around it, the same as {@link BlockedCholesky}'s: the pivot rule (the first pivot
 * lⱼⱼ² ≤ τ·maxᵢ(aᵢᵢ + μ), or the pivot at which dpotrf stopped, is reported as the failed one), the condition estimate
 * (LAPACK dpocon's, {@link InverseNormEstimate}, over the backend's solves) and — in {@link KernelRidge} — the
 * refinement step. dpotrf only stops at a pivot ≤ 0, so the threshold test is done here on L's diagonal afterwards
 * (lⱼⱼ² is the pivot to rounding). Chosen by {@link #select} with the property that picks {@link Gemm}'s backend.
 * Not thread-safe.
 */
final class NativeCholesky implements KernelRidge.Factor {
    /** The backend named by -Dsgdlab.blas, or null (with the reason in {@link #WHY_NOT}) when there is none to use. */
    private static final CholeskyBackend BACKEND;
    /** Why no native backend is used ("" when one is, or when none was asked for). */
    private static final String WHY_NOT;

    static {
        String wanted = System.getProperty(Gemm.BACKEND_PROPERTY, "java").trim();
        CholeskyBackend found = null;
        String why = "";
        if (!wanted.equals("java")) {
            try {
                for (CholeskyBackend candidate : ServiceLoader.load(CholeskyBackend.class)) {
                    if (candidate.name().equals(wanted)) {
                        found = candidate;
                        break;
                    }
                }
                if (found == null) {
                    why = " [-D" + Gemm.BACKEND_PROPERTY + "=" + wanted + " asked for, but no such Cholesky backend is on "
                            + "the class path]";
                }
            } catch (java.util.ServiceConfigurationError | LinkageError | RuntimeException e) {
                why = " [-D" + Gemm.BACKEND_PROPERTY + "=" + wanted + " failed to load: " + e + "]";
            }
        }
        BACKEND = found;
        WHY_NOT = why;
    }

    private final CholeskyBackend backend;
    private final CholeskyBackend.Factor factor;
    private final int n;
    private final double relativePivotTolerance;
    private final double[] x;
    private final double[] y;
    private final org.sgdlab.linalg.CholeskyOutcome outcome = new org.sgdlab.linalg.CholeskyOutcome();
    private double norm1;
    private final InverseNormEstimate.InPlaceSolve solver = this::solveInPlace;

    NativeCholesky(CholeskyBackend backend, int n, double relativePivotTolerance) {
        PivotThreshold.requireArguments(n, relativePivotTolerance);
        this.backend = backend;
        this.factor = backend.newFactor(n);
        this.n = n;
        this.relativePivotTolerance = relativePivotTolerance;
        this.x = new double[n];
        this.y = new double[n];
    }

    /** The native backend -Dsgdlab.blas names, or null when it is "java" (the default) or cannot be used. */
    static CholeskyBackend selected() {
        return BACKEND;
    }

    /** The factorization KernelRidge uses from {@link KernelRidge#BLOCKED_FROM} on: native when selected, else Java. */
    static KernelRidge.Factor forLarge(int n, double relativePivotTolerance) {
        return BACKEND != null ? new NativeCholesky(BACKEND, n, relativePivotTolerance)
                : new BlockedCholesky(n, relativePivotTolerance);
    }

    /** Why the native backend asked for is not used ("" when it is, or none was asked for), for the Java path's name. */
    static String whyNot() {
        return WHY_NOT;
    }

    /**
     * Factors A + μI (A row-major n × n, read only, lower triangle used). Returns whether every pivot passed.
     *
     * @throws IllegalArgumentException on a wrong length or a shift that is not finite
     */
    @Override
    public boolean decompose(double[] a, double shift) {
        double threshold = PivotThreshold.of(a, n, shift, relativePivotTolerance);
        outcome.reset();
        int info = factor.factor(a, shift, Parallel.threads());
        int valid = info == 0 ? n : info - 1;
        for (int i = 0; i < valid; i++) {
            double d = factor.diagonal(i);
            double pivot = d * d;
            if (!(pivot > threshold)) {
                outcome.failAt(i, pivot);
                return false;
            }
        }
        if (info != 0) {
            outcome.failAt(info - 1, factor.diagonal(info - 1));
            return false;
        }
        norm1 = InverseNormEstimate.symmetricNorm1(a, n, shift, y);
        outcome.succeed();
        return true;
    }

    @Override
    public int failedPivotIndex() {
        return outcome.failedPivotIndex();
    }

    @Override
    public double failedPivotValue() {
        return outcome.failedPivotValue();
    }

    /** b ← (A + μI)⁻¹b by the backend's two triangular solves. */
    @Override
    public void solveInPlace(double[] b) {
        outcome.requireFactor();
        factor.solveInPlace(b);
    }

    /** LAPACK dpocon's estimate of κ₁(A + μI), as {@link BlockedCholesky#conditionEstimate()}, over the native solves. */
    @Override
    public double conditionEstimate() {
        return InverseNormEstimate.condition(outcome.factored(), n, norm1, solver, x, y);
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    /** Frees the backend's off-heap copy now; this factor is unusable after. */
    @Override
    public void close() {
        outcome.reset();
        factor.close();
    }

    /** L (row-major, lower triangle; the entries above the diagonal are left as they are), for tests. */
    void lowerInto(double[] out) {
        factor.lowerInto(out);
    }
}
