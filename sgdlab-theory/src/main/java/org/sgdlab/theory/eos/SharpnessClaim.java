package org.sgdlab.theory.eos;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * eos.sharpness (002 §2.4 and Fig. 2.4; Cohen, Kaur, Li, Kolter, Talwalkar 2021, "Gradient descent on neural networks
 * typically occurs at the edge of stability", ICLR): under full-batch GD with step η the sharpness λ_max(∇²L) rises
 * during training (progressive sharpening) until it reaches 2/η, then hovers there while the loss keeps falling,
 * non-monotonically.
 *
 * <p>Setup in Cohen et al.'s style: full-batch GD on the mean squared loss of a small tanh MLP ({@link EosRun}) on two
 * data sets ({@link EosData}): a downsampled subset of the shipped MNIST 4/9 digits and Gaussian points with random
 * labels; several η each. Measured per run: the sharpness at step 0; the first probed step where it reaches 0.9·2/η;
 * the plateau = the median sharpness over the last third of the run after that step; plateau·η/2; and per data set
 * the slope of log plateau against log η.
 */
final class SharpnessClaim extends BaseClaim {
    /**
     * The band for plateau·η/2. Cohen et al. report the sharpness "hovering right at, or just above" 2/η (their Figs. 1
     * and 5, and 002's "上升到 2/η 并略有超过"), with excursions above and below it during the catapult-like oscillations;
     * ±20% admits those excursions in the median while excluding both a sharpness that keeps rising (classical
     * instability: GD would diverge) and one that settles well below 2/η (no edge of stability).
     */
    static final double RATIO_LOW = 0.8;
    static final double RATIO_HIGH = 1.2;
    /** |slope + 1| of log plateau against log η must not exceed this (the plateau tracks 2/η across η, not a constant). */
    static final double SLOPE_TOLERANCE = 0.2;
    /** Progressive sharpening: the sharpness at the first crossing is at least this multiple of its initial value. */
    static final double SHARPENING_FACTOR = 2.0;

    SharpnessClaim() {
        super("eos.sharpness", "full-batch GD on a small MLP: the sharpness λ_max(∇²L) rises to 2/η and hovers there while the loss "
                + "keeps falling non-monotonically (edge of stability)", "002 §2.4, Fig. 2.4; Cohen et al. 2021");
    }

    /** One data set's configuration. */
    record Setting(String name, Dataset data, double[] etas, int steps, int probeEvery) {
    }

    /** One run's outcome, as the rule reads it ({@code maxSharpness}: the largest probed λ_max, for the report). */
    record Point(String dataset, double eta, EosRun.Analysis analysis, double maxSharpness) {
    }

    static List<Setting> settings(Budget budget, long seed) {
        boolean quick = budget == Budget.QUICK;
        double[] etas = quick ? new double[] {0.2, 0.3, 0.4} : new double[] {0.1, 0.15, 0.2, 0.3, 0.4};
        // quick: 600 steps (800 before). Every run reaches the edge by step 280 (seed 1), the plateau window is the last
        // third after it, and at 600 the ratios are 0.999-1.034 (band 0.8-1.2) and both slopes −0.986 (−1 ± 0.2), as
        // decided as at 800 (0.977-1.036; −1.001 and −0.914)
        int steps = quick ? 600 : 4000;
        // quick, MNIST: 400 steps (600 before): its runs reach the edge by step 100 (seed 1), so the last third after that
        // still holds 6 or more probes; plateau·η/2 0.988-1.003 (p10-p90 0.987-1.006) and slope −1.021 at 400, against
        // 0.999-1.012 (0.993-1.034) and −0.986 at 600: a third fewer GD steps and HVPs (232 instead of 327) on the larger set
        int mnistSteps = quick ? 400 : steps;
        int every = quick ? 20 : 10;
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("mnist", EosData.mnist(quick ? 300 : 1000), etas, mnistSteps, every));
        s.add(new Setting("random_labels", EosData.randomLabels(quick ? 160 : 500, 8, new RandomStream(seed).split(100)), etas, steps,
                every));
        return s;
    }

    /**
     * The rule, with the prediction as parameters (the theory's: ratio 1, slope −1). Per run that reached
     * {@link EosRun#REACH_FRACTION}·2/η: FAILS if plateau·η/2 is outside predictedRatio·[{@link #RATIO_LOW},
     * {@link #RATIO_HIGH}], if the loss did not fall from the crossing to the end, or if it fell monotonically (never
     * rose in a step); INCONCLUSIVE if the sharpness at the crossing is below {@link #SHARPENING_FACTOR} × its initial value
     * (no progressive sharpening to speak of at this η). Runs that never reach the edge within the budget are excluded
     * (the prediction starts there) and reported. Per data set: INCONCLUSIVE with fewer than two runs at the edge; FAILS
     * if |slope − predictedSlope| &gt; {@link #SLOPE_TOLERANCE} for log plateau against log η. Overall: FAILS if any part
     * fails, INCONCLUSIVE if any part is inconclusive, HOLDS otherwise.
     */
    static Verdict decide(List<Point> points, double predictedRatio, double predictedSlope) {
        boolean inconclusive = false;
        List<String> sets = points.stream().map(Point::dataset).distinct().toList();
        for (String set : sets) {
            List<Point> reached = points.stream().filter(p -> p.dataset().equals(set) && p.analysis().reached()).toList();
            for (Point p : reached) {
                EosRun.Analysis a = p.analysis();
                double r = a.ratio(p.eta());
                if (!(r >= predictedRatio * RATIO_LOW && r <= predictedRatio * RATIO_HIGH)) {
                    return Verdict.FAILS;
                }
                if (!(a.lossEnd() < a.lossAtReach()) || a.lossIncreases() == 0) {
                    return Verdict.FAILS;
                }
                inconclusive |= !(a.atReach() >= SHARPENING_FACTOR * a.initial());
            }
            if (reached.size() < 2) {
                inconclusive = true;
                continue;
            }
            Fit f = slope(reached);
            if (!(Math.abs(f.slope() - predictedSlope) <= SLOPE_TOLERANCE)) {
                return Verdict.FAILS;
            }
        }
        return inconclusive ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    /** log plateau against log η over the given runs. */
    static Fit slope(List<Point> reached) {
        return Fit.logLog(reached.stream().mapToDouble(Point::eta).toArray(),
                reached.stream().mapToDouble(p -> p.analysis().plateau()).toArray(), 0, Double.POSITIVE_INFINITY);
    }

    static String rule() {
        return "Per run (full-batch GD, fixed η): the sharpness λ_max(∇²L) by Lanczos on exact HVPs, probed every 20 steps (quick budget) or 10 (full); "
                + "t_c = the first probe with λ_max ≥ " + EosRun.REACH_FRACTION + "·2/η; plateau = the median of λ_max over the probes "
                + "in the last third of [t_c, T]. FAILS if plateau·η/2 is outside [" + RATIO_LOW + ", " + RATIO_HIGH + "], or the loss "
                + "did not fall from t_c to T, or never rose in a step after t_c (monotone: no edge-of-stability oscillation); "
                + "INCONCLUSIVE if λ_max(t_c) < " + SHARPENING_FACTOR + "·λ_max(0) (no progressive sharpening at that η). Runs that "
                + "never reach 0.9·2/η within the budget are excluded and reported. Per data set, over the runs that reached the "
                + "edge (at least 2, else INCONCLUSIVE): FAILS if the slope of log plateau against log η differs from −1 by more "
                + "than " + SLOPE_TOLERANCE + ". HOLDS if nothing fails and nothing is inconclusive.";
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        List<Setting> settings = settings(c.budget(), c.seed());
        int total = settings.stream().mapToInt(s -> s.etas().length).sum();
        ResultBuilder rb = new ResultBuilder(this);
        List<Point> points = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int k = 0;
        for (Setting s : settings) {
            List<EosRun.Record> records = new ArrayList<>();
            for (int e = 0; e < s.etas().length; e++) {
                double eta = s.etas()[e];
                String name = s.name() + "_eta" + eta;
                // the same initialization for every η of a data set
                EosRun.Record r = EosRun.run(name, s.data(), eta, s.steps(), s.probeEvery(),
                        new RandomStream(c.seed()).split(200 + settings.indexOf(s)), c.part(k++, total).progress());
                records.add(r);
                EosRun.Analysis a = EosRun.analyze(r);
                points.add(new Point(s.name(), eta, a, java.util.Arrays.stream(r.sharpness()).max().orElse(Double.NaN)));
                record(rb, name, eta, r, a);
                if (!a.reached()) {
                    excluded.add(name);
                }
            }
            List<Point> reached = points.stream().filter(p -> p.dataset().equals(s.name()) && p.analysis().reached()).toList();
            if (reached.size() >= 2) {
                Fit f = slope(reached);
                rb.number(s.name() + ".slope_log_plateau_vs_log_eta", f.slope())
                        .number(s.name() + ".slope_stderr", f.slopeStdErr());
            }
            rb.number(s.name() + ".n", s.data().n()).number(s.name() + ".features", s.data().d())
                    .number(s.name() + ".parameters", EosRun.network(s.data().d()).layout().size()).number(s.name() + ".steps", s.steps())
                    .number(s.name() + ".runs_reaching_the_edge", reached.size());
            traces(rb, s, records);
        }
        plateauTrace(rb, points);
        Verdict v = decide(points, 1.0, -1.0);
        StringBuilder m = new StringBuilder();
        for (Point p : points) {
            EosRun.Analysis a = p.analysis();
            m.append(p.dataset()).append(" η=").append(p.eta()).append(": ");
            m.append(a.reached() ? "λ_max " + Format.g(a.initial()) + " → edge at step " + a.reachedStep() + ", plateau·η/2 = "
                    + Format.g(a.ratio(p.eta())) : "did not reach 0.9·2/η (λ_max " + Format.g(a.initial()) + " → max probed "
                    + Format.g(p.maxSharpness()) + ")");
            m.append("; ");
        }
        for (Setting s : settings) {
            List<Point> reached = points.stream().filter(p -> p.dataset().equals(s.name()) && p.analysis().reached()).toList();
            if (reached.size() >= 2) {
                m.append(s.name()).append(" slope ").append(Format.g(slope(reached).slope())).append("; ");
            }
        }
        rb.sourceStatement("如果我们把学习率设为某个小的 η ，则平滑度 adjusts 会迅速降至约 2/η (002 §2.4; literally \"if we set the "
                + "learning rate to some small η, the smoothness 'adjusts' quickly falls to about 2/η\" — 降至 'falls to' is a slip for "
                + "the original 'adjusts to', the figure says it rises, docs/sources.md#misprints); 图2.4: 观察到平滑度上升到 2/η 并略有超出。"
                + "在此之后，可以看到损失在迭代中上下波动，呈现长期下降趋势 (\"the smoothness is observed to rise to 2/η and slightly "
                + "exceed it; after that the loss moves up and down over the iterations with a long-term downward trend\")", v,
                "judged by the rule on both data sets (" + m + ")");
        rb.note("Setup: full-batch GD (no momentum, no weight decay) on ½·mean((f(x) − y)²) of a " + EosRun.network(16).describe()
                + "-shaped network (input width per data set), torch's default initialization law, one initialization per data set "
                + "shared by every η. Sharpness by Lanczos (core's, full reorthogonalization) on exact Hessian-vector products "
                + "(forward over reverse), each probe started from the previous probe's Ritz vector plus a random direction of norm "
                + EosRun.WARM_START_MIX + " (the first from a Gaussian vector), stopped at residual ‖Hv − λv‖ ≤ " + EosRun.LANCZOS_TOL
                + "·‖H‖_est or "
                + EosRun.LANCZOS_MAX_PRODUCTS + " products (the largest relative residual over each plateau window is reported; "
                + "power iteration, 002's method, agrees with Lanczos in the tests). Cohen et al. use Lanczos too, on "
                + "5k-example CIFAR-10 subsets; 002's figure is their ResNet; this is the small-scale version.");
        if (!excluded.isEmpty()) {
            rb.note("Runs that never reached 0.9·2/η within the budget (excluded from the plateau rule, as the prediction starts at "
                    + "the edge): " + String.join(", ", excluded) + ". Their sharpness was still rising or had levelled off below 2/η.");
        }
        rb.note("The ±20% band and the slope tolerance are readings of 'hovers near 2/η' (Cohen et al.: 'hovers right at, or just "
                + "above' 2/η, with oscillations); the plateau is a median so that the catapult-like spikes above 2/η and the dips "
                + "after them do not decide it. The loss's non-monotonicity is counted over the steps after the crossing.");
        return rb.build(v, "λ_max rises (progressive sharpening) to ≈ 2/η and hovers there: plateau·η/2 ∈ [" + RATIO_LOW + ", " + RATIO_HIGH
                        + "] for every η that reaches the edge, log plateau against log η with slope −1 ± " + SLOPE_TOLERANCE
                        + "; the loss keeps falling, non-monotonically", m.toString(), rule());
    }

    private static void record(ResultBuilder rb, String name, double eta, EosRun.Record r, EosRun.Analysis a) {
        rb.number(name + ".two_over_eta", 2 / eta).number(name + ".sharpness_step0", a.initial())
                .number(name + ".reached_step", a.reachedStep());
        double max = 0;
        for (double s : r.sharpness()) {
            max = Math.max(max, s);
        }
        rb.number(name + ".max_sharpness", max).number(name + ".max_sharpness_times_eta_over_2", max * eta / 2);
        if (a.reached()) {
            rb.number(name + ".sharpness_at_reach", a.atReach()).number(name + ".sharpening_factor", a.atReach() / a.initial())
                    .number(name + ".plateau_window_start_step", a.windowStart()).number(name + ".plateau", a.plateau())
                    .number(name + ".plateau_times_eta_over_2", a.ratio(eta))
                    .number(name + ".plateau_p10_times_eta_over_2", a.plateauLow() * eta / 2)
                    .number(name + ".plateau_p90_times_eta_over_2", a.plateauHigh() * eta / 2)
                    .number(name + ".loss_at_reach", a.lossAtReach()).number(name + ".loss_step" + r.steps(), a.lossEnd())
                    .number(name + ".loss_increasing_steps_after_reach", a.lossIncreases())
                    .number(name + ".max_power_iteration_residual_in_window", a.maxResidual());
        } else {
            rb.number(name + ".loss_step" + r.steps(), a.lossEnd());
        }
        rb.number(name + ".hessian_vector_products", r.products());
    }

    private static void traces(ResultBuilder rb, Setting s, List<EosRun.Record> records) {
        List<String> cols = new ArrayList<>();
        List<String> yCols = new ArrayList<>();
        for (EosRun.Record r : records) {
            cols.add("sharpness_eta" + r.eta());
            cols.add("two_over_eta" + r.eta());
            yCols.add("sharpness_eta" + r.eta());
            yCols.add("two_over_eta" + r.eta());
        }
        Trace sharp = new Trace("sharpness_" + s.name(), cols);
        long[] at = records.get(0).probeSteps();
        for (int i = 0; i < at.length; i++) {
            double[] row = new double[cols.size() + 1];
            row[0] = at[i];
            for (int k = 0; k < records.size(); k++) {
                row[2 * k + 1] = records.get(k).sharpness()[i];
                row[2 * k + 2] = 2 / records.get(k).eta();
            }
            sharp.add(row);
        }
        List<String> lossCols = new ArrayList<>();
        for (EosRun.Record r : records) {
            lossCols.add("loss_eta" + r.eta());
        }
        Trace loss = new Trace("loss_" + s.name(), lossCols);
        int every = Math.max(1, s.steps() / 1000);
        for (int t = 0; t <= s.steps(); t += every) {
            double[] row = new double[lossCols.size() + 1];
            row[0] = t;
            for (int k = 0; k < records.size(); k++) {
                row[k + 1] = records.get(k).loss()[t];
            }
            loss.add(row);
        }
        rb.trace(sharp).trace(loss);
        rb.plot(PlotSpec.linear("sharpness_" + s.name() + ".png").title("eos.sharpness: λ_max(∇²L) against steps and the lines 2/η ("
                        + s.data().name() + ")").trace(sharp.name()).x("step", "GD step").y(yCols, "sharpness λ_max").build());
        rb.plot(PlotSpec.semiLogY("loss_" + s.name() + ".png").title("eos.sharpness: training loss ½·mean((f − y)²) against steps ("
                + s.name() + ")").trace(loss.name()).x("step", "GD step").y(lossCols, "loss").build());
    }

    private static void plateauTrace(ResultBuilder rb, List<Point> points) {
        List<String> sets = points.stream().map(Point::dataset).distinct().toList();
        double[] etas = points.stream().mapToDouble(Point::eta).distinct().sorted().toArray();
        List<String> cols = new ArrayList<>(List.of("eta"));
        for (String set : sets) {
            cols.add("plateau_" + set);
        }
        cols.add("two_over_eta");
        Trace t = new Trace("plateau_vs_eta", cols);
        for (int i = 0; i < etas.length; i++) {
            double[] row = new double[cols.size() + 1];
            row[0] = i;
            row[1] = etas[i];
            for (int k = 0; k < sets.size(); k++) {
                row[k + 2] = Double.NaN;
                for (Point p : points) {
                    if (p.dataset().equals(sets.get(k)) && p.eta() == etas[i] && p.analysis().reached()) {
                        row[k + 2] = p.analysis().plateau();
                    }
                }
            }
            row[cols.size()] = 2 / etas[i];
            t.add(row);
        }
        rb.trace(t);
        rb.plot(PlotSpec.logLog("plateau_vs_eta.png").title("eos.sharpness: plateau of λ_max against η, and 2/η (NaN: the edge was not "
                        + "reached)").trace("plateau_vs_eta").x("eta", "learning rate η").y(cols.subList(1, cols.size()), "sharpness")
                .build());
    }
}
