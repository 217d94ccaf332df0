package org.sgdlab.finitesum;

/**
 * The standard normal distribution function and its quantiles, for confidence intervals.
 * Φ(x) = ½ + ∫₀ˣ φ(t)dt with the integral by composite Simpson's rule on 4096 panels (error below
 * 1e-15 for |x| ≤ 8; Φ is taken as 0 or 1 beyond ±8.5), and Φ⁻¹ by bisection to 1e-13.
 */
public final class Normal {
    private static final int PANELS = 4096;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Normal() {
    }

    /** Φ(x). */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > 8.5) {
            return 1;
        }
        if (x < -8.5) {
            return 0;
        }
        double h = x / PANELS;
        double s = density(0) + density(x);
        for (int i = 1; i < PANELS; i++) {
            s += (i % 2 == 1 ? 4 : 2) * density(i * h);
        }
        return 0.5 + s * h / 3;
    }

    private static double density(double t) {
        return INV_SQRT_2PI * Math.exp(-0.5 * t * t);
    }

    /** Φ⁻¹(p) for 0 &lt; p &lt; 1. */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        double lo = -8.5;
        double hi = 8.5;
        while (hi - lo > 1e-13) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The z of two-sided intervals mean ± z·se with family-wise coverage 1 − alpha over {@code comparisons}
     * intervals (Bonferroni): Φ⁻¹(1 − alpha/(2·comparisons)).
     */
    public static double bonferroniZ(double alpha, int comparisons) {
        if (comparisons < 1) {
            throw new IllegalArgumentException("comparisons must be >= 1");
        }
        return quantile(1 - alpha / (2.0 * comparisons));
    }
}
