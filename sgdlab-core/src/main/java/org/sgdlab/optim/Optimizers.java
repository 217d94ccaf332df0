package org.sgdlab.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named optimizers as factories returning chains (optax {@code alias.py}). Every optimizer is
 * followed by the trainer's w ← w + updates. The torch-named optimizers reproduce torch.optim's
 * single-tensor update in float64 (see tools/torch/README.md and {@code TorchAgreementTest}); their
 * overloads with fewer arguments use torch's defaults.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /** Gradient descent / SGD: w ← w − η_t g (full-batch or minibatch depends on the sampler, not the optimizer). */
    public static Chain sgd(Schedule lr) {
        return Chain.named("sgd(lr=" + lr.describe() + ")", new ScaleByLearningRate(lr));
    }

    /** {@link #sgd(Schedule)} with a constant step. */
    public static Chain sgd(double lr) {
        return sgd(Schedules.constant(lr));
    }

    /**
     * torch.optim.SGD: g ← g + λw; if μ &gt; 0: b ← μb + (1 − τ)g (b = g on the first step),
     * g ← g + μb (Nesterov) or g ← b; w ← w − η_t g. With μ = 0 there is no buffer and τ is ignored
     * (as in torch). Torch's defaults are momentum = dampening = weight_decay = 0, nesterov = false.
     *
     * @param momentum μ in [0, 1) (torch accepts any μ ≥ 0; sgdlab rejects μ ≥ 1, which cannot converge)
     * @param dampening τ in [0, 1]
     * @param nesterov requires μ &gt; 0 and τ = 0
     * @param weightDecay λ ≥ 0 (coupled)
     */
    public static Chain sgd(Schedule lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        List<Transform> parts = new ArrayList<>();
        Hyper.nonNegative("weight_decay", weightDecay);
        if (weightDecay != 0) {
            parts.add(new AddWeightDecay(weightDecay));
        }
        if (momentum != 0 || nesterov) {
            parts.add(new Momentum(momentum, dampening, nesterov));
        } else {
            Hyper.unitInterval("momentum", momentum); // rejects negatives and NaN
            if (!(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
            }
        }
        parts.add(new ScaleByLearningRate(lr));
        return Chain.named("sgd(lr=" + lr.describe() + (momentum != 0 ? ", momentum=" + momentum : "")
                + (dampening != 0 ? ", dampening=" + dampening : "") + (nesterov ? ", nesterov" : "")
                + (weightDecay != 0 ? ", weight_decay=" + weightDecay : "") + ")", parts.toArray(new Transform[0]));
    }

    /** {@link #sgd(Schedule, double, double, boolean, double)} with a constant step. */
    public static Chain sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        return sgd(Schedules.constant(lr), momentum, dampening, nesterov, weightDecay);
    }

    /** Heavy-ball momentum (torch form): b ← μb + g, w ← w − η_t b. */
    public static Chain momentum(Schedule lr, double mu) {
        return Chain.named("momentum(lr=" + lr.describe() + ", mu=" + mu + ")",
                new Momentum(mu, 0.0, false), new ScaleByLearningRate(lr));
    }

    /** Nesterov momentum (look-ahead form as in torch): b ← μb + g, w ← w − η_t (g + μb). */
    public static Chain nesterov(Schedule lr, double mu) {
        return Chain.named("nesterov(lr=" + lr.describe() + ", mu=" + mu + ")",
                new Momentum(mu, 0.0, true), new ScaleByLearningRate(lr));
    }

    /**
     * torch.optim.Adam (amsgrad = false): coupled weight decay λ, then {@link ScaleByAdam}, then
     * −η_t. Torch defaults: lr = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0.
     */
    public static Chain adam(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamLike("adam", lr, beta1, beta2, eps, weightDecay, false);
    }

    /** {@link #adam(Schedule, double, double, double, double)} with a constant step. */
    public static Chain adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adam(Schedules.constant(lr), beta1, beta2, eps, weightDecay);
    }

    /** Adam with torch's defaults β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public static Chain adam(double lr) {
        return adam(lr, 0.9, 0.999, 1e-8, 0.0);
    }

    /** Adam with all of torch's defaults (lr = 1e-3). */
    public static Chain adam() {
        return adam(1e-3);
    }

    /** torch.optim.Adam with amsgrad = True: v̂ = max(v̂, v) replaces v in the denominator. */
    public static Chain amsgrad(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamLike("amsgrad", lr, beta1, beta2, eps, weightDecay, true);
    }

    /** {@link #amsgrad(Schedule, double, double, double, double)} with a constant step. */
    public static Chain amsgrad(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return amsgrad(Schedules.constant(lr), beta1, beta2, eps, weightDecay);
    }

    /** AMSGrad with torch's defaults β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public static Chain amsgrad(double lr) {
        return amsgrad(lr, 0.9, 0.999, 1e-8, 0.0);
    }

    private static Chain adamLike(String name, Schedule lr, double beta1, double beta2, double eps, double weightDecay,
            boolean ams) {
        ScaleByAdam core = new ScaleByAdam(beta1, beta2, eps, ams);
        Hyper.nonNegative("weight_decay", weightDecay);
        String d = name + "(lr=" + lr.describe() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + (weightDecay != 0 ? ", weight_decay=" + weightDecay : "") + ")";
        if (weightDecay != 0) {
            return Chain.named(d, new AddWeightDecay(weightDecay), core, new ScaleByLearningRate(lr));
        }
        return Chain.named(d, core, new ScaleByLearningRate(lr));
    }

    /**
     * torch.optim.AdamW: {@link ScaleByAdam}, −η_t, then the decoupled decay −η_tλw
     * ({@link DecoupledWeightDecay}). Torch defaults: lr = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 1e-2.
     */
    public static Chain adamW(Schedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        ScaleByAdam core = new ScaleByAdam(beta1, beta2, eps, amsgrad);
        DecoupledWeightDecay wd = new DecoupledWeightDecay(lr, weightDecay);
        return Chain.named("adamw(lr=" + lr.describe() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weight_decay=" + weightDecay + (amsgrad ? ", amsgrad" : "") + ")", core, new ScaleByLearningRate(lr), wd);
    }

    /** {@link #adamW(Schedule, double, double, double, double, boolean)} with a constant step, amsgrad off. */
    public static Chain adamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamW(Schedules.constant(lr), beta1, beta2, eps, weightDecay, false);
    }

    /** AdamW with torch's defaults β = (0.9, 0.999), ε = 1e-8, λ = 1e-2. */
    public static Chain adamW(double lr) {
        return adamW(lr, 0.9, 0.999, 1e-8, 1e-2);
    }

    /** torch.optim.Adamax: coupled weight decay λ, {@link ScaleByAdamax}, −η_t. */
    public static Chain adamax(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        ScaleByAdamax core = new ScaleByAdamax(beta1, beta2, eps);
        Hyper.nonNegative("weight_decay", weightDecay);
        String d = "adamax(lr=" + lr.describe() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + (weightDecay != 0 ? ", weight_decay=" + weightDecay : "") + ")";
        if (weightDecay != 0) {
            return Chain.named(d, new AddWeightDecay(weightDecay), core, new ScaleByLearningRate(lr));
        }
        return Chain.named(d, core, new ScaleByLearningRate(lr));
    }

    /** {@link #adamax(Schedule, double, double, double, double)} with a constant step. */
    public static Chain adamax(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamax(Schedules.constant(lr), beta1, beta2, eps, weightDecay);
    }

    /** Adamax with torch's defaults β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public static Chain adamax(double lr) {
        return adamax(lr, 0.9, 0.999, 1e-8, 0.0);
    }

    /** Adamax with all of torch's defaults (lr = 2e-3). */
    public static Chain adamax() {
        return adamax(2e-3);
    }

    /**
     * torch.optim.Adagrad: coupled weight decay λ, {@link ScaleByAdagrad} (s₀ =
     * initial_accumulator_value, ε), then −η/(1 + t·lr_decay) ({@link Schedules#inverseTimeDecay}).
     * Torch defaults: lr = 1e-2, lr_decay = 0, λ = 0, s₀ = 0, ε = 1e-10.
     */
    public static Chain adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        Schedule s = Schedules.inverseTimeDecay(lr, lrDecay);
        ScaleByAdagrad core = new ScaleByAdagrad(initialAccumulatorValue, eps);
        Hyper.nonNegative("weight_decay", weightDecay);
        String d = "adagrad(lr=" + lr + (lrDecay != 0 ? ", lr_decay=" + lrDecay : "")
                + (weightDecay != 0 ? ", weight_decay=" + weightDecay : "")
                + (initialAccumulatorValue != 0 ? ", initial_accumulator_value=" + initialAccumulatorValue : "")
                + ", eps=" + eps + ")";
        if (weightDecay != 0) {
            return Chain.named(d, new AddWeightDecay(weightDecay), core, new ScaleByLearningRate(s));
        }
        return Chain.named(d, core, new ScaleByLearningRate(s));
    }

    /** Diagonal AdaGrad with a schedule and torch's other defaults (s₀ = 0, ε = 1e-10, no weight decay). */
    public static Chain adagrad(Schedule lr) {
        return Chain.named("adagrad(lr=" + lr.describe() + ", eps=1.0E-10)", new ScaleByAdagrad(0.0, 1e-10),
                new ScaleByLearningRate(lr));
    }

    /** Diagonal AdaGrad with torch's defaults except lr. */
    public static Chain adagrad(double lr) {
        return adagrad(lr, 0.0, 0.0, 0.0, 1e-10);
    }

    /**
     * AdaGrad-norm (002 Thm 2.5.4 with the square root restored): w ← w − η·g/√(b₀² + Σ‖g‖²)
     * ({@link ScaleByAdagradNorm}).
     */
    public static Chain adagradNorm(double lr, double b0) {
        return Chain.named("adagrad-norm(lr=" + lr + ", b0=" + b0 + ")", new ScaleByAdagradNorm(b0),
                new ScaleByLearningRate(Schedules.constant(lr)));
    }

    /** Full-matrix AdaGrad: w ← w − η·(εI + Σ g gᵀ)^{-1/2} g ({@link ScaleByFullMatrixAdagrad}, O(d³) per step). */
    public static Chain fullMatrixAdagrad(double lr, double eps) {
        return Chain.named("full-matrix-adagrad(lr=" + lr + ", eps=" + eps + ")", new ScaleByFullMatrixAdagrad(eps),
                new ScaleByLearningRate(Schedules.constant(lr)));
    }

    /**
     * torch.optim.RMSprop: coupled weight decay λ, {@link ScaleByRms} (α, ε, momentum μ, centered),
     * then −η_t. Torch defaults: lr = 1e-2, α = 0.99, ε = 1e-8, λ = 0, μ = 0, centered = false.
     */
    public static Chain rmsprop(Schedule lr, double alpha, double eps, double weightDecay, double momentum,
            boolean centered) {
        ScaleByRms core = new ScaleByRms(alpha, eps, momentum, centered);
        Hyper.nonNegative("weight_decay", weightDecay);
        String d = "rmsprop(lr=" + lr.describe() + ", alpha=" + alpha + ", eps=" + eps
                + (weightDecay != 0 ? ", weight_decay=" + weightDecay : "") + (momentum != 0 ? ", momentum=" + momentum : "")
                + (centered ? ", centered" : "") + ")";
        if (weightDecay != 0) {
            return Chain.named(d, new AddWeightDecay(weightDecay), core, new ScaleByLearningRate(lr));
        }
        return Chain.named(d, core, new ScaleByLearningRate(lr));
    }

    /** {@link #rmsprop(Schedule, double, double, double, double, boolean)} with a constant step. */
    public static Chain rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        return rmsprop(Schedules.constant(lr), alpha, eps, weightDecay, momentum, centered);
    }

    /** RMSprop with torch's defaults except lr. */
    public static Chain rmsprop(double lr) {
        return rmsprop(lr, 0.99, 1e-8, 0.0, 0.0, false);
    }

    /** Normalized gradient descent w ← w − η_t g/‖g‖₂ (update 0 at g = 0; {@link NormalizeByNorm}). */
    public static Chain normalizedGd(Schedule lr) {
        return Chain.named("normalized-gd(lr=" + lr.describe() + ")", new NormalizeByNorm(), new ScaleByLearningRate(lr));
    }

    /** {@link #normalizedGd(Schedule)} with a constant step. */
    public static Chain normalizedGd(double lr) {
        return normalizedGd(Schedules.constant(lr));
    }

    /** The names {@link #byName(String, Map)} accepts, with their hyperparameters and defaults (NaN: required). */
    public static Map<String, Map<String, Double>> hyperparameters() {
        return SPECS;
    }

    private static final double REQUIRED = Double.NaN;
    private static final Map<String, Map<String, Double>> SPECS = specs();

    private static Map<String, Map<String, Double>> specs() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        Map<String, Double> sgd = spec("lr", REQUIRED, "momentum", 0.0, "dampening", 0.0, "nesterov", 0.0, "weight_decay", 0.0);
        m.put("sgd", sgd);
        m.put("gd", sgd);
        m.put("momentum", spec("lr", REQUIRED, "momentum", 0.9, "dampening", 0.0, "weight_decay", 0.0));
        m.put("nesterov", spec("lr", REQUIRED, "momentum", 0.9, "weight_decay", 0.0));
        m.put("adam", spec("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0));
        m.put("amsgrad", spec("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0));
        m.put("adamw", spec("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 1e-2, "amsgrad", 0.0));
        m.put("adamax", spec("lr", 2e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0));
        m.put("adagrad", spec("lr", 1e-2, "lr_decay", 0.0, "weight_decay", 0.0, "initial_accumulator_value", 0.0,
                "eps", 1e-10));
        m.put("adagrad-norm", spec("lr", REQUIRED, "b0", REQUIRED));
        m.put("full-matrix-adagrad", spec("lr", REQUIRED, "eps", 1e-8));
        m.put("rmsprop", spec("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", 0.0));
        m.put("normalized-gd", spec("lr", REQUIRED));
        Map<String, Map<String, Double>> frozen = new LinkedHashMap<>();
        m.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableMap(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static Map<String, Double> spec(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    /**
     * An optimizer by name with hyperparameters by torch's keyword names; missing ones take torch's
     * defaults ({@link #hyperparameters()}), unknown ones are rejected. Boolean flags
     * ({@code nesterov}, {@code centered}, {@code amsgrad}) are 0 or 1. Example:
     * {@code byName("adam", Map.of("lr", 1e-2, "beta2", 0.99))}.
     */
    public static Chain byName(String name, Map<String, Double> hp) {
        Map<String, Double> spec = SPECS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; choose one of "
                    + String.join(", ", SPECS.keySet()));
        }
        Map<String, Double> v = new LinkedHashMap<>(spec);
        for (Map.Entry<String, Double> e : hp.entrySet()) {
            if (!spec.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown hyperparameter " + e.getKey() + " for " + name + "; known: "
                        + String.join(", ", spec.keySet()));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("hyperparameter " + e.getKey() + " for " + name + " is null");
            }
            v.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : v.entrySet()) {
            if (Double.isNaN(e.getValue()) && !hp.containsKey(e.getKey())) {
                throw new IllegalArgumentException("missing hyperparameter " + e.getKey() + " for " + name);
            }
        }
        switch (name) {
            case "sgd":
            case "gd":
                return sgd(v.get("lr"), v.get("momentum"), v.get("dampening"), flag(name, "nesterov", v), v.get("weight_decay"));
            case "momentum":
                return sgd(v.get("lr"), v.get("momentum"), v.get("dampening"), false, v.get("weight_decay"));
            case "nesterov":
                return sgd(v.get("lr"), v.get("momentum"), 0.0, true, v.get("weight_decay"));
            case "adam":
                return adam(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"));
            case "amsgrad":
                return amsgrad(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"));
            case "adamw":
                return adamW(Schedules.constant(v.get("lr")), v.get("beta1"), v.get("beta2"), v.get("eps"),
                        v.get("weight_decay"), flag(name, "amsgrad", v));
            case "adamax":
                return adamax(v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"), v.get("weight_decay"));
            case "adagrad":
                return adagrad(v.get("lr"), v.get("lr_decay"), v.get("weight_decay"), v.get("initial_accumulator_value"),
                        v.get("eps"));
            case "adagrad-norm":
                return adagradNorm(v.get("lr"), v.get("b0"));
            case "full-matrix-adagrad":
                return fullMatrixAdagrad(v.get("lr"), v.get("eps"));
            case "rmsprop":
                return rmsprop(v.get("lr"), v.get("alpha"), v.get("eps"), v.get("weight_decay"), v.get("momentum"),
                        flag(name, "centered", v));
            case "normalized-gd":
                return normalizedGd(v.get("lr"));
            default:
                throw new AssertionError(name);
        }
    }

    private static boolean flag(String optimizer, String key, Map<String, Double> v) {
        double x = v.get(key);
        if (x != 0 && x != 1) {
            throw new IllegalArgumentException(key + " for " + optimizer + " must be 0 or 1, got " + x);
        }
        return x == 1;
    }

    /**
     * An optimizer by name with a learning-rate schedule: {@code gd}/{@code sgd}, {@code momentum}
     * (alias {@code heavy-ball}) and {@code nesterov} use {@code mu}; {@code adam}, {@code amsgrad},
     * {@code adamw}, {@code adamax}, {@code adagrad}, {@code rmsprop} and {@code normalized-gd} take
     * torch's defaults for everything but the learning rate and ignore {@code mu}.
     */
    public static Chain byName(String name, Schedule lr, double mu) {
        switch (name) {
            case "gd":
            case "sgd":
                return sgd(lr);
            case "momentum":
            case "heavy-ball":
                return momentum(lr, mu);
            case "nesterov":
                return nesterov(lr, mu);
            case "adam":
                return adam(lr, 0.9, 0.999, 1e-8, 0.0);
            case "amsgrad":
                return amsgrad(lr, 0.9, 0.999, 1e-8, 0.0);
            case "adamw":
                return adamW(lr, 0.9, 0.999, 1e-8, 1e-2, false);
            case "adamax":
                return adamax(lr, 0.9, 0.999, 1e-8, 0.0);
            case "adagrad":
                return adagrad(lr);
            case "rmsprop":
                return rmsprop(lr, 0.99, 1e-8, 0.0, 0.0, false);
            case "normalized-gd":
                return normalizedGd(lr);
            default:
                throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; choose gd, sgd, momentum, nesterov, "
                        + "adam, amsgrad, adamw, adamax, adagrad, rmsprop or normalized-gd");
        }
    }
}
