package org.sgdlab.sde;

/**
 * SGD on the three-function example of 002 Problem 12.2.4: f₁ = (x − 3)², f₂ = (x + 3)², f₃ = x² + 9, f = mean = x² + 9;
 * each step samples i uniformly and sets x ← x − η fᵢ'(x) = (1 − 2η)x + 2ηξ with ξ ∈ {3, −3, 0} (E ξ = 0, Var ξ = 6).
 * The gradient noise is g − f'(x) = −2ξ, so Σ = 24 (σ = 1, B = 1), and the SDE (002 eq. 12.4) is the OU process
 * dX = −2X dt + √(24η) dW. Derivations in {@code docs/sde.md}.
 */
public final class ThreeFunctionExample {
    private ThreeFunctionExample() {
    }

    /**
     * The exact stationary variance of the SGD chain, V = (1 − 2η)²V + 24η², i.e. V(η) = 6η/(1 − η) for 0 &lt; η &lt; 1
     * (the chain's contraction factor |1 − 2η| &lt; 1 there; at η ≥ 1 it has no stationary law).
     */
    public static double sgdStationaryVariance(double eta) {
        requireEta(eta);
        return 6 * eta / (1 - eta);
    }

    /** The SDE's stationary variance s²/(2θ) with θ = 2, s² = 24η: 6η. */
    public static double sdeStationaryVariance(double eta) {
        requireEta(eta);
        return 6 * eta;
    }

    /** One SGD step from x with the sampled index i ∈ {0, 1, 2} (f₁, f₂, f₃). */
    public static double step(double x, double eta, int i) {
        double grad = switch (i) {
            case 0 -> 2 * (x - 3);
            case 1 -> 2 * (x + 3);
            case 2 -> 2 * x;
            default -> throw new IllegalArgumentException("function index must be 0, 1 or 2, got " + i);
        };
        return x - eta * grad;
    }

    private static void requireEta(double eta) {
        if (!(eta > 0 && eta < 1)) {
            throw new IllegalArgumentException("learning rate eta must be in (0, 1) for a stationary law, got " + eta);
        }
    }
}
