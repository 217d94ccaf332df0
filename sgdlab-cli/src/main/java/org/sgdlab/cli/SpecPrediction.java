package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ReachesRule;
import org.sgdlab.theory.maxmargin.MaxMarginRun;
import org.sgdlab.theory.maxmargin.MaxMarginVerdict;
import org.sgdlab.theory.sgd.BoundVerdict;

/**
 * A spec's prediction, in the vocabulary of the built-in claims, decided by the built-in claims' own rules (never a copy):
 * <ul>
 *   <li>{@code METRIC ≤ TOL at T} — {@link ReachesRule} (the min-norm claims' distance rule): per run HOLDS at ≤ TOL,
 *       FAILS when stalled (value at T not below half the value at T/2), else INCONCLUSIVE;</li>
 *   <li>{@code angle_to_ref → 0 like (ln t)^-1} — {@link MaxMarginVerdict#decideRun} on {@link MaxMarginRun#fromTrace}
 *       (the max-margin direction claims' rule: angle falling over the last two decades, extrapolated limit, ‖w‖ growing
 *       like ‖w_ref‖·ln t, loss like 1/t);</li>
 *   <li>{@code METRIC → 0 like t^K} — the log-log slope of METRIC over [T/100, T] judged by {@link BoundVerdict#exponent}
 *       (|slope − K| ≤ 0.2 agrees, &gt; 0.4 contradicts);</li>
 *   <li>{@code METRIC ∝ PARAM^K over the sweep} (or {@code METRIC at T ∝ …}) — METRIC's floor (its mean over [T/2, T],
 *       as the SGD noise-floor claims measure it; or its value at T), averaged over the seeds, fitted log-log against the
 *       swept PARAM and judged by {@link BoundVerdict#exponent}.</li>
 * </ul>
 * Several runs combine as the claims combine theirs: FAILS if one FAILS, HOLDS if all HOLD, else INCONCLUSIVE.
 *
 * @param kind      which rule
 * @param metric    the probe column it reads
 * @param value     the tolerance (THRESHOLD) or the exponent K (RATE, PROPTO)
 * @param parameter the swept option (PROPTO), else null
 * @param atT       PROPTO on the value at T instead of the floor
 * @param text      the prediction as written
 * @param node      where it was written
 */
record SpecPrediction(Kind kind, String metric, double value, String parameter, boolean atT, String text, SpecNode node) {
    enum Kind { THRESHOLD, DIRECTION, RATE, PROPTO }

    private static final String NUM = "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)";
    private static final Pattern THRESHOLD = Pattern.compile("(\\w+)\\s*<=\\s*" + NUM + "\\s+at\\s+T");
    private static final Pattern DIRECTION = Pattern.compile("(\\w+)\\s*->\\s*0\\s+like\\s+\\(\\s*ln\\s*t\\s*\\)\\s*\\^\\s*\\(?\\s*"
            + NUM + "\\s*\\)?");
    private static final Pattern RATE = Pattern.compile("(\\w+)\\s*->\\s*0\\s+like\\s+t\\s*\\^\\s*\\(?\\s*" + NUM + "\\s*\\)?");
    private static final Pattern PROPTO = Pattern.compile("(\\w+)(\\s+at\\s+T)?\\s*propto\\s*([a-z][a-z0-9-]*)\\s*\\^\\s*\\(?\\s*"
            + NUM + "\\s*\\)?\\s+over\\s+the\\s+sweep");
    static final String FORMS = "one of \"METRIC <= TOL at T\", \"angle_to_ref -> 0 like (ln t)^-1\", \"METRIC -> 0 like t^K\", "
            + "\"METRIC ∝ PARAM^K over the sweep\" (≤, →, ∝ and − may be written as <=, ->, propto and -; see docs/specs.md)";

