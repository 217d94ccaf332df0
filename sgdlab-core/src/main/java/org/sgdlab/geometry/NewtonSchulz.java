package org.sgdlab.geometry;

/**
 * The quintic Newton–Schulz iteration of Muon (Jordan et al. 2024; Bernstein &amp; Newhouse 2024):
 * X₀ = G/‖G‖_F, X ← aX + b(XXᵀ)X + c(XXᵀ)²X, applied {@code steps} times. Each step maps every
 * singular value σ of X by f(σ) = aσ + bσ³ + cσ⁵ and keeps the singular vectors, so X → U·f^{∘k}(Σ)·Vᵀ.
 *
 * <p>It only <em>approximates</em> U Vᵀ: Muon's coefficients (3.4445, −4.7750, 2.0315) trade
 * convergence to 1 for a large slope at 0 (f'(0) = a), so after 5 steps the singular values land in a
 * band around 1 (about [0.68, 1.13] for σ/‖G‖_F not too small; see {@code NormsTest} for the measured
 * band) rather than at 1. Singular values far below ‖G‖_F/a⁵ are not lifted into the band in 5 steps.
 * The iteration runs on the wide orientation (r = min(rows, cols) rows) so XXᵀ is r×r.
 */
public final class NewtonSchulz {
    private final double a;
    private final double b;
    private final double c;
    private final int steps;

    public NewtonSchulz(double a, double b, double c, int steps) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("Newton–Schulz coefficients must be finite, got a=" + a + ", b=" + b + ", c=" + c);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("Newton–Schulz steps must be ≥ 1, got steps=" + steps);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.steps = steps;
    }

    /** Muon's defaults: (a, b, c) = (3.4445, −4.7750, 2.0315), 5 steps. */
    public static NewtonSchulz muon() {
        return new NewtonSchulz(3.4445, -4.7750, 2.0315, 5);
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public double c() {
        return c;
    }

    public int steps() {
        return steps;
    }

    /** Scratch doubles for a rows×cols matrix: 2·r·s + 2·r·r. */
    public static int workspaceSize(int rows, int cols) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        return 2 * r * s + 2 * r * r;
    }

    /**
     * out ← NS(G), the approximate U Vᵀ of G (rows×cols, row-major); out = 0 when G = 0. Returns
     * ⟨G, out⟩ (an estimate of the nuclear norm). Does not allocate; {@code out} must not alias {@code g}.
     */
    public double orthogonalizeInto(double[] g, int rows, int cols, double[] out, double[] work) {
        int r = Math.min(rows, cols);
        int s = Math.max(rows, cols);
        int n = r * s;
        double fro = Norms.l2Norm(g);
        if (fro == 0) {
            java.util.Arrays.fill(out, 0, n, 0.0);
            return 0;
        }
        int xOff = 0;
        int yOff = n;
        int mOff = 2 * n;
        int kOff = 2 * n + r * r;
        // X (r×s): G if rows ≤ cols, else Gᵀ.
        if (rows <= cols) {
            for (int i = 0; i < n; i++) {
                work[i] = g[i] / fro;
            }
        } else {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    work[j * s + i] = g[i * cols + j] / fro;
                }
            }
        }
        for (int step = 0; step < steps; step++) {
            // M = X Xᵀ
            for (int i = 0; i < r; i++) {
                for (int j = i; j < r; j++) {
                    double acc = 0;
                    for (int k = 0; k < s; k++) {
                        acc += work[xOff + i * s + k] * work[xOff + j * s + k];
                    }
                    work[mOff + i * r + j] = acc;
                    work[mOff + j * r + i] = acc;
                }
            }
            // K = b M + c M²
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double acc = 0;
                    for (int k = 0; k < r; k++) {
                        acc += work[mOff + i * r + k] * work[mOff + k * r + j];
                    }
                    work[kOff + i * r + j] = b * work[mOff + i * r + j] + c * acc;
                }
            }
            // Y = a X + K X
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < s; j++) {
                    double acc = 0;
                    for (int k = 0; k < r; k++) {
                        acc += work[kOff + i * r + k] * work[xOff + k * s + j];
                    }
                    work[yOff + i * s + j] = a * work[xOff + i * s + j] + acc;
                }
            }
            int t = xOff;
            xOff = yOff;
            yOff = t;
        }
        double inner = 0;
        if (rows <= cols) {
            for (int i = 0; i < n; i++) {
                out[i] = work[xOff + i];
                inner += g[i] * out[i];
            }
        } else {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double v = work[xOff + j * s + i];
                    out[i * cols + j] = v;
                    inner += g[i * cols + j] * v;
                }
            }
        }
        return inner;
    }

    @Override
    public String toString() {
        return "newton-schulz(a=" + a + ", b=" + b + ", c=" + c + ", steps=" + steps + ")";
    }
}
