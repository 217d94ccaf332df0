package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.objective.Smoothness;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/** max-margin.sgd: single-sample SGD with a fixed step converges in direction to the max-margin SVM (Nacson et al. 2019). */
final class SgdDirectionClaim extends BaseClaim {
    SgdDirectionClaim() {
        super("max-margin.sgd", "SGD with a fixed step on separable data converges in direction to the max-margin SVM",
                "source 001 §2; Nacson, Srebro, Soudry 2019 (SGD on separable data, fixed step)");
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        MaxMarginProblem p = MaxMarginChecks.problem(c);
        ResultBuilder rb = new ResultBuilder(this);
        // quick: 5·10⁵ steps (2·10⁶ before), measured at seed 1 (seeds 1, 2 alike): angle 0.144 → 0.0838 over [T/100, T]
        // (0.120 → 0.0729), limit C = −0.028 (−0.029) ≤ angle(T)/2, d‖w‖/d ln t = 2.09 (2.18) within 25 % of ‖ŵ‖ = 2.33,
        // loss ~ t^−0.949 (t^−0.968): the same verdict, each condition with its slack
        long steps = c.budget().pick(500_000L, 100_000_000L);
        int seeds = c.budget().pick(3, 5);
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN);
        // a single-sample step is φ''·‖xᵢ‖²-smooth with φ'' ≤ 1/4: η = 4/maxᵢ‖xᵢ‖² is below 2/β for every sample
        double eta = 1.0 / Smoothness.stochasticSmoothness(p.data(), LogisticLoss.INSTANCE, Reduction.MEAN, false);
        rb.number("steps", steps).number("learning_rate", eta).number("batch", 1);
        List<MaxMarginRun> runs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            RandomStream rng = new RandomStream(c.seed()).split(500 + s);
            runs.add(MaxMarginRun.run("sgd_seed" + s, p, f, Optimizers.sgd(eta),
                    Samplers.withReplacement(p.data().n(), 1, rng), new double[p.data().d()], steps, c.part(s, seeds).progress()));
        }
        rb.note("Single-sample SGD with replacement, mean logistic loss, fixed η = 1/(maxᵢ‖xᵢ‖²/4) = " + Format.g(eta) + ".");
        return MaxMarginChecks.finish(this, rb, p, runs, "for every seed: w_t/‖w_t‖ → ŵ/‖ŵ‖ with angle ~ 1/ln t; loss ~ 1/t");
    }
}
