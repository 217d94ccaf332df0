package org.sgdlab.theory.maxmargin;

import java.util.Arrays;
import java.util.List;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Transform;
import org.sgdlab.probe.Angles;
import org.sgdlab.probe.Probe;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.sample.Sampler;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.SamePointGradient;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * One run toward the max-margin direction and the quantities Soudry et al. (2018) predict for it:
 * with w(t) = ŵ ln t + ρ(t), ρ bounded, (i) the angle to ŵ shrinks like 1/ln t, (ii) ‖w_t‖ grows by
 * ‖ŵ‖ per unit of ln t, (iii) the loss falls like 1/t, (iv) the normalized margin gap shrinks like 1/ln t.
 * Fits use the last two decades of probes, t ∈ [T/100, T].
 *
 * @param name            run label (trace name)
 * @param trace           probes: angle, norm, norm_over_ln_t, loss (log-domain), loss_times_t, margin_gap, sv_share
 * @param finalAngle      angle(T) in radians
 * @param angleTwoDecadesBefore angle(T/100), T/100 by integer division (a probed step)
 * @param angleRate       slope of log angle against log ln t (theory: −1)
 * @param angleLimit      intercept C of the fit angle ≈ C + A/ln t: the angle extrapolated to t = ∞ (theory: 0)
 * @param normGrowth      d‖w‖/d ln t fitted over the window (theory: ‖ŵ‖)
 * @param lossRate        slope of log loss against log t (theory: −1)
 * @param marginGapRate   slope of log margin gap against log ln t (theory: −1)
 * @param finalParams     w_T
 */
