package org.sgdlab.theory.gd;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.probe.Trace;
import org.sgdlab.problems.Quadratic;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.problems.Spacing;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Starts;
import org.sgdlab.theory.StepLoop;
import org.sgdlab.train.DivergenceException;

/**
 * gd.descent-lemma (002 Lemma 2.1.4 and its footnote; §2.4). (a) For L-smooth f and η ≤ 1/L, every GD step
 * satisfies f(w_{t+1}) ≤ f(w_t) − (η/2)‖∇f(w_t)‖²; checked at every step of runs on a quadratic and on two
 * nonconvex functions with certified L. (b) On a quadratic, GD with η = (1 ± δ)·2/λ_max converges below the
 * edge and diverges above it.
 */
public final class DescentLemmaClaim extends BaseClaim {
    /** Rounding allowance: a step violates the lemma if slack &lt; −ROUNDING_REL·(|f_t| + (η/2)‖g_t‖² + |f_{t+1}|). */
    public static final double ROUNDING_REL = 1e-12;
    /** A per-step run stops once f − f* ≤ FLOOR·(f(w₀) − f*): below that, f is at the rounding level of w − w*. */
    public static final double FLOOR = 1e-20;
    /** An edge run counts as diverged once f(w_t) ≥ DIVERGED·f(w₀). */
    public static final double DIVERGED = 1e6;
    /** An edge run counts as converged if f(w_T) ≤ CONVERGED·f(w₀). */
    public static final double CONVERGED = 1e-6;

    /**
     * One per-step run.
     *
     * @param violations steps whose slack is below the rounding allowance
     * @param worstRelativeSlack min over steps of slack/((η/2)‖g‖²) (1 − ηL ≤ this for η ≤ 1/L on a quadratic)
     * @param monotoneViolations steps with f(w_{t+1}) &gt; f(w_t) beyond the rounding allowance
     */
    public record LemmaRun(String name, double eta, double smoothness, long steps, int violations, double worstRelativeSlack,
                           int monotoneViolations, Trace trace) {
    }

    /** Outcome of one run at the edge of stability. */
    public enum Outcome { CONVERGED, DIVERGED, UNDECIDED }

    /** One edge run: η, the predicted threshold 2/λ_max, what happened and f(w_T)/f(w₀) (or at the stop). */
    public record EdgeRun(double eta, double threshold, Outcome outcome, double ratio, long steps) {
    }

    DescentLemmaClaim() {
        super("gd.descent-lemma", "η ≤ 1/L gives f(w_{t+1}) ≤ f(w_t) − (η/2)‖∇f(w_t)‖² at every step; on a quadratic GD diverges iff η > 2/λ_max",
                "002 Lemma 2.1.4 (and footnote 3), Def 2.1.2, §2.4");
    }

    /** Per-step check of the lemma along GD with step η on f (minimum fStar), for up to T steps. */
    static LemmaRun lemmaRun(String name, Objective f, double fStar, double smoothness, double eta, double[] w0, long steps) {
        Trace trace = new Trace(name, List.of("f_next", "lemma_bound", "relative_slack"));
        boolean[] probe = StepLoop.probeMask(steps, 20);
        double[] prev = {Double.NaN, Double.NaN}; // f_t, (η/2)‖g_t‖²
        double[] worst = {Double.POSITIVE_INFINITY};
        int[] bad = {0, 0};
        double[] f0 = {Double.NaN};
        long taken = StepLoop.run(f, Optimizers.sgd(eta), null, w0, steps, (t, w, v, g) -> {
            double half = 0.5 * eta * StepLoop.normSq(g);
            if (t == 0) {
                f0[0] = v;
            } else {
                double bound = prev[0] - prev[1];
                double slack = bound - v;
                double tol = ROUNDING_REL * (Math.abs(prev[0]) + prev[1] + Math.abs(v));
                if (!(slack >= -tol)) {
                    bad[0]++;
                }
                if (!(v <= prev[0] + tol)) {
                    bad[1]++;
                }
                double rel = prev[1] > 0 ? slack / prev[1] : Double.NaN;
                if (rel < worst[0]) {
                    worst[0] = rel;
                }
                if (probe[(int) t - 1]) {
                    trace.add(new double[] {t - 1, v - fStar, bound - fStar, rel});
                }
            }
            prev[0] = v;
            prev[1] = half;
            return v - fStar > FLOOR * (f0[0] - fStar);
        });
        return new LemmaRun(name, eta, smoothness, taken, bad[0], worst[0], bad[1], trace);
    }

