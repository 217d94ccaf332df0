package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Arccos#acos} against {@code StrictMath.acos} (fdlibm, itself within 1 ulp): within 1 ulp on 1.2·10⁶ seeded
 * random points spread over [−1, 1] (uniform, log-uniform towards 0 and towards ±1), at the range-reduction
 * boundaries and the edges; exact where the kernels rely on it; NaN outside [−1, 1].
 */
class ArccosTest {
    /** |a − b| in units of the last place of b (b finite, non-negative here). */
    static double ulps(double a, double b) {
        return Math.abs(a - b) / Math.ulp(b);
    }

    @Test
    void withinOneUlpOfStrictMathOnAMillionRandomPoints() {
        SplittableRandom rng = new SplittableRandom(20261207);
        double worst = 0;
        double worstX = 0;
        int identical = 0;
        int n = 1_200_000;
        for (int k = 0; k < n; k++) {
            double x = switch (k % 3) {
                case 0 -> rng.nextDouble(-1.0, 1.0);
                case 1 -> (rng.nextBoolean() ? 1 : -1) * Math.pow(2, rng.nextDouble(-60, -1));
                default -> (rng.nextBoolean() ? 1 : -1) * (1.0 - Math.pow(2, rng.nextDouble(-53, -1)));
            };
            double got = Arccos.acos(x);
            double want = StrictMath.acos(x);
            double e = ulps(got, want);
            if (e > worst) {
                worst = e;
                worstX = x;
            }
            identical += got == want ? 1 : 0;
        }
        assertTrue(worst <= 1.0, "max " + worst + " ulp at x = " + worstX);
        // Both are nearly correctly rounded, so they agree on almost every point: 99.25 % here (without the square
        // root's correction term c, still within 1 ulp, only 93.8 %)
        assertTrue(identical > 0.98 * n, identical + " of " + n + " identical");
    }

    @Test
    void edgesAndRangeReductionBoundaries() {
        assertEquals(0.0, Arccos.acos(1.0));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Arccos.acos(1.0)), "+0 at 1");
        assertEquals(Math.PI, Arccos.acos(-1.0));
        assertEquals(Math.PI / 2, Arccos.acos(0.0));
        assertEquals(Math.PI / 2, Arccos.acos(-0.0));
        for (double tiny : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1000, 1e-300, 1e-17, 0x1p-27}) {
            assertEquals(StrictMath.acos(tiny), Arccos.acos(tiny), "acos(" + tiny + ")");
            assertEquals(StrictMath.acos(-tiny), Arccos.acos(-tiny), "acos(" + -tiny + ")");
        }
        double below1 = Math.nextDown(1.0);
        double[] points = {0.5, -0.5, Math.nextUp(0.5), Math.nextDown(0.5), -Math.nextUp(0.5), -Math.nextDown(0.5),
                below1, -below1, Math.nextDown(below1), -Math.nextDown(below1), 1 - 0x1p-30, -1 + 0x1p-30, 0.75, -0.75,
                Math.sqrt(0.5), -Math.sqrt(0.5), Math.sqrt(3) / 2, -Math.sqrt(3) / 2};
        for (double x : points) {
            double got = Arccos.acos(x);
            assertTrue(ulps(got, StrictMath.acos(x)) <= 1.0, "acos(" + x + ") = " + got + ", StrictMath "
                    + StrictMath.acos(x));
            assertTrue(got >= 0 && got <= Math.PI, "in [0, π]: " + got);
        }
        // monotone (non-increasing) across the boundaries at ±1/2 and next to ±1
        for (double c : new double[] {-1.0, -0.5, 0.5, 1.0}) {
            double x = c;
            for (int k = 0; k < 200; k++) {
                x = Math.nextDown(x);
            }
            double prev = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 400 && x <= 1.0; k++, x = Math.nextUp(x)) {
                if (x < -1.0) {
                    continue;
                }
                double v = Arccos.acos(x);
                assertTrue(v <= prev, "non-increasing at " + x + ": " + v + " after " + prev);
                prev = v;
            }
        }
    }

    @Test
    void nanOutsideTheDomainLikeStrictMath() {
        for (double x : new double[] {Double.NaN, Math.nextUp(1.0), -Math.nextUp(1.0), 2.0, -2.0, 1e300,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertTrue(Double.isNaN(StrictMath.acos(x)), "reference at " + x);
            assertTrue(Double.isNaN(Arccos.acos(x)), "acos(" + x + ") = " + Arccos.acos(x));
        }
    }

    /** Horner's R(z) against asin's Taylor series summed to 40 digits (BigDecimal) on 401 points of [0, 1/4]. */
    @Test
    void hornerEvaluationIsWithinAFewUlpsOfAsinsSeries() {
        MathContext mc = new MathContext(40);
        double worst = 0;
        for (int i = 0; i <= 400; i++) {
            double z = i / 1600.0; // [0, 1/4], exact in double
            BigDecimal zb = new BigDecimal(z);
            // R(z) = Σ_{n≥1} C(2n, n)/(4ⁿ(2n+1)) z^{n−1}
            BigDecimal coeff = BigDecimal.ONE.divide(BigDecimal.valueOf(2), mc);
            BigDecimal zp = BigDecimal.ONE;
            BigDecimal sum = BigDecimal.ZERO;
            for (int n = 1; n < 80; n++) {
                sum = sum.add(coeff.divide(BigDecimal.valueOf(2L * n + 1), mc).multiply(zp, mc), mc);
                coeff = coeff.multiply(BigDecimal.valueOf((2L * n + 1) * (2L * n + 2)), mc)
                        .divide(BigDecimal.valueOf(4L * (n + 1) * (n + 1)), mc);
                zp = zp.multiply(zb, mc);
            }
            double err = new BigDecimal(Arccos.r(z)).subtract(sum, mc).abs().doubleValue();
            worst = Math.max(worst, err);
        }
        // 2.2e-17 for the exact polynomial (tools/arccos), plus Horner's roundings (a few ulps of R ≈ 0.17-0.19)
        assertTrue(worst < 1e-16, "max |R_poly − R| = " + worst);
    }
}
