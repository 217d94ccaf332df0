package org.sgdlab.theory.maxmargin;

import java.util.List;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.probe.Angles;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * Source 001 experiment 1 as written: np.random.seed(42); 50 points N((2,2), I) labelled +1 and 50
 * points N((−2,−2), I) labelled −1; w0 = randn(2)·0.01; GD on the summed logistic loss with lr 0.1
 * for 5000 steps. The source says the angle to the SVM "ends near 0.001 rad".
 *
 * <p>Two things the source mixes up (docs/sources.md#misprints): its model has no intercept, but its
 * reference is sklearn's SVC with an intercept. The bias-free GD iterate converges to the
 * homogeneous SVM, so this check reports the angle to both and judges the theory against the
 * homogeneous one; the source's number is judged against the reference the source itself used.
 * The data are reproduced bit for bit with numpy's legacy MT19937 stream.
 */
final class SourceExperiment1Claim extends BaseClaim {
    static final double SOURCE_ANGLE = 0.001;
    static final long SOURCE_STEPS = 5000;

    SourceExperiment1Claim() {
        super("max-margin.seed-exp1", "source 001 exp. 1 as written: GD lr 0.1, 5000 steps, angle to the SVM ends near 0.001 rad",
                "source 001 §4.1 (experiment 1)");
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        Generators.SeedExperiment1 exp = Generators.seedExperiment1();
        MaxMarginProblem p = new MaxMarginProblem(exp.data());
        SvmSolution withIntercept = HardMarginSvm.solve(exp.data().x(), exp.data().y(), true);
        if (withIntercept.status() != OracleStatus.OPTIMAL) {
            throw new IllegalStateException("intercept SVM failed: " + withIntercept.message());
        }
        ResultBuilder rb = new ResultBuilder(this);
        EmpiricalRisk f = EmpiricalRisk.of(exp.data(), LogisticLoss.INSTANCE, Reduction.SUM);
        long steps = Math.max(SOURCE_STEPS, c.budget().pick(1_000_000L, 100_000_000L));
        MaxMarginRun run = MaxMarginRun.run("seed_exp1_gd", p, f, Optimizers.sgd(0.1), Samplers.fullBatch(100), exp.initialW(),
                steps, c.progress(), SOURCE_STEPS);
        double[] t = run.trace().column("step");
        double[] angle = run.trace().column("angle");
        // step 5000 is a probed step (the source's own horizon), so the angle is the one at exactly that step
        double angleHomAt5000 = MaxMarginRun.valueAt(t, angle, SOURCE_STEPS);
        // the iterate at step 5000 is not kept; rerun the 5000 steps to compare it with the intercept SVM (cheap)
        double[] w5000 = org.sgdlab.train.Trainer.builder(f, Optimizers.sgd(0.1)).build().run(exp.initialW(), SOURCE_STEPS).params();
        double[] wInterceptSvm = withIntercept.w();
        double angleSourceRef = Angles.between(w5000, wInterceptSvm);
        double angleHomSvmVsInterceptSvm = Angles.between(p.wHat(), wInterceptSvm);
        double wHatNorm = Kernels.norm2(p.wHat());
        rb.number("steps", steps).number("angle_to_homogeneous_svm_at_5000", angleHomAt5000)
                .number("angle_to_intercept_svm_at_5000", angleSourceRef)
                .number("intercept_svm_b", withIntercept.b())
                .number("angle_between_the_two_svms", angleHomSvmVsInterceptSvm)
                .number("final_angle_to_homogeneous_svm", run.finalAngle())
                .number("svm.norm_w_hat", wHatNorm).number("svm.kkt_residual", p.svm().kktResidual())
                .number("intercept_svm.kkt_residual", withIntercept.kktResidual())
                .number("angle_rate_vs_ln_t", run.angleRate()).number("angle_limit", run.angleLimit())
                .number("norm_growth_per_ln_t", run.normGrowth()).number("loss_rate", run.lossRate());
        Boolean held = sourceNumberHeld(angleSourceRef);
        rb.sourceStatement("after 5000 GD steps (lr 0.1) the angle to the SVM solution is only about 0.001 rad (0.057°)", held,
                "measured " + Format.g(angleSourceRef) + " rad to the source's own reference (sklearn-style SVM with intercept, b = "
                        + Format.g(withIntercept.b()) + ") and " + Format.g(angleHomAt5000)
                        + " rad to the homogeneous SVM that the bias-free iterate actually converges to; 'about 0.001' is read as "
                        + "within a factor 2 (0.0005–0.002 rad)");
        rb.note("Data reproduced bit for bit from numpy's legacy generator (seed 42); w0 = " + java.util.Arrays.toString(exp.initialW())
                + ". Misprint: the source's model has no intercept but its SVM reference has one; the two SVM directions differ by "
                + Format.g(angleHomSvmVsInterceptSvm) + " rad, so the bias-free GD direction cannot approach the intercept SVM's.");
        MaxMarginChecks.addTracesAndPlots(this, rb, List.of(run));
        Verdict v = MaxMarginVerdict.decide(List.of(run), wHatNorm);
        return rb.build(v, "the bias-free GD iterate converges in direction to the homogeneous SVM (angle ~ 1/ln t)",
                MaxMarginVerdict.measurement(List.of(run), wHatNorm), MaxMarginVerdict.rule());
    }

    /** The source's "about 0.001 rad", read as within a factor 2. */
    static Boolean sourceNumberHeld(double measured) {
        return measured >= SOURCE_ANGLE / 2 && measured <= SOURCE_ANGLE * 2;
    }

    /**
     * INCONCLUSIVE on both budgets: the source's lr 0.1 on its summed loss is above 2/β (max-margin.loss-table measures
     * 2/β ≈ 0.0095), the first step throws every margin past 12, and from there float64 moves w so little that the run is
     * not in the asymptotic regime the rule asks for (quick: d‖w‖/d ln t = 0.11 against ‖ŵ‖ = 0.99, loss ~ t^−0.19).
     */
    @Override
    public Verdict expectedVerdict(Budget budget) {
        return Verdict.INCONCLUSIVE;
    }
}