    /**
     * GD with step η on the quadratic for T steps from w0: converged, diverged (f ≥ DIVERGED·f₀ or non-finite) or
     * undecided. If {@code column} is not null, f(w_t)/f(w₀) is written to it at the probe steps {@code ps}.
     */
    static EdgeRun edgeRun(Quadratic q, double eta, double[] w0, long steps, long[] ps, double[] column) {
        double[] f0 = {Double.NaN};
        double[] last = {Double.NaN};
        int[] row = {0};
        long taken;
        boolean blewUp = false;
        try {
            taken = StepLoop.run(q, Optimizers.sgd(eta), null, w0, steps, (t, w, v, g) -> {
                if (t == 0) {
                    f0[0] = v;
                }
                last[0] = v / f0[0];
                if (column != null && row[0] < ps.length && ps[row[0]] == t) {
                    column[row[0]++] = last[0];
                }
                return last[0] < DIVERGED;
            });
        } catch (DivergenceException e) {
            taken = e.step();
            blewUp = true;
        }
        Outcome o = blewUp || last[0] >= DIVERGED ? Outcome.DIVERGED : last[0] <= CONVERGED ? Outcome.CONVERGED : Outcome.UNDECIDED;
        return new EdgeRun(eta, 2 / q.smoothness(), o, last[0], taken);
    }

    /** Part (a): FAILS if any step of any run violates the lemma beyond the rounding allowance, else HOLDS. */
    public static Verdict decideLemma(List<LemmaRun> runs) {
        for (LemmaRun r : runs) {
            if (r.violations() > 0 || r.monotoneViolations() > 0) {
                return Verdict.FAILS;
            }
        }
        return Verdict.HOLDS;
    }

