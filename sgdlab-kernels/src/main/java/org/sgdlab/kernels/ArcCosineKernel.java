package org.sgdlab.kernels;

/**
 * The arc-cosine kernels of Cho &amp; Saul ("Kernel methods for deep learning", NIPS 2009, eq. 1–3):
 * <pre>
 *   k_n(x, y) = 2 E_{w∼N(0,I)}[Θ(wᵀx) Θ(wᵀy) (wᵀx)ⁿ (wᵀy)ⁿ] = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ),   θ = arccos(xᵀy/(‖x‖‖y‖)),
 *   J₀(θ) = π − θ,        J₁(θ) = sin θ + (π − θ) cos θ.
 * </pre>
 * So k₁/2 is the ReLU dual E[relu(u) relu(v)] and k₀/2 the step dual E[1(u&gt;0) 1(v&gt;0)] that the NTK recursion
 * uses ({@link ReluDual}). A zero point gives k₀ = 0 (Θ(0) = 0, the convention of sgdlab-nn's relu′(0) = 0) and
 * k₁ = 0.
 *
 * @param order n, 0 or 1
 */
public record ArcCosineKernel(int order) implements InnerProductKernel {
    public ArcCosineKernel {
        if (order != 0 && order != 1) {
            throw new IllegalArgumentException("arc-cosine order must be 0 or 1, got " + order);
        }
    }

    @Override
    public double fromInnerProducts(double xx, double yy, double xy) {
        if (!(xx > 0 && yy > 0)) {
            return 0.0;
        }
        double rho = InnerProducts.cosine(xx, yy, xy);
        double theta = Math.acos(rho);
        if (order == 0) {
            return (Math.PI - theta) / Math.PI;
        }
        return Math.sqrt(xx * yy) * (Math.sqrt(Math.max(0.0, (1.0 - rho) * (1.0 + rho))) + (Math.PI - theta) * rho) / Math.PI;
    }

    @Override
    public String describe() {
        return "arccos:order=" + order;
    }
}
