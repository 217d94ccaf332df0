package org.sgdlab.oracles;

import org.sgdlab.linalg.Kernels;

/**
 * The rows z_c ∈ ℝᵖ (c = 0..count−1) of a homogeneous constraint system ⟨z_c, w⟩ ≥ 1, read one row at a time so that
 * structured rows need not be formed. The hard-margin SVM's rows are zᵢ = yᵢxᵢ ({@link #dense} or {@link LabelledRows});
 * the multiclass SVM's are (e_{yᵢ} − e_k) ⊗ xᵢ, two signed copies of xᵢ in a K·d vector ({@link MulticlassRows}).
 *
 * <p>Read by {@link LdpNnls} (the least-distance problem min ‖w‖ s.t. ⟨z_c, w⟩ ≥ 1) and {@link GordanCertificate}
 * (non-negative combinations Σλ_c z_c). Implementations do not modify their data.
 */
interface ConstraintRows {
    /** The number of rows (constraints). */
    int count();

    /** The length p of each row. */
    int dim();

    /** ⟨z_c, v[off .. off + p)⟩; v is not modified. */
    double dot(int c, double[] v, int off);

    /** out[off .. off + p) += s·z_c; only out is modified. */
    void axpy(int c, double s, double[] out, int off);

    /** Writes z_c into out[0 .. p) (every entry, zeros included); only out is modified. */
    void copyRow(int c, double[] out);

    /** ‖z_c‖₂, the scale against which {@link GordanCertificate} judges ‖Σλ_c z_c‖ small. */
    double norm(int c);

    /**
     * Rows stored densely, row-major: z_c = z[c·p .. c·p + p). The array is read, never modified, and not copied, so
     * the caller must not change it while the rows are in use.
     */
    static ConstraintRows dense(double[] z, int n, int p) {
        if (z.length != n * p) {
            throw new IllegalArgumentException("z has length " + z.length + " but n·p = " + n + "·" + p);
        }
        return new ConstraintRows() {
            @Override
            public int count() {
                return n;
            }

            @Override
            public int dim() {
                return p;
            }

            @Override
            public double dot(int c, double[] v, int off) {
                return Kernels.dotScalar(z, c * p, v, off, p);
            }

            @Override
            public void axpy(int c, double s, double[] out, int off) {
                Kernels.axpyScalar(s, z, c * p, out, off, p);
            }

            @Override
            public void copyRow(int c, double[] out) {
                System.arraycopy(z, c * p, out, 0, p);
            }

            @Override
            public double norm(int c) {
                return Math.sqrt(Kernels.dotScalar(z, c * p, z, c * p, p));
            }
        };
    }
}
