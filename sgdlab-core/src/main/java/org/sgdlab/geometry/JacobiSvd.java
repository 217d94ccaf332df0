package org.sgdlab.geometry;

/**
 * Thin SVD of a small dense rows×cols matrix (row-major) by one-sided Jacobi (Hestenes 1958):
 * plane rotations orthogonalize the columns of the tall orientation B (B = A if rows ≥ cols, else Aᵀ)
 * until every pair satisfies |⟨b_j, b_k⟩| ≤ ε‖b_j‖‖b_k‖; then σ_j = ‖b_j‖, u_j = b_j/σ_j and V is the
 * product of the rotations. Accurate to a few ulps relative to σ_max and unconditionally convergent
 * (quadratically in the final sweeps); meant for the small matrices of tests, Muon blocks and the
 * Stiefel polar retraction. Written for sgdlab; no external code.
 *
 * <p>The forms taking {@code work} need {@link #workspaceSize(int, int)} doubles and do not allocate.
 */
public final class JacobiSvd {
    private static final double EPS = 0x1p-52;
    private static final int MAX_SWEEPS = 80;

    private JacobiSvd() {
    }

    /** Scratch doubles for an rows×cols matrix: r·s + r·r + r with r = min, s = max of the two. */
    public static int workspaceSize(int rows, int cols) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        return r * s + r * r + r;
    }

    /**
     * Orthogonalizes in {@code work}: after the call work[0, r·s) holds the columns b_j of B (row j of
     * an r×s array), work[r·s, r·s + r·r) holds Vᵀ of B (row j = v_j), work[r·s + r·r, +r) holds σ_j.
     * Returns the number of sweeps.
     */
    static int orthogonalize(double[] a, int rows, int cols, double[] work) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        int vOff = r * s;
        int sOff = vOff + r * r;
        if (rows >= cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    work[j * s + i] = a[i * cols + j];
                }
            }
        } else {
            System.arraycopy(a, 0, work, 0, r * s);
        }
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < r; k++) {
                work[vOff + j * r + k] = j == k ? 1.0 : 0.0;
            }
        }
        int sweeps = 0;
        boolean rotated = true;
        while (rotated && sweeps < MAX_SWEEPS) {
            rotated = false;
            sweeps++;
            for (int j = 0; j < r - 1; j++) {
                for (int k = j + 1; k < r; k++) {
                    int oj = j * s;
                    int ok = k * s;
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < s; i++) {
                        double x = work[oj + i];
                        double y = work[ok + i];
                        alpha += x * x;
                        beta += y * y;
                        gamma += x * y;
                    }
                    if (gamma == 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = c * t;
                    for (int i = 0; i < s; i++) {
                        double x = work[oj + i];
                        double y = work[ok + i];
                        work[oj + i] = c * x - sn * y;
                        work[ok + i] = sn * x + c * y;
                    }
                    int vj = vOff + j * r;
                    int vk = vOff + k * r;
                    for (int i = 0; i < r; i++) {
                        double x = work[vj + i];
                        double y = work[vk + i];
                        work[vj + i] = c * x - sn * y;
                        work[vk + i] = sn * x + c * y;
                    }
                }
            }
        }
        for (int j = 0; j < r; j++) {
            double n = 0;
            for (int i = 0; i < s; i++) {
                double x = work[j * s + i];
                n += x * x;
            }
            work[sOff + j] = Math.sqrt(n);
        }
        return sweeps;
    }

    /** The singular values of a rows×cols matrix, in descending order (allocates). */
    public static double[] singularValues(double[] a, int rows, int cols) {
        double[] work = new double[workspaceSize(rows, cols)];
        orthogonalize(a, rows, cols, work);
        int r = Math.min(rows, cols);
        int sOff = r * Math.max(rows, cols) + r * r;
        double[] sigma = java.util.Arrays.copyOfRange(work, sOff, sOff + r);
        java.util.Arrays.sort(sigma);
        for (int i = 0; i < r / 2; i++) {
            double t = sigma[i];
            sigma[i] = sigma[r - 1 - i];
            sigma[r - 1 - i] = t;
        }
        return sigma;
    }

    /**
     * out ← U Vᵀ, the orthogonal polar factor of A (rows×cols, row-major), summing only over the
     * singular values σ_j &gt; s·ε·σ_max (numerically zero ones are dropped, so ‖out‖_op = 1 also for
     * rank-deficient A and out = 0 for A = 0). Returns the nuclear norm Σσ_j. Does not allocate.
     * {@code out} may alias {@code a}.
     */
    public static double polarInto(double[] a, int rows, int cols, double[] out, double[] work) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        int vOff = r * s;
        int sOff = vOff + r * r;
        orthogonalize(a, rows, cols, work);
        double smax = 0;
        double nuclear = 0;
        for (int j = 0; j < r; j++) {
            smax = Math.max(smax, work[sOff + j]);
            nuclear += work[sOff + j];
        }
        double cut = s * EPS * smax;
        for (int j = 0; j < r; j++) {
            double sig = work[sOff + j];
            double inv = sig > cut ? 1.0 / sig : 0.0;
            for (int i = 0; i < s; i++) {
                work[j * s + i] *= inv;
            }
        }
        // P_B = Σ_j u_j v_jᵀ is s×r; A = B if rows ≥ cols (P_A = P_B), else A = Bᵀ (P_A = P_Bᵀ).
        for (int i = 0; i < s; i++) {
            for (int k = 0; k < r; k++) {
                double acc = 0;
                for (int j = 0; j < r; j++) {
                    acc += work[j * s + i] * work[vOff + j * r + k];
                }
                if (rows >= cols) {
                    out[i * cols + k] = acc;
                } else {
                    out[k * cols + i] = acc;
                }
            }
        }
        return nuclear;
    }

    /** The largest singular value (allocates). */
    public static double spectralNorm(double[] a, int rows, int cols) {
        double[] sv = singularValues(a, rows, cols);
        return sv.length == 0 ? 0 : sv[0];
    }
}
