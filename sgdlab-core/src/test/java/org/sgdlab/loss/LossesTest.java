package org.sgdlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Losses from tables of (margin, φ, φ') and by finite differences; stability at margins ±1000. */
class LossesTest {
    private static final List<MarginLoss> MARGIN_LOSSES = List.of(LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE,
            HingeLoss.INSTANCE, SquaredHingeLoss.INSTANCE);

    // Values computed by hand / with high-precision arithmetic: log(2) = 0.6931471805599453,
    // log(1+e^-2) = 0.1269280110429725, e^-2/(1+e^-2) = 0.11920292202211755.
    @ParameterizedTest
    @CsvSource({
        "logistic, 0, 0.6931471805599453, -0.5",
        "logistic, 2, 0.1269280110429725, -0.11920292202211755",
        "logistic, -2, 2.1269280110429727, -0.8807970779778824",
        "logistic, 40, 4.248354255291589e-18, -4.248354255291589e-18",
        "exponential, 0, 1, -1",
        "exponential, 2, 0.1353352832366127, -0.1353352832366127",
        "exponential, -1, 2.718281828459045, -2.718281828459045",
        "hinge, 0, 1, -1",
        "hinge, 0.25, 0.75, -1",
        "hinge, 1, 0, 0",
        "hinge, 3, 0, 0",
        "squared-hinge, 0, 1, -2",
        "squared-hinge, 0.5, 0.25, -1",
        "squared-hinge, -1, 4, -4",
        "squared-hinge, 2, 0, 0",
    })
    void table(String name, double m, double value, double derivative) {
        MarginLoss l = (MarginLoss) Losses.byName(name);
        assertEquals(value, l.value(m), 1e-15 * Math.max(1, Math.abs(value)), name + " value at " + m);
        assertEquals(derivative, l.derivative(m), 1e-15 * Math.max(1, Math.abs(derivative)), name + " derivative at " + m);
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0, 0", "1.5, 0.5, 0.5, 1", "-2, 1, 4.5, -3"})
    void squaredLossTable(double p, double y, double value, double derivative) {
        assertEquals(value, SquaredLoss.INSTANCE.value(p, y), 0);
        assertEquals(derivative, SquaredLoss.INSTANCE.derivative(p, y), 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-7.3, -2.1, -0.4, 0.3, 0.77, 1.6, 4.2, 11.0})
    void derivativesMatchCentralDifferences(double m) {
        for (MarginLoss l : MARGIN_LOSSES) {
            double h = 1e-6;
            double fd = (l.value(m + h) - l.value(m - h)) / (2 * h);
            assertEquals(fd, l.derivative(m), 1e-6 * Math.max(1, Math.abs(fd)), l.name() + " at " + m);
            // as a function of (p, y): ∂ℓ/∂p
            for (double y : new double[] {-1, 1}) {
                double p = m * y;
                double fdp = (l.value(p + h, y) - l.value(p - h, y)) / (2 * h);
                assertEquals(fdp, l.derivative(p, y), 1e-6 * Math.max(1, Math.abs(fdp)), l.name() + " (p,y)=" + p + "," + y);
            }
        }
        double hs = 1e-6;
        double fds = (SquaredLoss.INSTANCE.value(m + hs, 0.3) - SquaredLoss.INSTANCE.value(m - hs, 0.3)) / (2 * hs);
        assertEquals(fds, SquaredLoss.INSTANCE.derivative(m, 0.3), 1e-6 * Math.max(1, Math.abs(fds)));
    }

    @Test
    void logisticIsStableAtHugeMargins() {
        LogisticLoss l = LogisticLoss.INSTANCE;
        assertEquals(1000.0, l.value(-1000), 0);
        assertEquals(-1.0, l.derivative(-1000), 0);
        assertEquals(0.0, l.value(1000), 0); // e^{-1000} is below the double range: exact rounding gives 0
        assertTrue(Double.isFinite(l.derivative(1000)));
        // the log-domain forms keep the information that e^{-1000} underflows away
        assertEquals(-1000.0, l.logNegDerivative(1000), 1e-12);
        assertEquals(-1000.0, l.logValue(1000), 1e-12);
        assertEquals(Math.log(1000.0), l.logValue(-1000), 1e-15);
        assertEquals(0.0, l.logNegDerivative(-1000), 1e-300);
        for (double m : new double[] {-1000, -50, 0, 50, 1000}) {
            assertTrue(Double.isFinite(l.value(m)) && Double.isFinite(l.derivative(m)), "finite at " + m);
        }
    }

    @Test
    void exponentialLogFormsAreExactWhereValueLeavesDoubleRange() {
        ExponentialLoss l = ExponentialLoss.INSTANCE;
        assertEquals(-1000.0, l.logValue(1000), 0);
        assertEquals(1000.0, l.logValue(-1000), 0);
        assertEquals(-1000.0, l.logNegDerivative(1000), 0);
        assertEquals(0.0, l.value(1000), 0);
        assertEquals(Double.POSITIVE_INFINITY, l.value(-1000)); // e^{1000} > Double.MAX_VALUE: documented
    }

    @Test
    void logFormsAgreeWithDirectFormsInRange() {
        for (MarginLoss l : MARGIN_LOSSES) {
            for (double m = -30; m <= 30; m += 0.37) {
                if (l.value(m) > 0) {
                    assertEquals(Math.log(l.value(m)), l.logValue(m), 1e-13 * Math.max(1, Math.abs(m)), l.name() + " logValue " + m);
                }
                if (l.derivative(m) < 0) {
                    assertEquals(Math.log(-l.derivative(m)), l.logNegDerivative(m), 1e-13 * Math.max(1, Math.abs(m)),
                            l.name() + " logNegDerivative " + m);
                }
            }
        }
    }

    @Test
    void unknownNameListsChoices() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Losses.byName("cauchy"));
        assertTrue(e.getMessage().contains("cauchy") && e.getMessage().contains("logistic"));
    }

    /** max |ℓ'(p₂, y) − ℓ'(p₁, y)|/(p₂ − p₁) over neighbours p₁ &lt; p₂ = p₁ + h on [from, to] and y = ±1 (margins y·p). */
    private static double largestSlopeOfDerivative(Loss l, double from, double to, boolean onMargins) {
        double h = 1e-3;
        double worst = 0;
        for (double y : new double[] {-1, 1}) {
            for (double m = from; m + h <= to; m += h) {
                // over margins: p runs through y·[from, to]; otherwise over predictions p ∈ [from, to]
                double p1 = onMargins ? y * m : m;
                double p2 = onMargins ? y * (m + h) : m + h;
                worst = Math.max(worst, Math.abs(l.derivative(p2, y) - l.derivative(p1, y)) / h);
            }
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(doubles = {-7.3, -2.1, -0.4, 0.3, 0.77, 1.6, 4.2, 11.0})
    void secondDerivativesMatchCentralDifferencesOfTheDerivative(double m) {
        double h = 1e-5;
        for (MarginLoss l : MARGIN_LOSSES) {
            assertTrue(l.hasSecondDerivative(), l.name());
            for (double y : new double[] {-1, 1}) {
                double p = m * y;
                double fd = (l.derivative(p + h, y) - l.derivative(p - h, y)) / (2 * h);
                assertEquals(fd, l.secondDerivative(p, y), 1e-6 * Math.max(1, Math.abs(fd)), l.name() + " (p,y)=" + p + "," + y);
            }
        }
        assertTrue(SquaredLoss.INSTANCE.hasSecondDerivative());
        assertEquals(1.0, SquaredLoss.INSTANCE.secondDerivative(m, 0.3), 0.0);
        // no overflow or NaN in the logistic tails; e^{-700} is representable
        assertEquals(Math.exp(-700), LogisticLoss.INSTANCE.secondDerivative(-700), 1e-15 * Math.exp(-700));
        assertEquals(Math.exp(-700), LogisticLoss.INSTANCE.secondDerivative(700), 1e-15 * Math.exp(-700));
    }

    @Test
    void curvatureBoundsAreTheLipschitzConstantsOfTheDerivative() {
        for (Loss l : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, SquaredHingeLoss.INSTANCE}) {
            double c = l.curvatureBound().orElseThrow();
            double slope = largestSlopeOfDerivative(l, -30, 30, false);
            assertTrue(slope <= c * (1 + 1e-9), l.name() + ": slope " + slope + " above the bound " + c);
            assertTrue(slope >= c * (1 - 1e-6), l.name() + ": slope " + slope + " far below the bound " + c + " (not tight)");
            assertEquals(c, l.curvatureBoundOnNonnegativeMargins().orElseThrow(), 0.0, l.name());
        }
        assertEquals(0.25, LogisticLoss.INSTANCE.curvatureBound().orElseThrow(), 0.0);
        assertEquals(2.0, SquaredHingeLoss.INSTANCE.curvatureBound().orElseThrow(), 0.0);
    }

    @Test
    void theExponentialLossIsSmoothOnlyOnNonnegativeMargins() {
        ExponentialLoss l = ExponentialLoss.INSTANCE;
        assertTrue(l.curvatureBound().isEmpty());
        assertTrue(largestSlopeOfDerivative(l, -30, 0, true) > 1e12, "φ'' = e^{−m} grows without bound");
        double c = l.curvatureBoundOnNonnegativeMargins().orElseThrow();
        assertEquals(1.0, c, 0.0);
        double slope = largestSlopeOfDerivative(l, 0, 30, true);
        assertTrue(slope <= c && slope >= c * (1 - 1e-3), "slope on m ≥ 0: " + slope);
    }

    @Test
    void theHingeLossHasNoCurvatureBound() {
        assertTrue(HingeLoss.INSTANCE.curvatureBound().isEmpty());
        assertTrue(HingeLoss.INSTANCE.curvatureBoundOnNonnegativeMargins().isEmpty());
        // the derivative jumps by 1 at m = 1: the slope across the kink is 1/h, whatever h
        assertTrue(largestSlopeOfDerivative(HingeLoss.INSTANCE, 0, 2, true) > 900);
    }
}
