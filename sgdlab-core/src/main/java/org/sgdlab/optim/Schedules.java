package org.sgdlab.optim;

/** Common step-size schedules; each validates its hyperparameters eagerly. */
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

    /** A schedule by name: {@code constant}, {@code 1/t} (alias {@code inverse-time}), {@code 1/sqrt(t)} (alias {@code inverse-sqrt}). */
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
            default:
                throw new IllegalArgumentException("unknown schedule \"" + name
                        + "\"; choose constant, inverse-time (1/t) or inverse-sqrt (1/sqrt(t))");
        }
    }
}
