package org.sgdlab.kernels;

/**
 * The Gaussian (RBF) kernel k(x, y) = exp(−γ‖x − y‖²), γ &gt; 0, with ‖x − y‖² = max(0, ‖x‖² + ‖y‖² − 2⟨x, y⟩) (the
 * form a Gram matrix gets from one GEMM, as scikit-learn's {@code rbf_kernel}; its absolute error is about
 * γ·ε·(‖x‖² + ‖y‖²), negligible next to k ≤ 1).
 *
 * @param gamma γ &gt; 0
 */
public record RbfKernel(double gamma) implements InnerProductKernel {
    public RbfKernel {
        InnerProducts.positive("rbf gamma", gamma);
    }

    @Override
    public double fromInnerProducts(double xx, double yy, double xy) {
        double d2 = (xx + yy) - 2.0 * xy;
        return Math.exp(-gamma * Math.max(0.0, d2));
    }

    @Override
    public String describe() {
        return "rbf:gamma=" + KernelSpecs.format(gamma);
    }
}
