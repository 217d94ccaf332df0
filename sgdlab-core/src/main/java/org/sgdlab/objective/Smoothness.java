package org.sgdlab.objective;

import java.util.Arrays;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Smoothness constants of linear-model objectives, used to pick stable step sizes η = 1/L.
 * For L(w) = Σᵢ φ(⟨w, x̃ᵢ⟩) with φ'' ≤ c (x̃ᵢ = xᵢ, or (xᵢ, 1) with an intercept), ∇²L = X̃ᵀ diag(φ'') X̃ ≤ c·σ_max(X̃)²,
 * and a single term is c·‖x̃ᵢ‖²-smooth (Nesterov, Introductory Lectures, §2.1).
 */
public final class Smoothness {
    private Smoothness() {
    }

    /** σ_max(X̃)² = λ_max(X̃ᵀX̃) by power iteration on X̃ᵀX̃ from a deterministic start, to 1e-12 relative. */
    public static double sigmaMaxSquared(Dataset data, boolean intercept) {
        Matrix x = data.x();
        int d = x.cols();
        int p = intercept ? d + 1 : d;
        double[] v = new double[p];
        Arrays.fill(v, 1.0 / Math.sqrt(p));
        double[] xv = new double[x.rows()];
        double[] u = new double[p];
        double lambda = 0;
        for (int it = 0; it < 10_000; it++) {
            double b = intercept ? v[d] : 0;
            Kernels.gemv(x, v, xv);
            double sum = 0;
            for (int i = 0; i < xv.length; i++) {
                xv[i] += b;
                sum += xv[i];
            }
            Kernels.gemvTransposed(x, xv, u);
            if (intercept) {
                u[d] = sum;
            }
            double norm = Kernels.norm2(u);
            if (norm == 0) {
                return 0;
            }
            for (int j = 0; j < p; j++) {
                v[j] = u[j] / norm;
            }
            if (Math.abs(norm - lambda) <= 1e-12 * norm) {
                return norm;
            }
            lambda = norm;
        }
        return lambda;
    }

    /** maxᵢ ‖x̃ᵢ‖². */
    public static double maxRowNormSquared(Dataset data, boolean intercept) {
        Matrix x = data.x();
        double m = 0;
        for (int i = 0; i < x.rows(); i++) {
            double s = Kernels.dot(x.data(), i * x.cols(), x.data(), i * x.cols(), x.cols());
            m = Math.max(m, s + (intercept ? 1 : 0));
        }
        return m;
    }
}
