package org.sgdlab.optim;

/**
 * Common step-size schedules η_t, t = 0, 1, 2, … (the step counter lives in the state of the
 * transform that evaluates the schedule); each validates its hyperparameters eagerly.
 */
public final class Schedules {
    private Schedules() {
    }

    static double requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
        return v;
    }

    /** η_t = η. */
    public static Schedule constant(double eta) {
        requirePositive("learning rate", eta);
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta;
            }

            @Override
            public String describe() {
                return "constant(" + eta + ")";
            }
        };
    }

    /** η_t = η / (1 + t/τ): the 1/t decay of Robbins–Monro (Σηₜ = ∞, Σηₜ² &lt; ∞). */
    public static Schedule inverseTime(double eta, double tau) {
        requirePositive("learning rate", eta);
        requirePositive("tau", tau);
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta / (1.0 + step / tau);
            }

            @Override
            public String describe() {
                return "inverse-time(" + eta + ", tau=" + tau + ")";
            }
        };
    }

    /** η_t = η / √(1 + t/τ). */
    public static Schedule inverseSqrt(double eta, double tau) {
        requirePositive("learning rate", eta);
        requirePositive("tau", tau);
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta / Math.sqrt(1.0 + step / tau);
            }

            @Override
            public String describe() {
                return "inverse-sqrt(" + eta + ", tau=" + tau + ")";
            }
        };
    }

    /**
     * Inverse-time decay by a rate: η_t = η/(1 + r·t). This is torch.optim.Adagrad's {@code lr_decay}
     * (clr = lr/(1 + (step − 1)·lr_decay) with step = t + 1) and optax's {@code inverse_time_decay};
     * r = 0 gives the constant η.
     */
    public static Schedule inverseTimeDecay(double eta, double rate) {
        requirePositive("learning rate", eta);
        Hyper.nonNegative("lr_decay", rate);
        if (rate == 0) {
            return constant(eta);
        }
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta / (1 + step * rate);
            }

            @Override
            public String describe() {
                return "inverse-time-decay(" + eta + ", rate=" + rate + ")";
            }
        };
    }

    /**
     * Step decay (torch.optim.lr_scheduler.StepLR): η_t = η·γ^⌊t/s⌋ — multiply by γ every s steps.
     *
     * <pre>{@code
     * Schedule s = Schedules.stepDecay(0.1, 0.5, 100); // 0.1 for t < 100, 0.05 for t < 200, …
     * }</pre>
     */
    public static Schedule stepDecay(double eta, double gamma, long stepSize) {
        requirePositive("learning rate", eta);
        requirePositive("gamma", gamma);
        Hyper.steps("step size", stepSize);
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta * Math.pow(gamma, (double) (step / stepSize));
            }

            @Override
            public String describe() {
                return "step-decay(" + eta + ", gamma=" + gamma + ", every=" + stepSize + ")";
            }
        };
    }

    /**
     * Exponential schedule (torch ExponentialLR): η_t = η·γᵗ (γ &lt; 1 decays, γ &gt; 1 grows).
     *
     * <pre>{@code
     * Schedule s = Schedules.exponential(0.1, 0.99); // 0.1, 0.099, 0.09801, …
     * }</pre>
     */
    public static Schedule exponential(double eta, double gamma) {
        requirePositive("learning rate", eta);
        requirePositive("gamma", gamma);
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta * Math.pow(gamma, (double) step);
            }

            @Override
            public String describe() {
                return "exponential(" + eta + ", gamma=" + gamma + ")";
            }
        };
    }

    /**
     * The exponentially growing schedule of 002 Thm 13.3.1 (Li &amp; Arora 2020, "An exponential
     * learning rate schedule for deep learning"): η_t = η·(1 − ηλ)^{−(2t+1)}, which for a
     * scale-invariant loss reproduces GD with step η and weight decay λ. 002 prints
     * (1 − ηλ)^{−(2t+1)} without the leading η — a known misprint (at t = 0 the step must be η up to
     * the factor 1/(1 − ηλ)). Requires 0 &lt; ηλ &lt; 1.
     *
     * <pre>{@code
     * Schedule s = Schedules.exponentialForWeightDecay(0.1, 0.5); // 0.1/0.95, 0.1/0.95³, …
     * }</pre>
     */
    public static Schedule exponentialForWeightDecay(double eta, double lambda) {
        requirePositive("learning rate", eta);
        requirePositive("lambda", lambda);
        if (!(eta * lambda < 1)) {
            throw new IllegalArgumentException("learning rate × lambda must be < 1, got " + eta + " × " + lambda
                    + " = " + eta * lambda);
        }
        double base = 1 - eta * lambda;
        return new Schedule() {
            @Override
            public double at(long step) {
                return eta * Math.pow(base, -(2.0 * step + 1));
            }

            @Override
            public String describe() {
                return "exponential-for-weight-decay(" + eta + ", lambda=" + lambda + ")";
            }
        };
    }

    /**
     * Cosine annealing (Loshchilov &amp; Hutter 2017, SGDR without restarts; torch CosineAnnealingLR's
     * closed form): η_t = η_min + (η − η_min)·(1 + cos(π·t/T))/2 for t ≤ T, and η_min after T
     * (torch's closed form would rise again; sgdlab holds at η_min).
     *
     * <pre>{@code
     * Schedule s = Schedules.cosine(0.1, 1000, 0.0); // 0.1 → 0.05 at t = 500 → 0 at t = 1000
     * }</pre>
     */
    public static Schedule cosine(double eta, long totalSteps, double etaMin) {
        requirePositive("learning rate", eta);
        Hyper.steps("total steps", totalSteps);
        Hyper.nonNegative("eta_min", etaMin);
        if (!(etaMin <= eta)) {
            throw new IllegalArgumentException("eta_min must be <= learning rate " + eta + ", got " + etaMin);
        }
        return new Schedule() {
            @Override
            public double at(long step) {
                if (step >= totalSteps) {
                    return etaMin;
                }
                return etaMin + (eta - etaMin) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
            }

            @Override
            public String describe() {
                return "cosine(" + eta + ", T=" + totalSteps + ", eta_min=" + etaMin + ")";
            }
        };
    }

    /**
     * Linear warm-up composed with another schedule (Goyal et al. 2017): η_t = η'₀·(t + 1)/W for
     * t &lt; W, then η_t = η'_{t−W}, where η' is {@code after}; the warm-up ramps up to the first
     * value of {@code after}, which then starts its own clock.
     *
     * <pre>{@code
     * Schedule s = Schedules.warmup(100, Schedules.cosine(0.1, 900, 0)); // 0.001, 0.002, …, 0.1, then cosine
     * }</pre>
     */
    public static Schedule warmup(long warmupSteps, Schedule after) {
        Hyper.steps("warm-up steps", warmupSteps);
        java.util.Objects.requireNonNull(after, "after");
        double peak = after.at(0);
        return new Schedule() {
            @Override
            public double at(long step) {
                if (step < warmupSteps) {
                    return peak * (step + 1) / warmupSteps;
                }
                return after.at(step - warmupSteps);
            }

            @Override
            public String describe() {
                return "warmup(" + warmupSteps + ", " + after.describe() + ")";
            }
        };
    }

    /**
     * Any user function of the step, with a description ({@link Schedule} is also a functional
     * interface, so a lambda {@code t -> 0.1 / (1 + t)} works directly; this adds the name).
     *
     * <pre>{@code
     * Schedule s = Schedules.of("0.1/(1+t)^0.6", t -> 0.1 / Math.pow(1 + t, 0.6));
     * }</pre>
     */
    public static Schedule of(String description, java.util.function.LongToDoubleFunction f) {
        java.util.Objects.requireNonNull(description, "description");
        java.util.Objects.requireNonNull(f, "f");
        return new Schedule() {
            @Override
            public double at(long step) {
                return f.applyAsDouble(step);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /**
     * A schedule by name: {@code constant}, {@code 1/t} (alias {@code inverse-time}), {@code 1/sqrt(t)}
     * (alias {@code inverse-sqrt}), {@code cosine} (τ is the horizon T, annealing to 0).
     */
    public static Schedule byName(String name, double eta, double tau) {
        switch (name) {
            case "constant":
                return constant(eta);
            case "1/t":
            case "inverse-time":
                return inverseTime(eta, tau);
            case "1/sqrt(t)":
            case "inverse-sqrt":
                return inverseSqrt(eta, tau);
            case "cosine":
                return cosine(eta, Math.max(1, Math.round(tau)), 0.0);
            default:
                throw new IllegalArgumentException("unknown schedule \"" + name
                        + "\"; choose constant, inverse-time (1/t), inverse-sqrt (1/sqrt(t)) or cosine");
        }
    }
}
