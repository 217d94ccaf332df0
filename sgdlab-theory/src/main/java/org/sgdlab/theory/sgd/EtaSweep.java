package org.sgdlab.theory.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * The η-sweep shared by the two bound claims of source 003, {@link NoiseFloorClaim} (§5.3) and
 * {@link StronglyConvexClaim} (§6.2): single-sample SGD with α = η/L for each η in {@link #ETAS}, many seeded runs per
 * η, the theorem's bound checked at every probed k, and its noise floor measured (mean over k ∈ [K/2, K)) and fitted
 * against η (predicted exponent 1). The claims differ in what they track (‖∇f‖² or f − f*) and in their bound; this
 * class holds the rest: the step sizes, the start's budget, the sweep itself, the floor fit, the floor's persistence
 * and the verdict that combines them.
 */
final class EtaSweep {
    /** The step multipliers η (α = η/L). */
    static final double[] ETAS = {0.0125, 0.025, 0.05, 0.1};
    /** f(x₀) − f* of the start. */
    static final double START_GAP = 10.0;
    /** The start may have at most (1 + this)·S(x*) single-sample variance (see SgdProblem#startWithVarianceBudget). */
    static final double START_VARIANCE_EXCESS = 1.0;
    /** The floor has "not vanished" when the mean over [3K/4, K) is ≥ this × the mean over [K/2, 3K/4). */
    static final double PERSIST_RATIO = 0.5;

    private EtaSweep() {
    }

    /** What every η's measurement has, whatever the claim tracks. */
    interface Point {
        /** The step multiplier η. */
        double eta();

        /** The probed steps k. */
        long[] ks();

        /** The measured floor: the mean of the tracked quantity over k ∈ [K/2, K). */
        double floor();

        /** The floor's standard error. */
        double floorSe();

        /** The mean over [K/2, 3K/4). */
        double q3();

        /** The mean over [3K/4, K). */
        double q4();

        /** M: the largest exact Var(G|X_k) over every visited iterate. */
        double m();

        /** The looser region bound on Var(G|X) over the ball holding every iterate. */
        double mBall();
    }

    /** One step size's Monte-Carlo measurement, from its own random stream. */
    @FunctionalInterface
    interface Measurement<T> {
        T measure(double eta, RandomStream stream, ProgressListener progress);
    }

    /**
     * Measures every step size in {@code etas} in order, η number e with stream {@code master.split(e)} and the e-th of
     * {@code etas.length} equal parts of {@code c}'s progress.
     */
    static <T> List<T> run(double[] etas, RandomStream master, ClaimContext c, Measurement<T> measurement) {
        List<T> out = new ArrayList<>();
        for (int e = 0; e < etas.length; e++) {
            out.add(measurement.measure(etas[e], master.split(e), c.part(e, etas.length).progress()::onProgress));
        }
        return out;
    }

    /** log(floor) against log(η) over the runs: the floor's exponent in η. */
    static Fit floorFit(List<? extends Point> runs) {
        return Fit.logLog(runs.stream().mapToDouble(Point::eta).toArray(), runs.stream().mapToDouble(Point::floor).toArray(),
                0, Double.POSITIVE_INFINITY);
    }

    /** The floor has not vanished: the late mean is at least {@link #PERSIST_RATIO} times the mid mean. */
    static boolean persists(Point p) {
        return p.q4() >= PERSIST_RATIO * p.q3();
    }

    /**
     * The whole claim: for every η the bound's verdict ({@code bound}) and the floor's persistence (else INCONCLUSIVE),
     * then the floor's exponent against η ({@link BoundVerdict#exponent}); combined by {@link BoundVerdict#combine}.
     */
    static <P extends Point> Verdict decide(List<P> runs, Function<P, Verdict> bound, double predictedExponent) {
        List<Verdict> parts = new ArrayList<>();
        for (P p : runs) {
            parts.add(bound.apply(p));
            parts.add(persists(p) ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        }
        parts.add(BoundVerdict.exponent(floorFit(runs).slope(), predictedExponent));
        return BoundVerdict.combine(parts.toArray(new Verdict[0]));
    }

    /** The trace of the floor against η: columns eta, floor, floor_se and the claim's predicted floor column. */
    static Trace floorTrace(String predictedColumn) {
        return new Trace("floor_vs_eta", List.of("eta", "floor", "floor_se", predictedColumn));
    }

    /** Adds η number {@code e}'s row to {@link #floorTrace}. */
    static void addFloorRow(Trace floorTrace, int e, Point p, double predictedFloor) {
        floorTrace.add(new double[] {e, p.eta(), p.floor(), p.floorSe(), predictedFloor});
    }

    /** Records the numbers every η has first: {@code <tag>.M_visited}, M_ball_bound, ball_bound_verdict_holds, floor, floor_se. */
    static void numbersBefore(ResultBuilder rb, String tag, Point p, Verdict ballBound) {
        rb.number(tag + ".M_visited", p.m()).number(tag + ".M_ball_bound", p.mBall())
                .number(tag + ".ball_bound_verdict_holds", ballBound == Verdict.HOLDS ? 1 : 0).number(tag + ".floor", p.floor())
                .number(tag + ".floor_se", p.floorSe());
    }

    /** Records the numbers every η has last: {@code <tag>.bound_verdict_holds} and late_over_mid. */
    static void numbersAfter(ResultBuilder rb, String tag, Point p, Verdict bound) {
        rb.number(tag + ".bound_verdict_holds", bound == Verdict.HOLDS ? 1 : 0).number(tag + ".late_over_mid", p.q4() / p.q3());
    }

    /** The note on the floor's exponent and on M, the same for both claims. */
    static String floorNote() {
        return "The floor is proportional to η only to leading order: for constant-step SGD on a quadratic the stationary "
                + "second moment of X_k − x* is α·(noise)/(2γ-like curvature) times 1 + O(α), so over η up to 0.1 the fitted exponent "
                + "comes out slightly above 1; the rule allows |s − 1| ≤ " + Format.g(BoundVerdict.EXPONENT_TOLERANCE) + ". M is a "
                + "maximum over the sampled iterates, so it grows slowly with the number of runs (the tails of X_k are visited more).";
    }
}
