package org.sgdlab.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Lays out one chart axis: the shown range and the labelled ticks, so that every axis has at least two labelled ticks,
 * at most {@value #MAX_LABELS}, and labels that do not overlap.
 *
 * <p>Coordinates are <em>axis units</em>: the value on a linear axis, log₁₀ of the value on a logarithmic one. The
 * data range is padded by {@value #PAD} of its span on each side (a single value gets a span of its own: ±10 % of it,
 * or ±1 around 0, or ±½ decade). Ticks are chosen from the finest candidate that fits:
 * <ul>
 *   <li>linear: multiples of 1, 2, 2.5 or 5 × 10ᵏ;</li>
 *   <li>logarithmic: every d-th decade (d = 1, 2, 3, 5, 10, …) when three or more fit; else 1-2-5 or 1…9 × 10ᵏ
 *       within the decades when those give more labels (a range under two decades); and for a range under one
 *       decade, evenly stepped values placed logarithmically when they give more labels still (they label the
 *       whole range where 1…9 × 10ᵏ may label one end only).</li>
 * </ul>
 * Of linear steps that fit, the finest with at most {@value #PREFERRED_LABELS} labels is taken when it keeps four or
 * more (0, 5000, …, 20000 rather than 0, 2500, …, 20000), else the finest.
 * A candidate fits when it has at most {@value #MAX_LABELS} labels and adjacent labels, measured by the caller's
 * {@code extent} along the axis, stay {@value #GAP} pixels apart. If no candidate with two labels fits (a tiny axis),
 * the coarsest candidate with two labels is taken anyway.
 *
 * <p>Labels: linear ticks share one number of decimals ({@code 0.0, 0.5, 1.0}), or read {@code 2.5×10⁶} beyond
 * 10⁶ or below 10⁻⁴; decade ticks read {@code 0.001 … 10000} when all are within 10⁻³…10⁴, else {@code 10⁻⁵}; a minus
 * sign is U+2212.
 */
final class AxisTicks {

    /** Most labelled ticks on one axis. */
    static final int MAX_LABELS = 9;
    /** Linear steps: a coarser step is taken over a finer one with more labels than this, if it keeps MIN_PREFERRED. */
    static final int PREFERRED_LABELS = 7;
    private static final int MIN_PREFERRED = 4;
    /** Padding on each side of the data, as a fraction of its span. */
    static final double PAD = 0.04;
    /** Least free pixels between adjacent labels. */
    static final double GAP = 10;

    private static final double[] LINEAR_MANTISSAS = {1, 2, 2.5, 5};
    private static final int[] DECADE_STEPS = {1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500};
    private static final int[][] MANTISSA_SETS = {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final char MINUS = '\u2212';

    /** A labelled tick at {@code at} axis units. */
    record Tick(double at, String label) {
    }

    /**
     * A laid-out axis: {@code [lo, hi]} in axis units, labelled ticks in increasing order and unlabelled minor ticks.
     */
    record Axis(double lo, double hi, boolean log, List<Tick> ticks, List<Double> minor) {
        /** A data value in axis units (log₁₀ on a logarithmic axis). */
        double unit(double value) {
            return log ? Math.log10(value) : value;
        }

        /** The pixel of {@code value} on an axis from pixel {@code from} (at lo) to pixel {@code to} (at hi). */
        double pixel(double value, double from, double to) {
            return from + (unit(value) - lo) / (hi - lo) * (to - from);
        }
    }

    private AxisTicks() {
    }

    /**
     * Lays out an axis for data from {@code min} to {@code max} (values, positive on a log axis; NaN for no data: then
     * 0…1, or 1…10 on a log axis) over {@code lengthPx} pixels, with labels whose extent along the axis is
     * {@code extent}.
     */
    static Axis layout(double min, double max, boolean log, double lengthPx, ToDoubleFunction<String> extent) {
        double a;
        double b;
        if (Double.isNaN(min) || Double.isNaN(max)) {
            a = 0;
            b = 1;
        } else {
            a = log ? Math.log10(min) : min;
            b = log ? Math.log10(max) : max;
        }
        double[] range = padded(Math.min(a, b), Math.max(a, b), log);
        double lo = range[0];
        double hi = range[1];
        List<Tick> ticks = log ? logTicks(lo, hi, lengthPx, extent) : linearTicks(lo, hi, lengthPx, extent, false);
        List<Double> minor = log ? minorLogTicks(lo, hi, ticks, lengthPx) : List.of();
        return new Axis(lo, hi, log, ticks, minor);
    }

    static double[] padded(double a, double b, boolean log) {
        double span = b - a;
        double scale = Math.max(Math.abs(a), Math.abs(b));
        if (!(span > 1e-9 * scale) || span == 0) { // one value, or differences at rounding level
            double half = log ? 0.5 : (scale == 0 ? 1 : 0.1 * scale);
            double mid = a + span / 2;
            return new double[] {mid - half, mid + half};
        }
        return new double[] {a - PAD * span, b + PAD * span};
    }

    // ---------------------------------------------------------------------------------------------------------
    // Linear ticks

    /**
     * Multiples of nice steps in {@code [lo, hi]}; {@code logPlaced}: lo and hi are log₁₀ of the values and the ticks
     * are placed at log₁₀ of multiples of the values' step.
     */
    private static List<Tick> linearTicks(double lo, double hi, double lengthPx, ToDoubleFunction<String> extent,
                                          boolean logPlaced) {
        double vlo = logPlaced ? Math.pow(10, lo) : lo;
        double vhi = logPlaced ? Math.pow(10, hi) : hi;
        double span = vhi - vlo;
        int e = (int) Math.floor(Math.log10(span / 40));
        List<Tick> lastWithTwo = null;
        List<Tick> crowded = null; // the finest fitting candidate, when it has more than PREFERRED_LABELS
        for (int guard = 0; guard < 40; guard++, e++) {
            for (double m : LINEAR_MANTISSAS) {
                double step = m * Math.pow(10, e);
                if (step > span) { // no coarser step can give two ticks
                    return crowded != null ? crowded : thinned(lastWithTwo, lo, hi, lengthPx, extent);
                }
                List<Tick> ticks = linearCandidate(vlo, vhi, m, e, logPlaced);
                if (ticks.size() >= 2) {
                    lastWithTwo = ticks;
                    if (fits(ticks, lo, hi, lengthPx, extent)) {
                        if (ticks.size() <= PREFERRED_LABELS) {
                            return crowded != null && ticks.size() < MIN_PREFERRED ? crowded : ticks;
                        }
                        if (crowded == null) {
                            crowded = ticks;
                        }
                    }
                }
            }
        }
        return crowded != null ? crowded : thinned(lastWithTwo, lo, hi, lengthPx, extent);
    }

    /**
     * {@code ticks} (null: none) if they fit, else every k-th of them for the least k that fits with two or more,
     * else the first and the last: on an axis too short for any step's labels, two labels that may touch.
     */
    private static List<Tick> thinned(List<Tick> ticks, double lo, double hi, double lengthPx,
                                      ToDoubleFunction<String> extent) {
        if (ticks == null) {
            return List.of();
        }
        if (ticks.size() <= 2 || fits(ticks, lo, hi, lengthPx, extent)) {
            return ticks;
        }
        for (int k = 2; (ticks.size() - 1) / k >= 1; k++) {
            List<Tick> every = new ArrayList<>();
            for (int i = 0; i < ticks.size(); i += k) {
                every.add(ticks.get(i));
            }
            if (fits(every, lo, hi, lengthPx, extent)) {
                return every;
            }
        }
        return List.of(ticks.get(0), ticks.get(ticks.size() - 1));
    }

    private static List<Tick> linearCandidate(double vlo, double vhi, double m, int e, boolean logPlaced) {
        double step = m * Math.pow(10, e);
        long first = (long) Math.ceil(vlo / step - 1e-9);
        long last = (long) Math.floor(vhi / step + 1e-9);
        if (last - first > 4 * MAX_LABELS) {
            return List.of(); // too fine to fit: skip the work
        }
        List<BigDecimal> values = new ArrayList<>();
        BigDecimal bstep = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
        for (long k = first; k <= last; k++) {
            values.add(bstep.multiply(BigDecimal.valueOf(k)));
        }
        List<String> labels = linearLabels(values);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i).doubleValue();
            if (logPlaced && v <= 0) {
                continue;
            }
            ticks.add(new Tick(logPlaced ? Math.log10(v) : v, labels.get(i)));
        }
        return ticks;
    }

    /** Labels sharing one number of decimals, or m×10ᵏ when the values are large or the step tiny. */
    static List<String> linearLabels(List<BigDecimal> values) {
        int decimals = 0;
        double largest = 0;
        double smallestNonZero = Double.POSITIVE_INFINITY;
        for (BigDecimal v : values) {
            BigDecimal s = v.stripTrailingZeros();
            decimals = Math.max(decimals, Math.max(0, s.scale()));
            double a = Math.abs(v.doubleValue());
            largest = Math.max(largest, a);
            if (a > 0) {
                smallestNonZero = Math.min(smallestNonZero, a);
            }
        }
        boolean scientific = largest >= 1e6 || smallestNonZero < 1e-4;
        List<String> out = new ArrayList<>(values.size());
        for (BigDecimal v : values) {
            out.add(scientific ? scientific(v) : minus(v.setScale(decimals, java.math.RoundingMode.UNNECESSARY)
                    .toPlainString()));
        }
        return out;
    }

    /** {@code 2.5×10⁶}, {@code 10⁻⁵} (mantissa 1), {@code 0}. */
    static String scientific(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal s = v.stripTrailingZeros();
        int exponent = s.precision() - 1 - s.scale();
        BigDecimal mantissa = s.scaleByPowerOfTen(-exponent);
        String m = minus(mantissa.toPlainString());
        String power = "10" + superscript(exponent);
        if (m.equals("1")) {
            return power;
        }
        if (m.equals("\u22121")) {
            return MINUS + power;
        }
        return m + "×" + power;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Logarithmic ticks

    private static List<Tick> logTicks(double lo, double hi, double lengthPx, ToDoubleFunction<String> extent) {
        List<Tick> decades = null;
        List<Tick> decadesWithTwo = null;
        for (int d : DECADE_STEPS) {
            List<Tick> t = decadeCandidate(lo, hi, d);
            if (t == null) {
                continue; // too many: try a coarser step
            }
            if (t.size() < 2) {
                break; // coarser steps give fewer still
            }
            decadesWithTwo = t;
            if (fits(t, lo, hi, lengthPx, extent)) {
                decades = t;
                break;
            }
        }
        if (decades != null && decades.size() >= 3) {
            return decades;
        }
        List<Tick> mantissas = null;
        for (int s = MANTISSA_SETS.length - 1; s >= 0; s--) { // finest first
            List<Tick> t = mantissaCandidate(lo, hi, MANTISSA_SETS[s]);
            if (t.size() >= 2 && fits(t, lo, hi, lengthPx, extent)) {
                mantissas = t;
                break;
            }
        }
        List<Tick> best = decades;
        if (mantissas != null && (best == null || mantissas.size() > best.size())) {
            best = mantissas;
        }
        if (hi - lo < 1 || best == null) {
            // Under a decade, 1-2-5 or 1…9 × 10ᵏ may label only one end (0.08, 0.09, 0.1 on 0.078…0.12): evenly
            // stepped values label the whole range, and win when they give more labels.
            List<Tick> linear = linearTicks(lo, hi, lengthPx, extent, true);
            if (linear.size() >= 2 && fits(linear, lo, hi, lengthPx, extent)
                    && (best == null || linear.size() > best.size())) {
                best = linear;
            }
            if (best == null && linear.size() >= 2) {
                best = linear;
            }
        }
        return best != null ? best : thinned(decadesWithTwo, lo, hi, lengthPx, extent);
    }

    /** Every {@code step}-th decade in [lo, hi]; null when there are more than MAX_LABELS of them. */
    private static List<Tick> decadeCandidate(double lo, double hi, int step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        if (last - first + 1 > MAX_LABELS) {
            return null;
        }
        List<Tick> ticks = new ArrayList<>();
        List<Integer> exponents = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            exponents.add((int) (k * step));
        }
        boolean plain = true; // (a loop, not a stream's lambda: no lambda class to spin in a fresh JVM)
        for (int x : exponents) {
            plain &= x >= -3 && x <= 4;
        }
        for (int x : exponents) {
            ticks.add(new Tick(x, plain ? BigDecimal.ONE.scaleByPowerOfTen(x).toPlainString() : "10" + superscript(x)));
        }
        return ticks;
    }

    private static List<Tick> mantissaCandidate(double lo, double hi, int[] mantissas) {
        int firstDecade = (int) Math.floor(lo);
        int lastDecade = (int) Math.floor(hi);
        if (lastDecade - firstDecade > MAX_LABELS) {
            return List.of();
        }
        List<BigDecimal> values = new ArrayList<>();
        for (int k = firstDecade; k <= lastDecade; k++) {
            for (int m : mantissas) {
                double u = Math.log10(m) + k;
                if (u >= lo - 1e-12 && u <= hi + 1e-12) {
                    values.add(BigDecimal.valueOf(m).scaleByPowerOfTen(k));
                }
            }
        }
        boolean plain = true;
        for (BigDecimal v : values) {
            plain &= v.doubleValue() >= 1e-4 && v.doubleValue() < 1e5;
        }
        List<Tick> ticks = new ArrayList<>();
        for (BigDecimal v : values) {
            ticks.add(new Tick(Math.log10(v.doubleValue()), plain ? v.stripTrailingZeros().toPlainString()
                    : scientific(v)));
        }
        return ticks;
    }

    /** 2…9 × 10ᵏ between labelled decades one decade apart, when a decade spans at least 30 pixels. */
    private static List<Double> minorLogTicks(double lo, double hi, List<Tick> ticks, double lengthPx) {
        if (ticks.size() < 2 || ticks.get(1).at() - ticks.get(0).at() != 1 || lengthPx / (hi - lo) < 30
                || ticks.get(0).at() != Math.rint(ticks.get(0).at())) {
            return List.of();
        }
        List<Double> minor = new ArrayList<>();
        for (int k = (int) Math.floor(lo); k <= (int) Math.floor(hi); k++) {
            for (int m = 2; m <= 9; m++) {
                double u = k + Math.log10(m);
                if (u >= lo && u <= hi) {
                    minor.add(u);
                }
            }
        }
        return minor;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** At most MAX_LABELS labels, each pair of neighbours GAP pixels apart (centred labels). */
    private static boolean fits(List<Tick> ticks, double lo, double hi, double lengthPx,
                                ToDoubleFunction<String> extent) {
        if (ticks.size() > MAX_LABELS) {
            return false;
        }
        double perUnit = lengthPx / (hi - lo);
        for (int i = 1; i < ticks.size(); i++) {
            double distance = (ticks.get(i).at() - ticks.get(i - 1).at()) * perUnit;
            double needed = (extent.applyAsDouble(ticks.get(i).label()) + extent.applyAsDouble(ticks.get(i - 1).label()))
                    / 2 + GAP;
            if (distance < needed) {
                return false;
            }
        }
        return true;
    }

    static String superscript(int exponent) {
        String digits = Integer.toString(Math.abs(exponent));
        StringBuilder sb = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : digits.toCharArray()) {
            sb.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return sb.toString();
    }

    private static String minus(String s) {
        return s.startsWith("-") ? MINUS + s.substring(1) : s;
    }
}
