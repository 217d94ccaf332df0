package org.sgdlab.sde;

/**
 * An SDE with diagonal noise, m = d and σ(x) = diag(σ₁(x₁), …, σ_d(x_d)): coordinate i is driven by W_i only, through a
 * function of x_i only. Then the Milstein correction ½σᵢσᵢ'((ΔWᵢ)² − h) is all of the order-1 strong scheme (the
 * noise is commutative; no Lévy areas are needed).
 */
public interface DiagonalSde extends Sde {
    /** σᵢ(xᵢ). */
    double diffusion(int i, double xi);

    /** dσᵢ/dxᵢ at xᵢ. */
    double diffusionDerivative(int i, double xi);

    @Override
    default int noiseDimension() {
        return dimension();
    }

    @Override
    default void diffusionTimes(double[] x, double[] dw, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = diffusion(i, x[i]) * dw[i];
        }
    }
}