public record MaxMarginRun(String name, Trace trace, double finalAngle, double angleTwoDecadesBefore, double angleRate,
                    double angleLimit, double normGrowth, double lossRate, double marginGapRate, double[] finalParams) {

    static MaxMarginRun run(String name, MaxMarginProblem p, EmpiricalRisk f, Transform optimizer, Sampler sampler,
                            double[] w0, long steps, ProgressListener progress, long... labelled) {
        return runAgainst(name, p, f, optimizer, sampler, w0, p.wHat(), steps, progress, labelled);
    }

    /** As {@link #run}, with angles and margins measured against {@code wHat} (tests plant wrong predictions here). */
    static MaxMarginRun runAgainst(String name, MaxMarginProblem p, EmpiricalRisk f, Transform optimizer, Sampler sampler,
                                   double[] w0, double[] wHat, long steps, ProgressListener progress, long... labelled) {
        // a hinge-type loss's GD stops moving (∇L = 0 exactly, or updates under half an ulp): its gradient is remembered
        boolean remember = f.loss() instanceof MarginLoss m && !m.exponentialTail();
        return runAgainst(name, p, f, optimizer, sampler, w0, wHat, steps, progress, remember, labelled);
    }

    /**
     * As {@link #run}, with the gradient remembered ({@link SamePointGradient}) whatever the loss: for runs that can freeze
     * in float64 with an exponentially tailed loss too. A step whose every update is below half an ulp of w leaves w's
     * bits unchanged, so the next gradient is asked at the same bits (and so are all later ones: the constant step maps
     * the same gradient to the same no-op); the remembered copy has the recomputation's bits, the run is unchanged.
     * max-margin.lr-robustness's lr 1 and 10 freeze after their first jump and took half of its 1.2·10⁶ gradients.
     */
    static MaxMarginRun runRemembering(String name, MaxMarginProblem p, EmpiricalRisk f, Transform optimizer, Sampler sampler,
                                       double[] w0, long steps, ProgressListener progress, long... labelled) {
        return runAgainst(name, p, f, optimizer, sampler, w0, p.wHat(), steps, progress, true, labelled);
    }

    private static MaxMarginRun runAgainst(String name, MaxMarginProblem p, EmpiricalRisk f, Transform optimizer,
                                           Sampler sampler, double[] w0, double[] wHat, long steps, ProgressListener progress,
                                           boolean remember, long... labelled) {
        boolean[] sv = p.supportMask();
        double[] weights = new double[f.sampleCount()];
        List<Probe> probes = new java.util.ArrayList<>(directionProbes(f, wHat));
        probes.addAll(List.of(
                Probe.of("sv_share", (t, w, o) -> {
                    f.normalizedSampleWeights(w, weights);
                    double s = 0;
                    for (int i = 0; i < weights.length; i++) {
                        s += sv[i] ? weights[i] : 0;
                    }
                    return s;
                }),
                Probe.of("non_sv_share", (t, w, o) -> {
                    f.normalizedSampleWeights(w, weights);
                    double s = 0;
                    for (int i = 0; i < weights.length; i++) {
                        s += sv[i] ? 0 : weights[i];
                    }
                    return s;
                })));
        Objective stepped = remember ? new SamePointGradient(f) : f;
        TrainResult r = Trainer.builder(stepped, optimizer).sampler(sampler).probes(probes)
                .probeSchedule(schedule(steps, labelled)).progress(progress).traceName(name).build().run(w0, steps);
        return fromTrace(name, r.trace(), steps, r.params());
    }

    /**
     * The probes the direction rule reads ({@link #fromTrace}), measured against {@code wHat} (not modified): angle to ŵ,
     * ‖w‖, ‖w‖/ln t, the loss (from its logarithm, so that it does not underflow), loss·t and the normalized margin gap
     * (γ − minᵢ yᵢ⟨w, xᵢ⟩/‖w‖)/γ with γ = 1/‖ŵ‖.
     */
    public static List<Probe> directionProbes(EmpiricalRisk f, double[] wHat) {
        double gammaSvm = 1.0 / Kernels.norm2(wHat);
        return List.of(
                Probe.of("angle", (t, w, o) -> Angles.between(w, wHat)),
                Probe.of("norm", (t, w, o) -> Kernels.norm2(w)),
                Probe.of("norm_over_ln_t", (t, w, o) -> t >= 2 ? Kernels.norm2(w) / Math.log(t) : Double.NaN),
                Probe.of("loss", (t, w, o) -> Math.exp(f.logValue(w))),
                Probe.of("loss_times_t", (t, w, o) -> Math.exp(f.logValue(w) + Math.log(Math.max(t, 1)))),
                Probe.of("margin_gap", (t, w, o) -> (gammaSvm - f.minMargin(w) / Kernels.norm2(w)) / gammaSvm));
    }

    /**
     * The rates and limits fitted over [T/100, T] from a trace with the columns step, angle, norm, loss and margin_gap
     * (any parameterization: the multiclass claim measures them in ℝ^{K×d}).
     */
    public static MaxMarginRun fromTrace(String name, Trace tr, long steps, double[] finalParams) {
        double[] t = tr.column("step");
        double lo = steps / 100.0;
        double[] angle = tr.column("angle");
        double[] lnT = new double[t.length];
        double[] invLnT = new double[t.length];
        double[] norm = tr.column("norm");
        double[] lnTWindow = new double[t.length];
        double[] normWindow = new double[t.length];
        double[] angleWindow = new double[t.length];
        double[] gapLnT = new double[t.length];
        double[] gap = tr.column("margin_gap");
        for (int i = 0; i < t.length; i++) {
            boolean in = t[i] >= lo && t[i] >= 2;
            lnT[i] = t[i] >= 2 ? Math.log(t[i]) : Double.NaN;
            invLnT[i] = in ? 1.0 / lnT[i] : Double.NaN;
            lnTWindow[i] = in ? lnT[i] : Double.NaN;
            normWindow[i] = in ? norm[i] : Double.NaN;
            angleWindow[i] = in ? angle[i] : Double.NaN;
            gapLnT[i] = in ? lnT[i] : Double.NaN;
        }
        Fit angleFit = Fit.logLog(lnT, angle, Math.log(Math.max(lo, 2)), Math.log(steps));
        Fit limitFit = Fit.line(invLnT, angleWindow);
        Fit normFit = Fit.line(lnTWindow, normWindow);
        Fit lossFit = Fit.logLog(t, tr.column("loss"), lo, steps);
        Fit gapFit = Fit.logLog(gapLnT, gap, Math.log(Math.max(lo, 2)), Math.log(steps));
        double before = valueAt(t, angle, steps / 100);
        return new MaxMarginRun(name, tr, angle[angle.length - 1], before, angleFit.slope(), limitFit.intercept(),
                normFit.slope(), lossFit.slope(), gapFit.slope(), finalParams);
    }

    /**
     * The max-margin claims' probe steps: 10 per decade in [0, T], plus T/100 and T/10 (integer division: the steps
     * their numbers "at T/100" and "at T/10" are labelled with) and any further {@code labelled} steps.
     */
    public static ProbeSchedule schedule(long steps, long... labelled) {
        return ProbeSchedule.logSpaced(steps, 10).with(steps / 100, steps / 10).with(labelled);
    }

    /**
     * The probe value at exactly {@code step}: a number labelled with a step is measured there, never at the nearest
     * probe.
     *
     * @throws IllegalArgumentException if {@code step} is not among {@code steps} (add it to the schedule)
     */
    static double valueAt(double[] steps, double[] values, long step) {
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == step) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("step " + step + " was not probed; add it to the probe schedule");
    }

    @Override
    public String toString() {
        return name + "[angle " + finalAngle + ", params " + Arrays.toString(finalParams) + "]";
    }
}
