package org.sgdlab.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.geometry.GeometricOptimizers;
import org.sgdlab.geometry.LInfSphere;
import org.sgdlab.geometry.LpSphere;
import org.sgdlab.geometry.Norms;
import org.sgdlab.geometry.Potentials;
import org.sgdlab.geometry.Sphere;
import org.sgdlab.geometry.Stiefel;
import org.sgdlab.optim.AddWeightDecay;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.PerturbedGd;
import org.sgdlab.optim.ScaleByAdagrad;
import org.sgdlab.optim.ScaleByAdagradNorm;
import org.sgdlab.optim.ScaleByFullMatrixAdagrad;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Svag;
import org.sgdlab.optim.Transform;

/**
 * Every optimizer of sgdlab by name: the one registry the CLI ({@code --optimizer}, {@code sgdlab list
 * optimizers}) and the contract tests use. The learning rate is always a {@link Schedule}; the other
 * hyperparameters use torch.optim's keyword names where torch has the optimizer.
 */
public final class OptimizerCatalog {
    private static final double REQUIRED = Double.NaN;
    private static final Map<String, OptimizerEntry> BY_NAME = new LinkedHashMap<>();

    static {
        add("sgd", "w ← w − η_t (b_t or g + μ b_t for Nesterov), b_t = μ b_{t−1} + (1 − τ) g, g += λw",
                "seed 003; torch.optim.SGD",
                hp("momentum", 0.0, "dampening", 0.0, "nesterov", 0.0, "weight_decay", 0.0),
                (lr, h, d) -> Optimizers.sgd(lr, h.get("momentum"), h.get("dampening"), flag("nesterov", h),
                        h.get("weight_decay")));
        add("momentum", "b ← μ b + g; w ← w − η_t b (heavy ball)", "Polyak 1964; 002 §2.3",
                hp("momentum", 0.9), (lr, h, d) -> Optimizers.momentum(lr, h.get("momentum")));
        add("nesterov", "b ← μ b + g; w ← w − η_t (g + μ b) (look-ahead form)", "Nesterov 1983; 002 §2.3 (corrected form)",
                hp("momentum", 0.9), (lr, h, d) -> Optimizers.nesterov(lr, h.get("momentum")));
        add("adam", "m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − η_t/(1−β₁ᵗ) · m/(√v/√(1−β₂ᵗ) + ε)",
                "Kingma & Ba 2015; torch.optim.Adam",
                hp("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0),
                (lr, h, d) -> Optimizers.adam(lr, h.get("beta1"), h.get("beta2"), h.get("eps"), h.get("weight_decay")));
        add("amsgrad", "Adam with v̂ = max(v̂, v) in the denominator", "Reddi et al. 2018; torch.optim.Adam(amsgrad=True)",
                hp("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0),
                (lr, h, d) -> Optimizers.amsgrad(lr, h.get("beta1"), h.get("beta2"), h.get("eps"), h.get("weight_decay")));
        add("adamw", "Adam step plus decoupled decay w ← w − η_t λ w", "Loshchilov & Hutter 2019; torch.optim.AdamW",
                hp("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 1e-2, "amsgrad", 0.0),
                (lr, h, d) -> Optimizers.adamW(lr, h.get("beta1"), h.get("beta2"), h.get("eps"), h.get("weight_decay"),
                        flag("amsgrad", h)));
        add("adamax", "m ← β₁m + (1−β₁)g; u ← max(β₂u, |g| + ε); w ← w − η_t/(1−β₁ᵗ) · m/u",
                "Kingma & Ba 2015 §7.1; torch.optim.Adamax",
                hp("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0),
                (lr, h, d) -> Optimizers.adamax(lr, h.get("beta1"), h.get("beta2"), h.get("eps"), h.get("weight_decay")));
        add("adagrad", "s ← s + g²; w ← w − η_t/(1 + t·lr_decay) · g/(√s + ε) (diagonal)",
                "Duchi, Hazan, Singer 2011; torch.optim.Adagrad",
                hp("lr_decay", 0.0, "weight_decay", 0.0, "initial_accumulator_value", 0.0, "eps", 1e-10),
                OptimizerCatalog::adagrad);
        add("adagrad-norm", "w ← w − η_t g/√(b₀² + Σ_s ‖g_s‖²) (scalar step)",
                "002 Thm 2.5.4 (square root restored); Ward, Wu, Bottou 2019", hp("b0", 1e-8),
                (lr, h, d) -> Chain.named("adagrad-norm(lr=" + lr.describe() + ", b0=" + h.get("b0") + ")",
                        new ScaleByAdagradNorm(h.get("b0")), new ScaleByLearningRate(lr)));
        add("full-matrix-adagrad", "G ← G + g gᵀ; w ← w − η_t (εI + G)^{−1/2} g (O(d³) per step)",
                "Duchi, Hazan, Singer 2011 §1.3", hp("eps", 1e-8),
                (lr, h, d) -> Chain.named("full-matrix-adagrad(lr=" + lr.describe() + ", eps=" + h.get("eps") + ")",
                        new ScaleByFullMatrixAdagrad(h.get("eps")), new ScaleByLearningRate(lr)));
        add("rmsprop", "v ← αv + (1−α)g²; w ← w − η_t g/(√(v − c²) + ε) (c: mean of g if centered; optional momentum)",
                "Tieleman & Hinton 2012; torch.optim.RMSprop",
                hp("alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", 0.0),
                (lr, h, d) -> Optimizers.rmsprop(lr, h.get("alpha"), h.get("eps"), h.get("weight_decay"), h.get("momentum"),
                        flag("centered", h)));
        add("normalized-gd", "w ← w − η_t g/‖g‖₂", "002 §8.3; Nacson et al. 2019", hp(),
                (lr, h, d) -> Optimizers.normalizedGd(lr));
        add("steepest-lp", "w ← w − η_t ‖g‖_q φ, φ = g^[q/p]/‖g^[q/p]‖_p (steepest descent w.r.t. ‖·‖_p)",
                "002 §8.3 eq. (8.5); seed 004", hp("p", REQUIRED),
                (lr, h, d) -> GeometricOptimizers.steepestDescent(Norms.lp(h.get("p")), lr));
        add("lp-sgd", "w ← w − η_t φ, φ the unit ‖·‖_p-steepest direction (pbSGD)", "seed 004; Bernstein & Newhouse 2024",
                hp("p", REQUIRED), (lr, h, d) -> GeometricOptimizers.lpSgd(h.get("p"), lr));
        add("sign-sgd", "w ← w − η_t sign(g) (ℓ∞ steepest unit direction)", "seed 004; Bernstein et al. 2018", hp(),
                (lr, h, d) -> GeometricOptimizers.signSgd(lr));
        add("greedy-coordinate", "w ← w − η_t sign(g_i) e_i, i = argmax |g_i| (ℓ1 steepest unit direction)",
                "002 §8.3; seed 004", hp(), (lr, h, d) -> GeometricOptimizers.greedyCoordinate(lr));
        add("muon", "W ← W − η_t U Vᵀ for G = U Σ Vᵀ (spectral-norm steepest direction), rows × (d/rows) parameters",
                "Bernstein & Newhouse 2024; Jordan et al. 2024 (Newton–Schulz)", hp("rows", 1.0, "newton_schulz", 1.0),
                (lr, h, d) -> {
                    int rows = positiveInt("rows", h.get("rows"));
                    if (d % rows != 0) {
                        throw new IllegalArgumentException("muon: rows must divide the number of parameters " + d + ", got " + rows);
                    }
                    return GeometricOptimizers.muon(rows, d / rows, lr, flag("newton_schulz", h));
                });
        add("riemannian-sphere", "ξ = g − ⟨g,w⟩w (φ = ξ/‖ξ‖ if normalized); w ← (w − η_t ξ)/‖w − η_t ξ‖₂ (unit ℓ2 sphere)",
                "seed 004; Absil, Mahony, Sepulchre 2008", hp("normalized", 1.0),
                (lr, h, d) -> GeometricOptimizers.riemannianSgd(new Sphere(), lr, flag("normalized", h)));
        add("riemannian-lp-sphere", "φ = sharp_p(g − λ w^[p−1]) with ⟨w^[p−1], φ⟩ = 0 (λ by a root finder); w ← (w − η_t φ)/‖·‖_p",
                "seed 004 (the ℓp case it leaves open)", hp("p", REQUIRED, "normalized", 1.0),
                (lr, h, d) -> GeometricOptimizers.riemannianSgd(new LpSphere(h.get("p")), lr, flag("normalized", h)));
        add("riemannian-linf-sphere", "ξ = g with the max-|w| coordinate zeroed (φ = sign ξ if normalized); w ← (w − η_t ξ)/‖·‖_∞",
                "seed 004 (the p → ∞ clipping rule)", hp("normalized", 1.0),
                (lr, h, d) -> GeometricOptimizers.riemannianSgd(new LInfSphere(), lr, flag("normalized", h)));
        add("stiefel", "ξ = G − W sym(WᵀG); W ← qf(W − η_t ξ) (orthonormal columns, rows × (d/rows))",
                "Absil, Mahony, Sepulchre 2008 §4.8", hp("rows", REQUIRED),
                (lr, h, d) -> {
                    int rows = positiveInt("rows", h.get("rows"));
                    if (d % rows != 0) {
                        throw new IllegalArgumentException("stiefel: rows must divide the number of parameters " + d + ", got " + rows);
                    }
                    return GeometricOptimizers.riemannianSgd(new Stiefel(rows, d / rows, Stiefel.Retraction.QR), lr);
                });
        add("mirror-lp", "∇R(w') = ∇R(w) − η_t g with R = ½‖w‖²_p", "002 §8.1, Thm 8.1.2", hp("p", REQUIRED),
                (lr, h, d) -> GeometricOptimizers.mirrorDescent(Potentials.lpSquared(h.get("p")), lr));
        add("mirror-hyperbolic", "arcsinh(w'/2α) = arcsinh(w/2α) − η_t g (hyperbolic entropy R_α)", "002 Thm 8.1.6–8.1.7",
                hp("alpha", REQUIRED),
                (lr, h, d) -> GeometricOptimizers.mirrorDescent(Potentials.hyperbolicEntropy(h.get("alpha")), lr));
        add("exponentiated-gradient", "w' ∝ w ⊙ exp(−η_t g) on the simplex (negative-entropy mirror descent)",
                "Kivinen & Warmuth 1997; 002 §8.1", hp(), (lr, h, d) -> GeometricOptimizers.exponentiatedGradient(lr));
        add("svag", "ĝ = r₁g₁ + r₂g₂ (two independent batches), r₁,₂ = (1 ± √(2ℓ−1))/2; w ← w − (η_t/ℓ) ĝ",
                "002 Def. 12.4.1; Li, Malladi, Arora 2021", hp("l", 1.0), (lr, h, d) -> new Svag(lr, h.get("l")));
        add("perturbed-gd", "ball: if ‖g‖ ≤ g_thres and no perturbation in t_thres steps, w ← w + ξ, ξ ~ U(B(radius)); "
                        + "else w ← w − η_t g. gaussian=1: w ← w − η_t (g + ξ), ξ ~ N(0, radius²/d I)",
                "002 §7.2, Thm 7.2.1; Jin et al. 2017, 2019",
                hp("radius", 1e-3, "g_thres", 1e-3, "t_thres", 10.0, "gaussian", 0.0, "seed", 0.0),
                (lr, h, d) -> new PerturbedGd(lr, h.get("radius"), h.get("g_thres"), nonNegativeLong("t_thres", h.get("t_thres")),
                        flag("gaussian", h) ? PerturbedGd.Form.GAUSSIAN : PerturbedGd.Form.BALL, wholeNumber("seed", h.get("seed"))));
    }

    private OptimizerCatalog() {
    }

    private static void add(String name, String formula, String source, Map<String, Double> hp, OptimizerEntry.Factory f) {
        if (BY_NAME.put(name, new OptimizerEntry(name, formula, source, hp, f)) != null) {
            throw new IllegalStateException("duplicate optimizer " + name);
        }
    }

    private static Map<String, Double> hp(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static boolean flag(String key, Map<String, Double> h) {
        double x = h.get(key);
        if (x != 0 && x != 1) {
            throw new IllegalArgumentException(key + " must be 0 or 1, got " + x);
        }
        return x == 1;
    }

    private static int positiveInt(String key, double v) {
        if (!(v >= 1) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
        }
        return (int) v;
    }

    private static long nonNegativeLong(String key, double v) {
        if (!(v >= 0) || v != Math.rint(v) || v > Long.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a non-negative integer, got " + v);
        }
        return (long) v;
    }

    private static long wholeNumber(String key, double v) {
        if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
            throw new IllegalArgumentException(key + " must be an integer of magnitude <= 2^53, got " + v);
        }
        return (long) v;
    }

    /** torch.optim.Adagrad with a schedule: η_t = schedule(t)/(1 + t·lr_decay). */
    private static Transform adagrad(Schedule lr, Map<String, Double> h, int d) {
        double decay = h.get("lr_decay");
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("lr_decay must be >= 0 and finite, got " + decay);
        }
        double wd = h.get("weight_decay");
        Schedule s = decay == 0 ? lr : Schedules.of(lr.describe() + "/(1 + t·" + decay + ")", t -> lr.at(t) / (1 + t * decay));
        ScaleByAdagrad core = new ScaleByAdagrad(h.get("initial_accumulator_value"), h.get("eps"));
        String desc = "adagrad(lr=" + s.describe() + ", eps=" + h.get("eps") + ")";
        return wd == 0 ? Chain.named(desc, core, new ScaleByLearningRate(s))
                : Chain.named(desc, new AddWeightDecay(wd), core, new ScaleByLearningRate(s));
    }

    /** All entries in catalog order. */
    public static List<OptimizerEntry> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The entry called {@code name}. */
    public static OptimizerEntry entry(String name) {
        OptimizerEntry e = BY_NAME.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; choose one of " + String.join(", ", BY_NAME.keySet())
                    + " (`sgdlab list optimizers` shows their formulas)");
        }
        return e;
    }

    /**
     * The optimizer {@code name} with step-size schedule {@code lr} and hyperparameters {@code hp} (missing
     * ones take their defaults; unknown and missing required ones are rejected with the name).
     */
    public static Transform create(String name, Schedule lr, Map<String, Double> hp, int dimension) {
        OptimizerEntry e = entry(name);
        Map<String, Double> v = new LinkedHashMap<>(e.hyperparameters());
        for (Map.Entry<String, Double> kv : hp.entrySet()) {
            if (!v.containsKey(kv.getKey())) {
                throw new IllegalArgumentException("unknown hyperparameter " + kv.getKey() + " for " + name + "; known: "
                        + (v.isEmpty() ? "none besides the learning rate" : String.join(", ", v.keySet())));
            }
            v.put(kv.getKey(), kv.getValue());
        }
        for (Map.Entry<String, Double> kv : v.entrySet()) {
            if (Double.isNaN(kv.getValue())) {
                throw new IllegalArgumentException("optimizer " + name + " needs hyperparameter " + kv.getKey()
                        + " (give it as " + kv.getKey() + "=VALUE)");
            }
        }
        return e.factory().create(lr, Collections.unmodifiableMap(v), dimension);
    }
}