    /**
     * Part (b): FAILS if a run below its predicted threshold diverged or one above it converged; INCONCLUSIVE if
     * some run is undecided; else HOLDS.
     */
    public static Verdict decideEdge(List<EdgeRun> runs) {
        boolean undecided = false;
        for (EdgeRun r : runs) {
            boolean above = r.eta() > r.threshold();
            if (r.outcome() == Outcome.UNDECIDED) {
                undecided = true;
            } else if (above != (r.outcome() == Outcome.DIVERGED)) {
                return Verdict.FAILS;
            }
        }
        return undecided ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    /** FAILS if either fails, HOLDS if both hold, else INCONCLUSIVE. */
    static Verdict both(Verdict a, Verdict b) {
        if (a == Verdict.FAILS || b == Verdict.FAILS) {
            return Verdict.FAILS;
        }
        return a == Verdict.HOLDS && b == Verdict.HOLDS ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** The measured bracket [largest converging η, smallest diverging η] in units of 2/λ_max. */
    static double[] bracket(List<EdgeRun> runs) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (EdgeRun r : runs) {
            double x = r.eta() / r.threshold();
            if (r.outcome() == Outcome.CONVERGED) {
                lo = Math.max(lo, x);
            } else if (r.outcome() == Outcome.DIVERGED) {
                hi = Math.min(hi, x);
            }
        }
        return new double[] {lo, hi};
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        RandomStream rng = new RandomStream(c.seed()).split(0xD1);
        long steps = c.budget().pick(3000, 30000);
        int d = c.budget().pick(20, 50);
        // (a) per-step lemma
        Quadratic quad = Quadratic.withSpectrum(d, 0.01, 4.0, Spacing.LOG, rng.split(1));
        double[] a = Starts.gaussian(d, rng.split(2), 1.0);
        SeparableNonconvex log = SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1.0, 1.0, a, rng.split(3));
        SeparableNonconvex cos = SeparableNonconvex.rotated(SeparableNonconvex.Profile.COSINE, 1.0, 1.0, a, rng.split(4));
        double[] wq = Starts.gaussian(d, rng.split(5), 1.0);
        double[] wn = Starts.gaussian(d, rng.split(6), 8.0); // |z| ~ 8: in the flat, nonconvex region of both profiles
        for (int i = 0; i < d; i++) {
            wn[i] += a[i];
        }
        List<LemmaRun> runs = new ArrayList<>();
        runs.add(lemmaRun("quadratic_eta_1_over_L", quad, 0, quad.smoothness(), 1 / quad.smoothness(), wq, steps));
        runs.add(lemmaRun("quadratic_eta_half_over_L", quad, 0, quad.smoothness(), 0.5 / quad.smoothness(), wq, steps));
        runs.add(lemmaRun("log_profile_eta_1_over_L", log, 0, log.smoothness(), 1 / log.smoothness(), wn, steps));
        runs.add(lemmaRun("cosine_profile_eta_1_over_L", cos, 0, cos.smoothness(), 1 / cos.smoothness(), wn, steps));
        c.progress().onProgress(1, 3);
        double worst = Double.POSITIVE_INFINITY;
        long checked = 0;
        for (LemmaRun r : runs) {
            rb.number(r.name() + ".L", r.smoothness()).number(r.name() + ".eta", r.eta())
                    .number(r.name() + ".steps_checked", r.steps()).number(r.name() + ".violations", r.violations())
                    .number(r.name() + ".worst_relative_slack", r.worstRelativeSlack());
            worst = Math.min(worst, r.worstRelativeSlack());
            checked += r.steps();
            rb.trace(r.trace());
            rb.plot(PlotSpec.logLog("lemma_" + r.name() + ".png")
                    .title("gd.descent-lemma: f(w_{t+1}) − f* vs the lemma's bound f(w_t) − (η/2)‖∇f‖² − f*, " + r.name())
                    .trace(r.name()).x("step", "step t").y(List.of("f_next", "lemma_bound"), "f − f*").build());
        }
        rb.number("worst_relative_slack", worst).number("steps_checked", checked);
        // footnote 3: 1/L < η < 2/L still decreases f, but the (η/2) form can fail
        LemmaRun foot = lemmaRun("quadratic_eta_1.5_over_L", quad, 0, quad.smoothness(), 1.5 / quad.smoothness(), wq, steps);
        rb.number("footnote.eta_1.5_over_L.monotone_violations", foot.monotoneViolations())
                .number("footnote.eta_1.5_over_L.lemma_violations", foot.violations())
                .number("footnote.eta_1.5_over_L.worst_relative_slack", foot.worstRelativeSlack());
        c.progress().onProgress(2, 3);

        // (b) the edge of stability 2/λ_max
        Quadratic edgeQ = Quadratic.withSpectrum(d, 0.1, 1.0, Spacing.LINEAR, rng.split(7));
        double[] we = Starts.gaussian(d, rng.split(8), 1.0);
        double[] deltas = c.budget() == org.sgdlab.theory.Budget.QUICK ? new double[] {0.1, 0.01, 0.001}
                : new double[] {0.1, 0.01, 0.001, 1e-4};
        long edgeSteps = c.budget().pick(30_000, 300_000);
        List<EdgeRun> edge = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        long[] ps = org.sgdlab.probe.ProbeSchedule.logSpaced(edgeSteps, 20).steps();
        List<double[]> columns = new ArrayList<>();
        for (double del : deltas) {
            for (int s : new int[] {-1, 1}) {
                double eta = (1 + s * del) * 2 / edgeQ.smoothness();
                double[] col = new double[ps.length];
                java.util.Arrays.fill(col, Double.NaN);
                EdgeRun r = edgeRun(edgeQ, eta, we, edgeSteps, ps, col);
                edge.add(r);
                columns.add(col);
                String name = "eta_" + (s < 0 ? "minus" : "plus") + "_" + Format.g(del);
                cols.add(name);
                rb.number("edge." + name + ".eta_over_threshold", eta * edgeQ.smoothness() / 2)
                        .number("edge." + name + ".f_ratio", r.ratio()).number("edge." + name + ".steps", r.steps());
            }
        }
        Trace et = new Trace("edge", cols);
        for (int i = 0; i < ps.length; i++) {
            double[] row = new double[cols.size() + 1];
            row[0] = ps[i];
            for (int k = 0; k < cols.size(); k++) {
                row[k + 1] = columns.get(k)[i];
            }
            et.add(row);
        }
        rb.trace(et);
        rb.plot(PlotSpec.logLog("edge.png").title("gd.descent-lemma: f(w_t)/f(w_0) for η = (1 ± δ)·2/λ_max").trace("edge")
                .x("step", "step t").y(cols, "f(w_t)/f(w_0)").build());
        double[] br = bracket(edge);
        rb.number("edge.bracket_low", br[0]).number("edge.bracket_high", br[1]);
        c.progress().onProgress(3, 3);

        Verdict va = decideLemma(runs);
        Verdict vb = decideEdge(edge);
        Verdict v = both(va, vb);
        rb.sourceStatement("Lemma 2.1.4: if f is L-smooth and η < 1/L, f(w_{t+1}) ≤ f(w_t) − (η/2)·‖∇f(w_t)‖²; footnote 3: "
                        + "descent happens as long as η < 2/L",
                va,
                checked + " steps checked with η = 1/L (the proof's η ≤ 1/L, the boundary case) and η = 1/(2L); "
                        + foot.monotoneViolations() + " increases of f at η = 1.5/L (footnote)");
        rb.note("Quadratic: d = " + d + ", λ ∈ [0.01, 4] log-spaced, L = λ_max exactly. Nonconvex: s·Σφ(c·zᵢ), z = Qᵀ(w − a), "
                + "φ = log(1 + u²) (L = 2) and φ = 1 − cos u (L = 1), certified L (org.sgdlab.problems.SeparableNonconvex); "
                + "start |z| ~ 8, inside the nonconvex region.");
        rb.note("Rounding allowance: slack = f(w_t) − (η/2)‖∇f(w_t)‖² − f(w_{t+1}) must be ≥ −" + Format.g(ROUNDING_REL)
                + "·(|f(w_t)| + (η/2)‖∇f‖² + |f(w_{t+1})|); a run stops when f − f* ≤ " + Format.g(FLOOR)
                + "·(f(w₀) − f*) (w − w* then at the rounding level).");
        rb.note("Footnote check at η = 1.5/L on the quadratic: f decreased at every step (" + foot.monotoneViolations()
                + " increases) while the (η/2)-form of the inequality failed in " + foot.violations()
                + " steps (worst relative slack " + Format.g(foot.worstRelativeSlack()) + "): the lemma's condition η ≤ 1/L matters for its constant.");
        rb.note("Edge: d = " + d + " quadratic with λ ∈ [0.1, 1] linear, w₀ random; " + edgeSteps + " steps; diverged = f ≥ "
                + Format.g(DIVERGED) + "·f(w₀), converged = f(w_T) ≤ " + Format.g(CONVERGED) + "·f(w₀). GD multiplies the top "
                + "eigencomponent by |1 − ηλ_max| = 1 ± 2δ per step.");
        String measurement = "(a) " + checked + " steps, " + runs.stream().mapToInt(LemmaRun::violations).sum()
                + " violations, worst relative slack " + Format.g(worst) + "; (b) edge bracket [" + Format.g(br[0]) + ", "
                + Format.g(br[1]) + "]·2/λ_max";
        return rb.build(v, "slack ≥ 0 at every step for η ≤ 1/L; threshold between converging and diverging η at exactly 2/λ_max",
                measurement, "HOLDS if no step of the η ≤ 1/L runs violates the inequality (rounding allowance "
                        + Format.g(ROUNDING_REL) + " relative) and every η = (1 − δ)·2/λ_max converges and every (1 + δ)·2/λ_max "
                        + "diverges; FAILS on any violation or wrong-side outcome; INCONCLUSIVE if an edge run is undecided.");
    }
}