    /** Parses {@code node}'s text; {@code swept} are the sweep's keys, {@code hasReference} whether a reference is given. */
    static SpecPrediction parse(SpecNode node, Set<String> swept, boolean hasReference) {
        String text = node.text(FORMS).strip();
        String t = text.replace('≤', '<').replace("<", "<=").replace("<==", "<=").replace("→", "->").replace('−', '-')
                .replace("∝", " propto ").replace("η", "lr").replace("ln(t)", "(ln t)");
        t = t.replaceAll("\\s+", " ").strip();
        Matcher m;
        if ((m = THRESHOLD.matcher(t)).matches()) {
            double tol = Double.parseDouble(m.group(2));
            if (!(tol >= 0)) {
                throw node.error("the tolerance must be >= 0, got " + m.group(2));
            }
            return new SpecPrediction(Kind.THRESHOLD, m.group(1), tol, null, true, text, node);
        }
        if ((m = DIRECTION.matcher(t)).matches()) {
            if (!m.group(1).equals("angle_to_ref") || Double.parseDouble(m.group(2)) != -1) {
                throw node.error("the (ln t) rate rule is the max-margin direction rule: expected \"angle_to_ref -> 0 like "
                        + "(ln t)^-1\", got \"" + text + "\"");
            }
            if (!hasReference) {
                throw node.error("angle_to_ref needs a reference: (e.g. reference: svm)");
            }
            return new SpecPrediction(Kind.DIRECTION, "angle_to_ref", -1, null, true, text, node);
        }
        if ((m = RATE.matcher(t)).matches()) {
            return new SpecPrediction(Kind.RATE, m.group(1), Double.parseDouble(m.group(2)), null, true, text, node);
        }
        if ((m = PROPTO.matcher(t)).matches()) {
            String param = m.group(3).equals("eta") ? "lr" : m.group(3);
            if (!swept.contains(param)) {
                throw node.error("\"" + param + "\" is not swept; expected a key of sweep: " + swept);
            }
            if (swept.size() != 1) {
                throw node.error("a ∝ prediction fits against one swept option, but the sweep has " + swept + "; sweep only "
                        + param + " (seeds: are averaged)");
            }
            return new SpecPrediction(Kind.PROPTO, m.group(1), Double.parseDouble(m.group(4)), param, m.group(2) != null, text,
                    node);
        }
        throw node.error("expected " + FORMS + ", got \"" + text + "\"");
    }

    /** The probe columns the rule reads. */
    List<String> columns() {
        return kind == Kind.DIRECTION ? List.of("angle_to_ref", "angle", "norm", "loss", "margin_gap") : List.of(metric);
    }

    /** Steps probed for floors: 16 evenly spaced in [T/2, T]. */
    static long[] lateSteps(long steps) {
        long[] s = new long[17];
        for (int i = 0; i <= 16; i++) {
            s[i] = steps / 2 + (steps - steps / 2) * i / 16;
        }
        return java.util.stream.LongStream.of(s).distinct().toArray();
    }

    /**
     * The verdict and what it rests on.
     *
     * @param verdict     the computed verdict
     * @param measurement what was measured, in words
     * @param rule        the rule, in words
     * @param numbers     the named numbers the verdict rests on
     */
    record Decision(Verdict verdict, String measurement, String rule, Map<String, Double> numbers) {
    }

