package org.sgdlab.theory.minnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ReachesRule;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;

/**
 * The rule shared by the min-norm claims (docs/sources.md#min-norm): relative distance to the oracle ≤ 1e-8
 * at the end of every run, and the null-space component of w_t equal to that of w₀ at every probed
 * step (drift ≤ 1e-12 relative to ‖w_oracle‖).
 */
public final class MinNormVerdict {
    /** The distance the runs must reach. */
    public static final double DISTANCE_TOLERANCE = 1e-8;
    /** The null-space drift allowed (rounding level). */
    public static final double DRIFT_TOLERANCE = 1e-12;

    private MinNormVerdict() {
    }

    /** The rule as text. */
    public static String rule() {
        return "HOLDS if every run ends within relative distance " + Format.g(DISTANCE_TOLERANCE)
                + " of w0 + X⁺(y − Xw0) and its null-space component never drifts by more than "
                + Format.g(DRIFT_TOLERANCE) + " (relative); FAILS on any drift above that, or when a run stalls above the "
                + "distance tolerance (distance at T not below half the distance at T/2); INCONCLUSIVE when a run is still "
                + "converging at the end of the budget.";
    }

    /**
     * Decides from the runs' measurements: FAILS on any null-space drift above {@link #DRIFT_TOLERANCE}, else each run's
     * distance by {@link ReachesRule} with tolerance {@link #DISTANCE_TOLERANCE}, combined by {@link ReachesRule#combine}.
     */
    public static Verdict decide(List<MinNormRun> runs) {
        List<Verdict> distances = new ArrayList<>();
        for (MinNormRun r : runs) {
            if (!(r.maxNullDrift() <= DRIFT_TOLERANCE)) {
                return Verdict.FAILS;
            }
            distances.add(ReachesRule.decide(r.finalRelDist(), r.midRelDist(), DISTANCE_TOLERANCE));
        }
        return ReachesRule.combine(distances);
    }

    /** "worst final distance …, max drift … over k runs". */
    public static String measurement(List<MinNormRun> runs) {
        double worst = 0;
        double drift = 0;
        String worstName = "";
        for (MinNormRun r : runs) {
            if (r.finalRelDist() >= worst) {
                worst = r.finalRelDist();
                worstName = r.name();
            }
            drift = Math.max(drift, r.maxNullDrift());
        }
        return runs.size() + " runs: worst final relative distance to the oracle " + Format.g(worst) + " (" + worstName
                + "); largest null-space drift " + Format.g(drift);
    }

    /** Records each run's distance and drift, the merged traces and their plots; decides the verdict. */
    static ClaimResult finish(Claim claim, ResultBuilder rb, List<MinNormRun> runs, String prediction) {
        List<Trace> traces = new ArrayList<>();
        for (MinNormRun r : runs) {
            traces.add(r.trace());
            rb.number(r.name() + ".final_rel_dist", r.finalRelDist());
            rb.number(r.name() + ".max_null_drift", r.maxNullDrift());
        }
        rb.trace(Traces.mergeColumn("distance", traces, "rel_dist"));
        rb.trace(Traces.mergeColumn("null_drift", traces, "null_drift"));
        rb.plot(PlotSpec.logLog("distance.png").title(claim.id() + ": ‖w_t − w*‖/‖w*‖, w* = w0 + X⁺(y − Xw0)")
                .trace("distance").x("step", "step t").y(traces.stream().map(Trace::name).toList(), "relative distance")
                .build());
        rb.plot(PlotSpec.logLog("null_drift.png").title(claim.id() + ": null-space drift ‖P_null(w_t − w0)‖/‖w*‖")
                .trace("null_drift").x("step", "step t").y(traces.stream().map(Trace::name).toList(), "drift").build());
        Verdict v = MinNormVerdict.decide(runs);
        return rb.build(v, prediction, MinNormVerdict.measurement(runs), MinNormVerdict.rule());
    }
}
