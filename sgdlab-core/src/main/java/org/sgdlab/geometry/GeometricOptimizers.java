package org.sgdlab.geometry;

import org.sgdlab.optim.Chain;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedule;

/**
 * Named geometric optimizers as chains (companions of {@code org.sgdlab.optim.Optimizers}); the
 * trainer applies w ← w + updates after each.
 */
public final class GeometricOptimizers {
    private GeometricOptimizers() {
    }

    /** Steepest descent of 002 eq. (8.5): w ← w − η_t ‖g‖_* sharp(g). ℓ2 gives GD, ℓ1 greedy coordinate descent. */
    public static Chain steepestDescent(Norm norm, Schedule lr) {
        return Chain.named("steepest-descent(" + norm.describe() + ", lr=" + lr.describe() + ")",
                Dualize.steepest(norm), new ScaleByLearningRate(lr));
    }

    /** Normalized (dualized) steepest descent, modula convention: w ← w − η_t sharp(g), a step of norm η_t. */
    public static Chain dualizedDescent(Norm norm, Schedule lr) {
        return Chain.named("dualized-descent(" + norm.describe() + ", lr=" + lr.describe() + ")",
                Dualize.dualize(norm), new ScaleByLearningRate(lr));
    }

    /** SignSGD: w ← w − η_t sign(g) (the unit ℓ∞ steepest direction, source 004's p → ∞ limit). */
    public static Chain signSgd(Schedule lr) {
        return Chain.named("sign-sgd(lr=" + lr.describe() + ")", Dualize.dualize(Norms.linf()), new ScaleByLearningRate(lr));
    }

    /** pbSGD family (source 004): w ← w − η_t g^[q/p]/‖g^[q/p]‖_p, the unit ℓp steepest direction, 1 &lt; p &lt; ∞. */
    public static Chain lpSgd(double p, Schedule lr) {
        return Chain.named("lp-sgd(p=" + p + ", lr=" + lr.describe() + ")", Dualize.dualize(Norms.lp(p)), new ScaleByLearningRate(lr));
    }

    /**
     * Greedy coordinate descent (Gauss–Southwell rule; 002 §8.1.1 Example 1, §8.3.2): steepest descent
     * for ℓ1, w ← w − η_t g_j e_j with j the first index of max|g_j|.
     */
    public static Chain greedyCoordinate(Schedule lr) {
        return Chain.named("greedy-coordinate(lr=" + lr.describe() + ")", Dualize.steepest(Norms.l1()), new ScaleByLearningRate(lr));
    }

    /**
     * Muon without momentum for one rows×cols matrix parameter: w ← w − η_t U Vᵀ (G = UΣVᵀ), with
     * U Vᵀ exact (Jacobi SVD) or approximated by Muon's Newton–Schulz iteration. Combine with
     * {@link Partition} for models with several blocks.
     */
    public static Chain muon(int rows, int cols, Schedule lr, boolean newtonSchulz) {
        SpectralNorm norm = newtonSchulz ? Norms.spectralNewtonSchulz(rows, cols) : Norms.spectral(rows, cols);
        return Chain.named("muon(" + rows + "x" + cols + ", lr=" + lr.describe() + (newtonSchulz ? ", newton-schulz" : ", svd") + ")",
                Dualize.dualize(norm), new ScaleByLearningRate(lr));
    }

    /** Riemannian SGD: w ← R_w(−η_t P_w g). */
    public static Chain riemannianSgd(Manifold manifold, Schedule lr) {
        return riemannianSgd(manifold, lr, false);
    }

    /** Riemannian SGD; with {@code normalized} the step is −η_t φ, φ the steepest unit tangent direction (source 004). */
    public static Chain riemannianSgd(Manifold manifold, Schedule lr, boolean normalized) {
        RiemannianStep step = new RiemannianStep(manifold, lr, normalized);
        return Chain.named(step.describe(), step);
    }

    /** Mirror descent ∇R(w') = ∇R(w) − η_t g. */
    public static Chain mirrorDescent(Potential potential, Schedule lr) {
        MirrorDescent md = new MirrorDescent(potential, lr);
        return Chain.named(md.describe(), md);
    }

    /** Exponentiated gradient on the probability simplex (mirror descent with negative entropy). */
    public static Chain exponentiatedGradient(Schedule lr) {
        MirrorDescent md = new MirrorDescent(Potentials.negativeEntropy(), lr);
        return Chain.named("exponentiated-gradient(lr=" + lr.describe() + ")", md);
    }
}
