package org.sgdlab.theory.minnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/** min-norm.sgd: minibatch SGD, with replacement and shuffled, several batch sizes and schedules, reaches w0 + X⁺(y − Xw0). */
final class SgdClaim extends BaseClaim {
    SgdClaim() {
        super("min-norm.sgd", "minibatch SGD (with replacement and shuffled, any batch size, constant or decaying step) reaches the same point",
                "source 000; source 003 (sampling with replacement); 002 §3.1");
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        MinNormProblem p = MinNormProblem.forBudget(c);
        ResultBuilder rb = new ResultBuilder(this);
        EmpiricalRisk f = EmpiricalRisk.of(p.data(), SquaredLoss.INSTANCE, Reduction.MEAN);
        int n = p.data().n();
        // SGD on f = (1/n)Σ½(⟨xᵢ,w⟩ − yᵢ)²: each term is ‖xᵢ‖²-smooth, η = 1/maxᵢ‖xᵢ‖² is stable for every batch size.
        double eta = 1.0 / p.maxRowNormSquared();
        long steps = c.budget().pick(30000, 60000);
        int seeds = c.budget().pick(2, 4);
        int[] batches = c.budget() == Budget.QUICK ? new int[] {1, 8} : new int[] {1, 8, n / 2};
        rb.number("n", n).number("d", p.data().d()).number("learning_rate", eta).number("steps", steps);
        List<String> configs = new ArrayList<>();
        for (String sampler : List.of("with-replacement", "shuffled")) {
            for (int b : batches) {
                configs.add(sampler + ":" + b + ":constant");
            }
        }
        configs.add("with-replacement:1:inverse-sqrt");
        configs.add("shuffled:8:inverse-time");
        List<MinNormRun> runs = new ArrayList<>();
        int total = configs.size() * seeds;
        int k = 0;
        for (String cfg : configs) {
            String[] parts = cfg.split(":");
            int b = Integer.parseInt(parts[1]);
            for (int s = 0; s < seeds; s++) {
                RandomStream rng = new RandomStream(c.seed()).split(1000L * k + s);
                Sampler sampler = Samplers.byName(parts[0], n, b, rng);
                // decaying schedules keep Σηₜ = ∞; τ sets how soon they start decaying
                Transform opt = Optimizers.sgd(Schedules.byName(parts[2], eta, steps / 10.0));
                String name = parts[0] + "_b" + b + "_" + parts[2] + "_seed" + s;
                double[] w0 = s % 2 == 0 ? p.randomInit() : new double[p.data().d()];
                runs.add(MinNormRun.run(name, p, f, opt, sampler, w0, steps, c.part(k * seeds + s, total).progress()));
            }
            k++;
        }
        rb.note("Objective (1/n)Σ½(⟨xᵢ,w⟩ − yᵢ)², η = 1/maxᵢ‖xᵢ‖² = " + Format.g(eta)
                + "; even seeds start from a random w0, odd seeds from 0. Decaying schedules use τ = steps/10.");
        return MinNormVerdict.finish(this, rb, runs, "every configuration converges to w0 + X⁺(y − Xw0); null(X) component constant");
    }
}
