package org.sgdlab.optim;

import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Full-matrix AdaGrad (Duchi, Hazan &amp; Singer 2011, §1 and Thm 7; 002 ch. 2):
 * G_t = εI + Σ_{s≤t} g_s g_sᵀ, g ← G_t^{-1/2} g_t. Followed by {@link ScaleByLearningRate} the step
 * is w ← w − η·G_t^{-1/2} g_t. The inverse square root is computed from a symmetric
 * eigendecomposition G = V diag(λ) Vᵀ by the cyclic Jacobi method (written for sgdlab,
 * {@link SymmetricEigen}): G^{-1/2} g = V diag(λ^{-1/2}) Vᵀ g.
 *
 * <p>Cost: O(d²) memory and O(d³) time per step (a few Jacobi sweeps), so this is meant for small
 * d (tens to a few hundred). The state preallocates G and every work array at {@link #init}, so
 * {@link #updateInPlace} allocates nothing. ε &gt; 0 keeps G positive definite (every eigenvalue ≥ ε
 * in exact arithmetic); eigenvalues that rounding pushes below ε are clamped to ε. Accuracy: the
 * eigenvectors carry rounding of order 10⁻¹⁶·λ_max, which the factor ε^{-1/2} amplifies, so the
 * relative error of the update is about 10⁻¹⁶·√(λ_max/ε) (≈ 5·10⁻¹² for λ_max = 25, ε = 10⁻⁸).
 *
 * <pre>{@code
 * Chain opt = Optimizers.fullMatrixAdagrad(0.5, 1e-8);
 * // step 1 with g: G = εI + ggᵀ, update = −0.5·g/√(ε + ‖g‖²)
 * }</pre>
 */
public final class ScaleByFullMatrixAdagrad implements Transform {
    private final double eps;

    /** @param eps ε &gt; 0, the ridge εI added to the accumulated outer products */
    public ScaleByFullMatrixAdagrad(double eps) {
        this.eps = Hyper.positive("eps", eps);
    }

    @Override
    public State init(double[] params) {
        int d = params.length;
        Acc s = new Acc(d);
        for (int i = 0; i < d; i++) {
            s.g[i * d + i] = eps;
        }
        return s;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        Acc s = (Acc) state;
        int d = updates.length;
        double[] gm = s.g;
        for (int i = 0; i < d; i++) {
            double ui = updates[i];
            for (int j = 0; j < d; j++) {
                gm[i * d + j] += ui * updates[j];
            }
        }
        SymmetricEigen e = s.eigen;
        e.decompose(gm);
        double[] v = e.vectors();
        double[] proj = s.work;
        // proj = diag(λ^{-1/2}) Vᵀ g
        for (int k = 0; k < d; k++) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += v[i * d + k] * updates[i];
            }
            proj[k] = dot / Math.sqrt(Math.max(e.values()[k], eps));
        }
        for (int i = 0; i < d; i++) {
            double x = 0;
            for (int k = 0; k < d; k++) {
                x += v[i * d + k] * proj[k];
            }
            updates[i] = x;
        }
    }

    @Override
    public String describe() {
        return "scale-by-full-matrix-adagrad(eps=" + eps + ")";
    }

    private static final class Acc implements State {
        final double[] g;
        final double[] work;
        final SymmetricEigen eigen;

        Acc(int d) {
            g = new double[d * d];
            work = new double[d];
            eigen = new SymmetricEigen(d);
        }

        /** G only: work and the eigen workspace are scratch, recomputed from G at every step (as {@link #copy()} assumes). */
        @Override
        public void fields(StateFields f) {
            f.doubles("G", g);
        }

        @Override
        public State copy() {
            Acc c = new Acc(work.length);
            System.arraycopy(g, 0, c.g, 0, g.length);
            return c;
        }
    }
}