    /** Decides from the runs (in the spec's order). */
    Decision decide(List<SpecRunResult> runs) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        StringBuilder meas = new StringBuilder();
        switch (kind) {
            case THRESHOLD: {
                double worst = Double.NEGATIVE_INFINITY;
                String worstRun = "";
                for (SpecRunResult r : runs) {
                    double end = valueAt(r, r.config().steps());
                    double mid = valueAt(r, r.config().steps() / 2);
                    numbers.put(r.config().traceName() + "." + metric + "_at_T", end);
                    numbers.put(r.config().traceName() + "." + metric + "_at_T/2", mid);
                    verdicts.add(ReachesRule.decide(end, mid, value));
                    if (!(end <= worst)) {
                        worst = end;
                        worstRun = r.config().label();
                    }
                }
                meas.append(runs.size()).append(" run").append(runs.size() == 1 ? "" : "s").append(": largest ").append(metric)
                        .append(" at T ").append(Format.g(worst)).append(" (").append(worstRun).append(")");
                return new Decision(ReachesRule.combine(verdicts), meas.toString(), ReachesRule.rule(metric, value), numbers);
            }
            case DIRECTION: {
                for (SpecRunResult r : runs) {
                    if (r.diverged() != null) {
                        verdicts.add(Verdict.FAILS);
                        append(meas, r.config().label() + ": " + r.diverged());
                        continue;
                    }
                    MaxMarginRun mr = MaxMarginRun.fromTrace(r.config().traceName(), r.trace(), r.config().steps(),
                            r.finalParams());
                    Verdict v = MaxMarginVerdict.decideRun(mr, r.referenceNorm());
                    verdicts.add(v);
                    String k = r.config().traceName() + ".";
                    numbers.put(k + "angle_at_T", mr.finalAngle());
                    numbers.put(k + "angle_at_T/100", mr.angleTwoDecadesBefore());
                    numbers.put(k + "angle_limit", mr.angleLimit());
                    numbers.put(k + "norm_growth", mr.normGrowth());
                    numbers.put(k + "ref_norm", r.referenceNorm());
                    numbers.put(k + "loss_rate", mr.lossRate());
                    append(meas, r.config().label() + ": angle " + Format.g(mr.angleTwoDecadesBefore()) + " → "
                            + Format.g(mr.finalAngle()) + " rad over [T/100, T], extrapolated limit " + Format.g(mr.angleLimit())
                            + ", d‖w‖/d ln t = " + Format.g(mr.normGrowth()) + " vs ‖w_ref‖ = " + Format.g(r.referenceNorm())
                            + ", loss ~ t^" + Format.g(mr.lossRate()) + " → " + v);
                }
                return new Decision(MaxMarginVerdict.combine(verdicts), meas.toString(), MaxMarginVerdict.runRule()
                        + "; runs combined: FAILS if one FAILS, HOLDS if all HOLD, else INCONCLUSIVE", numbers);
            }
            case RATE: {
                for (SpecRunResult r : runs) {
                    long steps = r.config().steps();
                    Fit fit = r.diverged() != null ? new Fit(Double.NaN, Double.NaN, Double.NaN, 0)
                            : Fit.logLog(r.trace().column("step"), r.trace().column(metric), steps / 100.0, steps);
                    numbers.put(r.config().traceName() + "." + metric + "_exponent", fit.slope());
                    verdicts.add(BoundVerdict.exponent(fit.slope(), value));
                    append(meas, r.config().label() + ": " + metric + " ~ t^" + Format.g(fit.slope()) + " over [T/100, T]");
                }
                return new Decision(BoundVerdict.combine(verdicts.toArray(new Verdict[0])), meas.toString(),
                        exponentRule("the log-log slope of " + metric + " against t over [T/100, T] in each run"), numbers);
            }
            case PROPTO: {
                TreeMap<Double, List<Double>> byValue;
                try {
                    byValue = SweptValues.group(runs, parameter, this::runValue);
                } catch (SweptValues.NotANumber e) {
                    throw node.error("∝ " + parameter + " needs numeric values of " + parameter + ", got " + e.getMessage());
                }
                double[] xs = new double[byValue.size()];
                double[] ys = new double[byValue.size()];
                int i = 0;
                for (Map.Entry<Double, List<Double>> e : byValue.entrySet()) {
                    xs[i] = e.getKey();
                    ys[i] = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    numbers.put(metric + "_mean@" + parameter + "=" + Format.g(xs[i]), ys[i]);
                    i++;
                }
                Fit fit = Fit.logLog(xs, ys, 0, Double.POSITIVE_INFINITY);
                numbers.put(metric + "_exponent", fit.slope());
                numbers.put(metric + "_exponent_se", fit.slopeStdErr());
                boolean allFinite = true;
                for (double y : ys) {
                    allFinite &= Double.isFinite(y) && y > 0;
                }
                Verdict v = xs.length < 2 ? Verdict.INCONCLUSIVE
                        : BoundVerdict.exponent(allFinite ? fit.slope() : Double.NaN, value);
                meas.append(what()).append(" ~ ").append(parameter).append("^").append(Format.g(fit.slope())).append(" (± ")
                        .append(Format.g(fit.slopeStdErr())).append(") over ").append(xs.length).append(" values of ")
                        .append(parameter).append(", each the mean of ").append(runs.size() / Math.max(1, xs.length))
                        .append(" seed").append(runs.size() / Math.max(1, xs.length) == 1 ? "" : "s");
                return new Decision(v, meas.toString(), exponentRule("the log-log slope of " + what() + " (mean over seeds) "
                        + "against " + parameter) + (xs.length < 2 ? "; fewer than two swept values → INCONCLUSIVE" : ""), numbers);
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /** The per-run number a ∝ prediction fits ({@link #floor} or the value at T); for the other kinds the value at T. */
    double runValue(SpecRunResult r) {
        return kind == Kind.PROPTO && !atT ? floor(r) : valueAt(r, r.config().steps());
    }

    /** "loss at T" or "the floor of loss (mean over [T/2, T])". */
    String what() {
        return atT ? metric + " at T" : "the floor of " + metric + " (its mean over [T/2, T])";
    }

    private String exponentRule(String slope) {
        return slope + " agrees with the predicted exponent " + Format.g(value) + " when |slope − " + Format.g(value) + "| ≤ "
                + Format.g(BoundVerdict.EXPONENT_TOLERANCE) + " (HOLDS) and contradicts it above "
                + Format.g(BoundVerdict.EXPONENT_FAIL) + " or when not finite (FAILS), else INCONCLUSIVE (the SGD claims' "
                + "exponent rule); runs combined: FAILS if one FAILS, HOLDS if all HOLD, else INCONCLUSIVE";
    }

    /** The metric at exactly {@code step} (NaN for a diverged run). */
    private double valueAt(SpecRunResult r, long step) {
        if (r.diverged() != null) {
            return Double.NaN;
        }
        return r.trace().at(metric, step);
    }

    /** The metric's mean over the probed steps in [T/2, T] (NaN for a diverged run). */
    double floor(SpecRunResult r) {
        if (r.diverged() != null) {
            return Double.NaN;
        }
        long[] late = lateSteps(r.config().steps()); // every one a probed step (SpecRun's grid includes them)
        double sum = 0;
        for (long s : late) {
            sum += r.trace().at(metric, s);
        }
        return late.length == 0 ? Double.NaN : sum / late.length;
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(s);
    }

    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT);
    }
}
