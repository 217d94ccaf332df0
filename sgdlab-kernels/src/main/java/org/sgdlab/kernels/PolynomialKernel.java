package org.sgdlab.kernels;

/**
 * k(x, y) = (γ⟨x, y⟩ + c₀)^p with an integer degree p ≥ 1, γ &gt; 0 and c₀ ≥ 0 (positive semidefinite: a sum of
 * products of the PSD kernels ⟨x, y⟩ and the constant c₀; Schölkopf &amp; Smola, <i>Learning with Kernels</i>, 2002,
 * §2.3). scikit-learn's {@code polynomial_kernel(degree, gamma, coef0)} in the same notation.
 *
 * @param degree p, an integer ≥ 1
 * @param gamma  γ &gt; 0
 * @param coef0  c₀ ≥ 0
 */
public record PolynomialKernel(int degree, double gamma, double coef0) implements InnerProductKernel {
    public PolynomialKernel {
        if (degree < 1) {
            throw new IllegalArgumentException("polynomial degree must be an integer >= 1, got " + degree);
        }
        InnerProducts.positive("polynomial gamma", gamma);
        if (!(coef0 >= 0) || Double.isInfinite(coef0)) {
            throw new IllegalArgumentException("polynomial coef0 must be >= 0 and finite (else the kernel is not positive "
                    + "semidefinite), got " + coef0);
        }
    }

    @Override
    public double fromInnerProducts(double xx, double yy, double xy) {
        double base = gamma * xy + coef0;
        double r = 1.0;
        for (int k = 0; k < degree; k++) {
            r *= base;
        }
        return r;
    }

    @Override
    public String describe() {
        return "poly:degree=" + degree + ",gamma=" + KernelSpecs.format(gamma) + ",coef0=" + KernelSpecs.format(coef0);
    }
}
