package org.sgdlab.kernels;

/** k(x, y) = ⟨x, y⟩. The Gram matrix is XXᵀ; the kernel SVM on it is the linear hard-margin SVM. */
public record LinearKernel() implements InnerProductKernel {
    @Override
    public double fromInnerProducts(double xx, double yy, double xy) {
        return xy;
    }

    @Override
    public String describe() {
        return "linear";
    }
}
