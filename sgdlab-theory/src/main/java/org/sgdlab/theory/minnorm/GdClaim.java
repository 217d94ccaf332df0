package org.sgdlab.theory.minnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/** min-norm.gd: full-batch GD from 0 and from a random w0 reaches w0 + X⁺(y − Xw0). */
final class GdClaim extends BaseClaim {
    GdClaim() {
        super("min-norm.gd", "GD on ½‖Xw−y‖² with d > n converges to w0 + X⁺(y − Xw0); from 0 to X⁺y",
                "source 000; 002 §3.1, Prop 8.1.1");
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        MinNormProblem p = MinNormProblem.forBudget(c);
        ResultBuilder rb = new ResultBuilder(this);
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), SquaredLoss.INSTANCE, Reduction.SUM);
        double eta = 1.0 / p.smoothnessOfSum();
        long steps = c.budget().pick(4000, 20000);
        rb.number("n", p.data().n()).number("d", p.data().d()).number("learning_rate", eta).number("steps", steps);
        List<MinNormRun> runs = new ArrayList<>();
        double[][] inits = {new double[p.data().d()], p.randomInit()};
        String[] names = {"gd_from_0", "gd_from_w0"};
        for (int k = 0; k < 2; k++) {
            runs.add(MinNormRun.run(names[k], p, f, Optimizers.sgd(eta), Samplers.fullBatch(p.data().n()), inits[k], steps,
                    c.part(k, 2).progress()));
        }
        rb.note("Step size η = 1/σ_max(X)² = " + Format.g(eta) + " (the smoothness constant of ½‖Xw − y‖²).");
        return MinNormVerdict.finish(this, rb, runs, "w_t → w0 + X⁺(y − Xw0) (X⁺y from w0 = 0); null(X) component of w_t constant");
    }
}
