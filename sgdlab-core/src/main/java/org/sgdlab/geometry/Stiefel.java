package org.sgdlab.geometry;

import org.sgdlab.linalg.HouseholderQr;
import org.sgdlab.linalg.JacobiSvd;

/**
 * The Stiefel manifold St(rows, cols) = {W ∈ ℝ^{rows×cols} : WᵀW = I} (rows ≥ cols), W stored
 * row-major in the flat parameter vector (Absil, Mahony &amp; Sepulchre 2008, ch. 3 and §4.1).
 *
 * <p>Tangent space T_W = {Z : WᵀZ + ZᵀW = 0}; the Euclidean projection is P_W(G) = G − W sym(WᵀG),
 * sym(A) = (A + Aᵀ)/2. Retractions:
 * <ul>
 *   <li>{@link Retraction#QR}: R_W(Z) = qf(W + Z), the Q factor of the thin QR with positive diagonal
 *   of R (computed by Householder QR, {@link HouseholderQr#orthonormalFactorInto}, so ‖QᵀQ − I‖ stays at
 *   rounding level);</li>
 *   <li>{@link Retraction#POLAR}: R_W(Z) = (W + Z)(I + ZᵀZ)^{-1/2} = U Vᵀ from the SVD of W + Z
 *   (computed with {@link JacobiSvd}); the nearest point of St to W + Z in Frobenius norm.</li>
 * </ul>
 * W + Z has full column rank for tangent Z ((W + Z)ᵀ(W + Z) = I + ZᵀZ), so both are well defined.
 * {@link #project} is the polar factor. {@link #violation} is ‖WᵀW − I‖_F.
 */
public final class Stiefel implements Manifold {
    /** The retraction used by {@link #retract}. */
    public enum Retraction { QR, POLAR }

    private final int rows;
    private final int cols;
    private final Retraction retraction;

    public Stiefel(int rows, int cols, Retraction retraction) {
        if (rows < 1 || cols < 1 || cols > rows) {
            throw new IllegalArgumentException("Stiefel manifold needs 1 ≤ cols ≤ rows, got rows=" + rows + ", cols=" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.retraction = java.util.Objects.requireNonNull(retraction, "retraction");
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Retraction retraction() {
        return retraction;
    }

    @Override
    public int requiredLength() {
        return rows * cols;
    }

    @Override
    public int workspaceSize(int n) {
        return Math.max(Math.max(cols * cols, JacobiSvd.workspaceSize(rows, cols)),
                HouseholderQr.orthonormalWorkspaceSize(rows, cols));
    }

    private void check(double[] w) {
        if (w.length != rows * cols) {
            throw new IllegalArgumentException("Stiefel(" + rows + ", " + cols + ") needs " + rows * cols
                    + " entries, got length " + w.length);
        }
    }

    @Override
    public void project(double[] w, double[] out, double[] work) {
        check(w);
        JacobiSvd.polarInto(w, rows, cols, out, work);
    }

    @Override
    public void toTangent(double[] w, double[] g, double[] out, double[] work) {
        check(w);
        int c = cols;
        // S = WᵀG (c×c) in work[0, c²)
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double acc = 0;
                for (int k = 0; k < rows; k++) {
                    acc += w[k * c + i] * g[k * c + j];
                }
                work[i * c + j] = acc;
            }
        }
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                double s = 0.5 * (work[i * c + j] + work[j * c + i]);
                work[i * c + j] = s;
                work[j * c + i] = s;
            }
        }
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < c; j++) {
                double acc = 0;
                for (int i = 0; i < c; i++) {
                    acc += w[k * c + i] * work[i * c + j];
                }
                out[k * c + j] = g[k * c + j] - acc;
            }
        }
    }

    @Override
    public void retract(double[] w, double[] step, double[] out, double[] work) {
        check(w);
        int n = rows * cols;
        if (retraction == Retraction.POLAR) {
            // polarInto copies its input into the workspace before writing out, so out may hold Y = W + Z.
            for (int i = 0; i < n; i++) {
                out[i] = w[i] + step[i];
            }
            JacobiSvd.polarInto(out, rows, cols, out, work);
            return;
        }
        // qf(Y) for Y = W + Z, formed in out (which may alias step, never w).
        for (int i = 0; i < n; i++) {
            out[i] = w[i] + step[i];
        }
        int lost = HouseholderQr.orthonormalFactorInto(out, rows, cols, out, work);
        if (lost >= 0) {
            throw new IllegalStateException("W + Z lost column rank at column " + lost + "; the step is not tangent or not finite");
        }
    }

    @Override
    public double violation(double[] w) {
        check(w);
        double s = 0;
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int k = 0; k < rows; k++) {
                    acc += w[k * cols + i] * w[k * cols + j];
                }
                double e = acc - (i == j ? 1 : 0);
                s += e * e;
            }
        }
        return Math.sqrt(s);
    }

    @Override
    public String describe() {
        return "stiefel(" + rows + "x" + cols + ", " + retraction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
