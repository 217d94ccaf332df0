package org.sgdlab.theory.scaleinv;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.precision.Arithmetic;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * exp-lr.equivalence (002 Thm 13.3.1, Li &amp; Arora 2019): on a scale-invariant loss, GD with weight decay
 * w_{t+1} = (1 − ηλ)w_t − η∇L(w_t) and GD with the step η_t = η(1 − ηλ)^{−(2t+1)} from the same start satisfy
 * ŵ_t = w_t/(1 − ηλ)^t at every step (the printed η_t lacks the factor η; see CLAIMS.md).
 *
 * <p>Three checks on the Rayleigh quotient {@link RayleighQuotient} (and one on {@link FrozenHeadNet}):
 * <ul>
 *   <li>stable regime (ηλ = 2⁻¹⁰, the iterates settle): in float64 the protocols agree to the rounding a
 *       non-amplifying run accumulates, max_t disagreement_t/((t + 1)u) ≤ {@link #PER_STEP_ROUNDING};</li>
 *   <li>chaotic regime (ηλ = 1/16: weight decay shrinks ‖w‖ until the effective step η/‖w‖² destabilizes the
 *       minimum, and the run turns irregular): float64's two protocols part by O(1) (a float64 finding); the same runs
 *       in double-double and in 60-digit decimals disagree in proportion to the unit roundoff (amplification
 *       disagreement/u within a factor {@link #LADDER_FACTOR} across the two precisions), i.e. by amplified rounding,
 *       while 60 digits keep it below {@link #SATURATION};</li>
 *   <li>the printed step (1 − ηλ)^{−(2t+1)} disagrees by O(1) in every precision (not rounding): the statement as
 *       printed is refuted; started from w₀/√η instead of w₀ it would be right (shown beside, labelled).</li>
 * </ul>
 */
final class ExpLrClaim extends BaseClaim {
    static final double PER_STEP_ROUNDING = 16;
    /**
     * How far the two precisions' amplifications (disagreement/u) may differ: two decades. Rounding errors are not all
     * of size u (a single rounding errs by anything in [0, u]; double-double multiplies doubles exactly where decimals
     * round), so their amplified sums differ by a random factor — up to 75× over the full budget's starts — while a
     * difference that is not rounding keeps its size and differs by log10(u_dd/u_60) ≈ 28 decades. (The factor was 10
     * until a full-budget start reached 1.88 decades.)
     */
    static final double LADDER_FACTOR = 100;
    /**
     * Above this relative disagreement the growth of a perturbation is no longer linear in its seed, so disagreement/u
     * stops being comparable across precisions.
     */
    static final double SATURATION = 1e-6;
    /** Float64's disagreement must reach this for the regime to count as chaotic (else the ladder tests nothing). */
    static final double CHAOS_THRESHOLD = 1e-2;
    static final int D = 6;
    static final double STABLE_ETA = 1.0 / 16;
    static final double STABLE_LAMBDA = 1.0 / 64;
    static final double CHAOS_ETA = 0.25;
    static final double CHAOS_LAMBDA = 0.25;
    static final MathContext DIGITS60 = new MathContext(60);

    ExpLrClaim() {
        super("exp-lr.equivalence", "on a scale-invariant loss GD with weight decay equals GD with the exponentially growing step "
                + "η_t = η(1 − ηλ)^{−(2t+1)} on ŵ_t = w_t/(1 − ηλ)^t (the printed η_t without η does not)",
                "002 Thm 13.3.1 (corrected: the factor η), Li & Arora 2019");
    }

    /**
     * Two runs of one protocol in two precisions, compared at step {@code at} (the step where float64's two protocols
     * have visibly parted): does their disagreement scale with the unit roundoff?
     */
    record Ladder(ExpLrRun.Result low, ExpLrRun.Result high, int at) {
        double lowAt() {
            return low.disagreement()[at];
        }

        double highAt() {
            return high.disagreement()[at];
        }

        double amplificationLow() {
            return lowAt() / low.unit();
        }

        double amplificationHigh() {
            return highAt() / high.unit();
        }

        /** |log10 of the ratio of the two amplifications|. */
        double mismatchDecades() {
            return Math.abs(Math.log10(amplificationLow() / amplificationHigh()));
        }

        /**
         * FAILS if even the higher precision disagrees by ≥ SATURATION (a departure it cannot resolve into rounding) or the
         * two amplifications differ by more than LADDER_FACTOR (a disagreement that does not shrink with u is not rounding);
         * INCONCLUSIVE if only the lower precision is saturated (nothing to compare); HOLDS otherwise.
         */
        Verdict verdict() {
            if (!(highAt() < SATURATION)) {
                return Verdict.FAILS;
            }
            if (!(lowAt() < SATURATION)) {
                return Verdict.INCONCLUSIVE;
            }
            return mismatchDecades() <= Math.log10(LADDER_FACTOR) ? Verdict.HOLDS : Verdict.FAILS;
        }
    }

    /** One start's measurements. */
    record Start(int index, ExpLrRun.Result stable, ExpLrRun.Result chaosFloat64, Ladder corrected, Ladder printed,
                 ExpLrRun.Result printedScaledStart) {
    }

    /** The first step at which {@code r}'s disagreement reaches CHAOS_THRESHOLD, or its last step if it never does. */
    static int departure(ExpLrRun.Result r) {
        double[] d = r.disagreement();
        for (int t = 0; t < d.length; t++) {
            if (d[t] >= CHAOS_THRESHOLD) {
                return t;
            }
        }
        return d.length - 1;
    }

    static Start measure(int index, double[] w0, int stableSteps, int chaosSteps) {
        double[] a = RayleighQuotient.evenSpectrum(w0.length);
        RayleighQuotient<Double> f64 = new RayleighQuotient<>(Arithmetic.FLOAT64, a);
        var dd = new RayleighQuotient<>(Arithmetic.DOUBLE_DOUBLE, a);
        var d60 = new RayleighQuotient<>(Arithmetic.decimal(DIGITS60), a);
        ExpLrRun.Result stable = ExpLrRun.run(f64, w0, STABLE_ETA, STABLE_LAMBDA, stableSteps, ExpLrRun.Schedule.CORRECTED);
        ExpLrRun.Result chaos = ExpLrRun.run(f64, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.CORRECTED);
        int at = departure(chaos);
        Ladder corrected = new Ladder(ExpLrRun.run(dd, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.CORRECTED),
                ExpLrRun.run(d60, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.CORRECTED), at);
        Ladder printed = new Ladder(ExpLrRun.run(f64, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.PRINTED),
                ExpLrRun.run(dd, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.PRINTED), at);
        ExpLrRun.Result scaled = ExpLrRun.run(dd, w0, CHAOS_ETA, CHAOS_LAMBDA, chaosSteps, ExpLrRun.Schedule.PRINTED_SCALED_START);
        return new Start(index, stable, chaos, corrected, printed, scaled);
    }

    /**
     * The verdict on one protocol (the theory's, or a planted one). HOLDS when on every start the float64 stable run stays
     * within PER_STEP_ROUNDING·(t + 1)u and every chaotic precision pair HOLDS ({@link Ladder#verdict}); FAILS when either
     * fails; INCONCLUSIVE when float64 never became chaotic (the ladder then tests nothing beyond the stable check) or a
     * pair is undecided.
     */
    static Verdict decide(List<Start> starts, List<ExpLrRun.Result> stableRuns, List<Ladder> ladders) {
        for (ExpLrRun.Result r : stableRuns) {
            if (!(r.worstPerStepRatio() <= PER_STEP_ROUNDING)) {
                return Verdict.FAILS;
            }
        }
        boolean undecided = false;
        for (Ladder l : ladders) {
            Verdict v = l.verdict();
            if (v == Verdict.FAILS) {
                return Verdict.FAILS;
            }
            undecided |= v != Verdict.HOLDS;
        }
        boolean chaotic = starts.stream().allMatch(s -> s.chaosFloat64().max() >= CHAOS_THRESHOLD);
        return chaotic && !undecided ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** GD + WD against the corrected exponential protocol on the layer-norm network, float64 (stable regime). */
    static double[] network(long seed, int steps) {
        FrozenHeadNet f = new FrozenHeadNet(Mlp.Normalization.LAYER, 0, 32, 4, 8, seed);
        double eta = STABLE_ETA;
        double q = 1 - eta * STABLE_LAMBDA;
        double[] w = f.initialW();
        double[] wh = w.clone();
        double[] g = new double[w.length];
        double[] gh = new double[w.length];
        double lr = eta / q;
        double s = 1;
        double[] ratio = new double[steps + 1];
        for (int t = 0; t < steps; t++) {
            f.gradient(w, g);
            f.gradient(wh, gh);
            for (int i = 0; i < w.length; i++) {
                w[i] = q * w[i] - eta * g[i];
                wh[i] -= lr * gh[i];
            }
            lr /= q * q;
            s *= q;
            double num = 0;
            double den = 0;
            for (int i = 0; i < w.length; i++) {
                double e = s * wh[i] - w[i];
                num += e * e;
                den += w[i] * w[i];
            }
            ratio[t + 1] = Math.sqrt(num / den);
        }
        return ratio;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        boolean quick = c.budget() == Budget.QUICK;
        int starts = quick ? 1 : 8;
        // the stable regime is a horizon: over longer runs weight decay shrinks ‖w‖ until the chaotic regime below begins
        int stableSteps = 1000;
        int chaosSteps = 400;
        RandomStream master = new RandomStream(c.seed()).split(31);
        List<Start> all = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            all.add(measure(i, master.split(i).gaussians(new double[D]), stableSteps, chaosSteps));
            c.progress().onProgress(i + 1, starts + 1);
        }
        double[] net = network(c.seed(), 200);
        double netWorst = 0;
        for (int t = 0; t < net.length; t++) {
            netWorst = Math.max(netWorst, net[t] / ((t + 1) * 0x1.0p-53));
        }
        c.progress().onProgress(starts + 1, starts + 1);
        List<ExpLrRun.Result> stable = all.stream().map(Start::stable).toList();
        Verdict v = decide(all, stable, all.stream().map(Start::corrected).toList());
        // the printed step judged by the same rule: its stable run in float64, its chaotic pair (float64, double-double)
        List<ExpLrRun.Result> printedStable = new ArrayList<>();
        double[] w0First = master.split(0).gaussians(new double[D]);
        printedStable.add(ExpLrRun.run(new RayleighQuotient<>(Arithmetic.FLOAT64, RayleighQuotient.evenSpectrum(D)), w0First,
                STABLE_ETA, STABLE_LAMBDA, stableSteps, ExpLrRun.Schedule.PRINTED));
        Verdict printedVerdict = decide(all, printedStable, all.stream().map(Start::printed).toList());

        Start s0 = all.get(0);
        Trace stableTrace = new Trace("stable_disagreement", List.of("float64_corrected", "float64_printed", "rounding_allowance"));
        for (int t = 0; t <= stableSteps; t++) {
            stableTrace.add(new double[] {t, s0.stable().disagreement()[t], printedStable.get(0).disagreement()[t],
                    PER_STEP_ROUNDING * (t + 1) * 0x1.0p-53});
        }
        Trace chaos = new Trace("chaotic_disagreement", List.of("float64", "double_double", "decimal60", "printed_float64",
                "printed_double_double", "printed_from_w0_over_sqrt_eta_double_double", "amplification_double_double",
                "amplification_decimal60"));
        for (int t = 0; t <= chaosSteps; t++) {
            chaos.add(new double[] {t, s0.chaosFloat64().disagreement()[t], s0.corrected().low().disagreement()[t],
                    s0.corrected().high().disagreement()[t], s0.printed().low().disagreement()[t], s0.printed().high().disagreement()[t],
                    s0.printedScaledStart().disagreement()[t], s0.corrected().low().disagreement()[t] / s0.corrected().low().unit(),
                    s0.corrected().high().disagreement()[t] / s0.corrected().high().unit()});
        }
        Trace netTrace = new Trace("network_disagreement", List.of("layer_norm_float64"));
        for (int t = 0; t < net.length; t++) {
            netTrace.add(new double[] {t, net[t]});
        }
        rb.trace(stableTrace).trace(chaos).trace(netTrace);
        double worstStable = stable.stream().mapToDouble(ExpLrRun.Result::worstPerStepRatio).max().orElse(0);
        double worstMismatch = all.stream().mapToDouble(s -> s.corrected().mismatchDecades()).max().orElse(0);
        double worstHigh = all.stream().mapToDouble(s -> s.corrected().highAt()).max().orElse(0);
        double worstLow = all.stream().mapToDouble(s -> s.corrected().lowAt()).max().orElse(0);
        double minFloat64Chaos = all.stream().mapToDouble(s -> s.chaosFloat64().max()).min().orElse(0);
        double minPrinted = all.stream().mapToDouble(s -> s.printed().high().last()).min().orElse(0);
        rb.number("stable.eta", STABLE_ETA).number("stable.lambda", STABLE_LAMBDA).number("stable.steps", stableSteps)
                .number("stable.worst_disagreement_over_t_u", worstStable)
                .number("stable.float64_disagreement_step" + stableSteps, s0.stable().last())
                .number("stable.printed_float64_disagreement_step" + stableSteps, printedStable.get(0).last())
                .number("chaos.eta", CHAOS_ETA).number("chaos.lambda", CHAOS_LAMBDA).number("chaos.steps", chaosSteps)
                .number("chaos.min_over_starts_of_max_float64_disagreement", minFloat64Chaos)
                .number("chaos.float64_disagreement_step" + chaosSteps, s0.chaosFloat64().last())
                .number("chaos.double_double_disagreement_step" + chaosSteps, s0.corrected().low().last())
                .number("chaos.decimal60_disagreement_step" + chaosSteps, s0.corrected().high().last())
                .number("chaos.float64_departs_at_step", s0.corrected().at())
                .number("chaos.double_double_disagreement_at_departure", s0.corrected().lowAt())
                .number("chaos.decimal60_disagreement_at_departure", s0.corrected().highAt())
                .number("chaos.amplification_double_double_at_departure", s0.corrected().amplificationLow())
                .number("chaos.amplification_decimal60_at_departure", s0.corrected().amplificationHigh())
                .number("chaos.worst_amplification_mismatch_decades", worstMismatch)
                .number("chaos.worst_double_double_disagreement_at_departure", worstLow)
                .number("chaos.worst_decimal60_disagreement_at_departure", worstHigh)
                .number("printed.double_double_disagreement_step" + chaosSteps, s0.printed().high().last())
                .number("printed.float64_disagreement_step" + chaosSteps, s0.printed().low().last())
                .number("printed.min_double_double_disagreement", minPrinted)
                .number("printed.amplification_mismatch_decades", s0.printed().mismatchDecades())
                .number("printed_from_w0_over_sqrt_eta.double_double_disagreement_step" + chaosSteps, s0.printedScaledStart().last())
                .number("network.worst_disagreement_over_t_u", netWorst)
                .number("network.float64_disagreement_step" + (net.length - 1), net[net.length - 1])
                .number("starts", starts);
        rb.plot(PlotSpec.semiLogY("stable.png").title("exp-lr.equivalence, stable regime (ηλ = 2⁻¹⁰): ‖(1−ηλ)^t ŵ_t − w_t‖/‖w_t‖ "
                        + "in float64, corrected and printed η_t").trace(stableTrace.name()).x("step", "step t")
                .y(List.of("float64_corrected", "float64_printed", "rounding_allowance"), "relative disagreement").build());
        rb.plot(PlotSpec.semiLogY("chaotic.png").title("exp-lr.equivalence, chaotic regime (ηλ = 1/16): disagreement in float64, "
                        + "double-double and 60 digits; the printed η_t").trace(chaos.name()).x("step", "step t")
                .y(List.of("float64", "double_double", "decimal60", "printed_float64", "printed_double_double",
                        "printed_from_w0_over_sqrt_eta_double_double"), "relative disagreement").build());
        rb.plot(PlotSpec.semiLogY("amplification.png").title("exp-lr.equivalence: disagreement / unit roundoff — the same curve in "
                        + "double-double and in 60 digits (amplified rounding)").trace(chaos.name()).x("step", "step t")
                .y(List.of("amplification_double_double", "amplification_decimal60"), "disagreement / u").build());
        rb.plot(PlotSpec.semiLogY("network.png").title("exp-lr.equivalence on the layer-norm network (frozen head), float64")
                .trace(netTrace.name()).x("step", "step t").y(List.of("layer_norm_float64"), "relative disagreement").build());
        rb.float64Finding("GD + WD and the exponential-step protocol give the same ŵ_t(1 − ηλ)^t = w_t in float64 (ηλ = 1/16, "
                        + chaosSteps + " steps)", minFloat64Chaos < CHAOS_THRESHOLD,
                "float64's two protocols part by up to " + Format.g(s0.chaosFloat64().max()) + " (relative; ≥ " + Format.g(CHAOS_THRESHOLD)
                        + " from step " + s0.corrected().at() + ") while double-double and 60-digit runs of the same protocols agree "
                        + "there to " + Format.g(s0.corrected().lowAt()) + " and " + Format.g(s0.corrected().highAt()) + " (after all "
                        + chaosSteps + " steps: " + Format.g(s0.corrected().low().last()) + " and " + Format.g(s0.corrected().high().last()) + ")",
                "with weight decay ‖w‖ shrinks until the effective step η/‖w‖² destabilizes the minimum; the run then amplifies "
                        + "perturbations by ~" + Format.g(s0.corrected().amplificationHigh()) + " by step " + s0.corrected().at() + ", so "
                        + "float64's rounding (u = 1.1e-16) is amplified to O(1), double-double's (1.2e-32) and 60 digits' (5e-60) stay small.");
        rb.note("Loss: the Rayleigh quotient L(w) = Σaᵢwᵢ²/Σwᵢ² with a = (0, 0.2, …, 1), d = " + D + " (scale-invariant; written once "
                + "over org.sgdlab.precision.Arithmetic and run in float64, double-double and BigDecimal with 60 digits). η and λ are "
                + "dyadic so q = 1 − ηλ is exact; η_t = η_{t−1}/q² and q^t are carried in each run's own arithmetic.");
        rb.note("Printed form (Thm 13.3.1 prints η_t = (1 − ηλ)^{−(2t+1)}): with ŵ₀ = w₀ it is GD + WD with step 1 and decay ηλ, not "
                + "with step η — its disagreement is " + Format.g(s0.printed().high().last()) + " in double-double at step " + chaosSteps
                + " and " + Format.g(printedStable.get(0).last()) + " in the stable regime. A friendlier reading, labelled as such: "
                + "started from ŵ₀ = w₀/√η (by ∇L(cw) = ∇L(w)/c) the printed step reproduces GD + WD ("
                + Format.g(s0.printedScaledStart().last()) + " in double-double; √η = 1/2 here, so the runs are the same bits up to "
                + "a power of two).");
        rb.note("Network: the same comparison on the layer-norm network with a frozen head (scale-invariance.identities), "
                + "float64, ηλ = 2⁻¹⁰: worst disagreement/((t + 1)u) = " + Format.g(netWorst) + " (reported, not part of the verdict: "
                + "the tape has no high-precision twin).");
        rb.sourceStatement("定理13.3.1: If training loss is scale-invariant, the effect of (13.1) for T steps can also be obtained by "
                        + "ŵ_{t+1} ← ŵ_t − η_t∇L_t(ŵ_t) with learning rate at step t being η_t = (1 − ηλ)^{−(2t+1)}", printedVerdict,
                "as printed (ŵ₀ = w₀, no factor η) the protocols disagree by " + Format.g(s0.printed().high().last())
                        + " in double-double after " + chaosSteps + " steps and by " + Format.g(printedStable.get(0).last())
                        + " in the stable regime, in every precision (not rounding); with η_t = η(1 − ηλ)^{−(2t+1)} (the proof's own "
                        + "formula) they agree to rounding.");
        String rule = "HOLDS when (1) in the stable regime (η = " + STABLE_ETA + ", λ = " + STABLE_LAMBDA + ", " + stableSteps
                + " steps) float64's max_t ‖(1−ηλ)^t ŵ_t − w_t‖/‖w_t‖ / ((t + 1)u) ≤ " + Format.g(PER_STEP_ROUNDING) + " on every start, "
                + "and (2) in the chaotic regime (η = " + CHAOS_ETA + ", λ = " + CHAOS_LAMBDA + ", " + chaosSteps + " steps) the "
                + "disagreement divided by the unit roundoff, at the step where float64's disagreement first reaches " + Format.g(CHAOS_THRESHOLD)
                + ", agrees between double-double (2⁻¹⁰⁶) and 60-digit "
                + "decimals (5e-60) within a factor " + Format.g(LADDER_FACTOR) + " (else FAILS; FAILS too if the 60-digit disagreement "
                + "reaches " + Format.g(SATURATION) + "; INCONCLUSIVE if only double-double's does); INCONCLUSIVE if float64's "
                + "disagreement never reaches " + Format.g(CHAOS_THRESHOLD) + " (no chaos to resolve). The printed step is judged by "
                + "the same rule (its chaotic pair: float64, double-double).";
        return rb.build(v, "ŵ_t = w_t/(1 − ηλ)^t with η_t = η(1 − ηλ)^{−(2t+1)}: to rounding where stable, to the working precision's "
                        + "amplified rounding where chaotic",
                "stable: worst disagreement/((t+1)u) " + Format.g(worstStable) + "; chaotic: float64 parts by ≥ " + Format.g(minFloat64Chaos)
                        + " (from step " + s0.corrected().at() + "), where double-double disagrees by " + Format.g(s0.corrected().lowAt())
                        + " and 60 digits by " + Format.g(s0.corrected().highAt()) + " (amplification mismatch ≤ " + Format.g(worstMismatch) + " decades); printed η_t: "
                        + Format.g(s0.printed().high().last()) + " (" + printedVerdict + ")", rule);
    }
}
