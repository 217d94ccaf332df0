package org.sgdlab.kernels;

/**
 * A kernel that depends on its arguments only through ‖x‖², ‖y‖² and ⟨x, y⟩ (linear, polynomial, RBF, arc-cosine,
 * the analytic NTK). {@link GramMatrix} computes the inner products of a whole block by one GEMM and then applies
 * {@link #fromInnerProducts}; {@link #value} computes them with {@link InnerProducts#dot}, which has the same bits as
 * the repository's Java GEMM, so an entry of a Gram matrix equals {@code value(xᵢ, xⱼ)} bit for bit.
 */
public interface InnerProductKernel extends Kernel {
    /**
     * k from xx = ‖x‖², yy = ‖y‖² and xy = ⟨x, y⟩ (|xy| ≤ √(xx·yy) up to rounding; implementations clamp the
     * cosine to [−1, 1]).
     */
    double fromInnerProducts(double xx, double yy, double xy);

    /**
     * xy[offset + j] ← {@link #fromInnerProducts}(xx, yy[j], xy[offset + j]) for j &lt; count: one row of a Gram
     * matrix mapped in place from its inner products. {@code yy} is read only, {@code xy} is modified. Overrides
     * (vectorized ones) must give the bits of the entry-by-entry loop, which this default runs.
     */
    default void fromInnerProductsInPlace(double xx, double[] yy, double[] xy, int offset, int count) {
        for (int j = 0; j < count; j++) {
            xy[offset + j] = fromInnerProducts(xx, yy[j], xy[offset + j]);
        }
    }

    @Override
    default double value(double[] x, double[] y) {
        InnerProducts.requireSameLength(x, y);
        int d = x.length;
        return fromInnerProducts(InnerProducts.dot(x, 0, x, 0, d), InnerProducts.dot(y, 0, y, 0, d),
                InnerProducts.dot(x, 0, y, 0, d));
    }
}
