package org.sgdlab.sde;

import org.sgdlab.random.RandomStream;

/** Gamma(a, 1) variates for the Student-t noise (χ²_ν = 2·Gamma(ν/2)). */
final class Gamma {
    private Gamma() {
    }

    /**
     * One Gamma(a, 1) draw, a &gt; 0: Marsaglia &amp; Tsang, "A simple method for generating gamma variables", ACM TOMS
     * 26 (2000) 363–372, for a ≥ 1; for a &lt; 1 the boost Gamma(a) = Gamma(a + 1)·U^{1/a} of the same paper.
     */
    static double sample(double a, RandomStream r) {
        if (a < 1) {
            double u = r.nextDouble();
            return sample(a + 1, r) * StrictMath.pow(u, 1 / a);
        }
        double dd = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double x;
            double v;
            do {
                x = r.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + dd * (1 - v + StrictMath.log(v))) {
                return dd * v;
            }
        }
    }
}
