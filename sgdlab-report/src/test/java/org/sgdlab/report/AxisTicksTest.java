package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The axes a reader tripped on (issue 12), and the rules every axis keeps: two to nine labelled ticks, distinct
 * labels inside the range, no two labels overlapping.
 */
class AxisTicksTest {

    /** About the plot height and width of an 800×500 chart. */
    private static final double Y_PX = 380;
    private static final double X_PX = 680;
    /** Label extents: a y label's height, an x label's width (7 px per character, like 12 pt sans). */
    private static final ToDoubleFunction<String> HEIGHT = s -> 15;
    private static final ToDoubleFunction<String> WIDTH = s -> 7.0 * s.length();

    private static List<String> labels(AxisTicks.Axis a) {
        return a.ticks().stream().map(AxisTicks.Tick::label).collect(Collectors.toList());
    }

    /** The share of the shown range between the lowest and the highest labelled tick. */
    private static double labelledShare(AxisTicks.Axis a) {
        List<AxisTicks.Tick> t = a.ticks();
        return (t.get(t.size() - 1).at() - t.get(0).at()) / (a.hi() - a.lo());
    }

    @Test
    void marginGapOfSeedExperiment1IsLabelledAlongItsRange() {
        // max-margin.seed-exp1/margin_gap.png, log y: 0.0785 … 0.120 (steps ≥ 1). XChart showed the one label "0.1";
        // 1…9 × 10ᵏ gives 0.08, 0.09, 0.1 and leaves the upper 40 % unlabelled.
        AxisTicks.Axis a = AxisTicks.layout(0.07850889071329817, 0.11976203629242031, true, Y_PX, HEIGHT);
        assertTrue(a.ticks().size() >= 4, "labels " + labels(a));
        assertTrue(labelledShare(a) > 0.6, "labelled share " + labelledShare(a));
    }

    @Test
    void mnistObjectiveHasMoreThanOneLabel() {
        // sgd.mnist-4v9/objective.png, log y: F from 0.130 (the reference) to 1.0 (F at x0). XChart: the one label 1.
        AxisTicks.Axis a = AxisTicks.layout(0.13029967293238953, 1.0, true, Y_PX, HEIGHT);
        assertTrue(a.ticks().size() >= 4, "labels " + labels(a));
        assertTrue(labelledShare(a) > 0.6, "labelled share " + labelledShare(a));
    }

    @Test
    void thirtyTwoDecadesOfTrainLossAreThinned() {
        // train loss.png of a converged squared-loss run: 1.6e-31 … 2.0. XChart printed all 32 decades, overlapping.
        AxisTicks.Axis a = AxisTicks.layout(1.6e-31, 2.0, true, Y_PX, HEIGHT);
        assertTrue(a.ticks().size() >= 3 && a.ticks().size() <= AxisTicks.MAX_LABELS, "labels " + labels(a));
        assertNoOverlap(a, Y_PX, HEIGHT);
        assertEquals(List.of("10⁻³⁰", "10⁻²⁵", "10⁻²⁰", "10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "10⁰"), labels(a));
    }

    @Test
    void aFlatSeriesStillGetsTwoLabels() {
        AxisTicks.Axis constant = AxisTicks.layout(0.13029967293238953, 0.13029967293238953, true, Y_PX, HEIGHT);
        assertTrue(constant.ticks().size() >= 2, "labels " + labels(constant));
        AxisTicks.Axis rounding = AxisTicks.layout(1.0, 1.0 + 4e-16, false, Y_PX, HEIGHT);
        assertTrue(rounding.ticks().size() >= 2, "labels " + labels(rounding));
        AxisTicks.Axis zero = AxisTicks.layout(0, 0, false, Y_PX, HEIGHT);
        assertTrue(zero.ticks().size() >= 2, "labels " + labels(zero));
    }

    @Test
    void labelsReadAsNumbers() {
        assertEquals(List.of("0", "5000", "10000", "15000", "20000"),
                labels(AxisTicks.layout(0, 20000, false, X_PX, WIDTH)));
        assertEquals("2.5×10⁶", AxisTicks.scientific(new java.math.BigDecimal("2.5E+6")));
        assertEquals("10⁻⁵", AxisTicks.scientific(new java.math.BigDecimal("1E-5")));
        assertEquals("\u22121.0", AxisTicks.linearLabels(List.of(new java.math.BigDecimal("-1.0"),
                new java.math.BigDecimal("0.5"))).get(0));
    }

    /** Seeded sweep over magnitudes, spans and both scales: the rules hold for every range, not just the four above. */
    @Test
    void everyAxisHasTwoToNineDistinctNonOverlappingLabelsInsideItsRange() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 3000; i++) {
            boolean log = rng.nextBoolean();
            boolean vertical = rng.nextBoolean();
            // the plot area of an 800×500 chart: 150…400 px high (a legend and a wrapped title take height), about
            // 500…700 px wide (the y labels take width)
            double length = vertical ? 150 + rng.nextDouble() * 250 : 500 + rng.nextDouble() * 200;
            ToDoubleFunction<String> extent = vertical ? HEIGHT : WIDTH;
            double min;
            double max;
            if (log) {
                double e = -35 + rng.nextDouble() * 45;
                min = Math.pow(10, e);
                max = min * Math.pow(10, rng.nextDouble() < 0.3 ? rng.nextDouble() * 0.3 : rng.nextDouble() * 40);
            } else {
                double scale = Math.pow(10, -8 + rng.nextDouble() * 16);
                min = (rng.nextDouble() * 2 - 1) * scale;
                max = min + scale * Math.pow(10, -rng.nextDouble() * 6) * (rng.nextDouble() < 0.05 ? 0 : 1);
            }
            AxisTicks.Axis a = AxisTicks.layout(min, max, log, length, extent);
            String what = (log ? "log " : "linear ") + min + " … " + max + " over " + (int) length + " px: "
                    + labels(a);
            assertTrue(a.ticks().size() >= 2 && a.ticks().size() <= AxisTicks.MAX_LABELS, what);
            assertEquals(a.ticks().size(), new HashSet<>(labels(a)).size(), "repeated label, " + what);
            for (AxisTicks.Tick t : a.ticks()) {
                assertTrue(t.at() >= a.lo() - 1e-9 * Math.abs(a.lo()) && t.at() <= a.hi() + 1e-9 * Math.abs(a.hi()),
                        "tick outside the range, " + what);
            }
            assertNoOverlap(a, length, extent);
        }
    }

    private static void assertNoOverlap(AxisTicks.Axis a, double length, ToDoubleFunction<String> extent) {
        double perUnit = length / (a.hi() - a.lo());
        for (int i = 1; i < a.ticks().size(); i++) {
            AxisTicks.Tick p = a.ticks().get(i - 1);
            AxisTicks.Tick t = a.ticks().get(i);
            double apart = (t.at() - p.at()) * perUnit;
            double half = (extent.applyAsDouble(t.label()) + extent.applyAsDouble(p.label())) / 2;
            assertTrue(apart >= half, p.label() + " and " + t.label() + " overlap: " + apart + " px apart, "
                    + labels(a));
        }
    }
}
