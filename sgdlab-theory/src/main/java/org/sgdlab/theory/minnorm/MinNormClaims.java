package org.sgdlab.theory.minnorm;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.theory.Traces;
import org.sgdlab.train.ProgressListener;

/**
 * Section A of the catalog: GD, SGD and momentum methods on an over-parameterized least-squares
 * problem converge to the interpolant closest to their start, w₀ + X⁺(y − Xw₀) (seed 000;
 * 002 §3.1, Prop 8.1.1). Reason: every update is a combination of gradients Xᵀr ∈ row(X), so the
 * null-space component of w₀ never changes, and the only interpolant with that component is the oracle's.
 */
public final class MinNormClaims {
    private MinNormClaims() {
    }

    /** The three claims of this family. */
    public static List<Claim> all() {
        return List.of(new Gd(), new Sgd(), new MomentumClaim());
    }

    /** Problem size by budget: n × d with d = 5n. */
    static MinNormProblem problem(ClaimContext c) {
        return c.budget() == Budget.QUICK ? new MinNormProblem(40, 200, c.seed()) : new MinNormProblem(100, 1000, c.seed());
    }

    /** A progress listener for run k of {@code total} equal parts of one check. */
    static ProgressListener part(ClaimContext c, int k, int total) {
        return (done, all) -> c.progress().onProgress((long) k * all + done, (long) total * all);
    }

    static ClaimResult finish(Claim claim, ResultBuilder rb, List<MinNormRun> runs, String prediction) {
        List<org.sgdlab.probe.Trace> traces = new ArrayList<>();
        for (MinNormRun r : runs) {
            traces.add(r.trace());
            rb.number(r.name() + ".final_rel_dist", r.finalRelDist());
            rb.number(r.name() + ".max_null_drift", r.maxNullDrift());
        }
        rb.trace(Traces.mergeColumn("distance", traces, "rel_dist"));
        rb.trace(Traces.mergeColumn("null_drift", traces, "null_drift"));
        rb.plot(new PlotSpec("distance.png", claim.id() + ": ‖w_t − w*‖/‖w*‖, w* = w0 + X⁺(y − Xw0)", "distance", "step",
                traces.stream().map(org.sgdlab.probe.Trace::name).toList(), true, true, "step t", "relative distance"));
        rb.plot(new PlotSpec("null_drift.png", claim.id() + ": null-space drift ‖P_null(w_t − w0)‖/‖w*‖", "null_drift", "step",
                traces.stream().map(org.sgdlab.probe.Trace::name).toList(), true, true, "step t", "drift"));
        Verdict v = MinNormVerdict.decide(runs);
        return rb.build(v, prediction, MinNormVerdict.measurement(runs), MinNormVerdict.rule());
    }

    /** min-norm.gd */
    static final class Gd extends BaseClaim {
        Gd() {
            super("min-norm.gd", "GD on ½‖Xw−y‖² with d > n converges to w0 + X⁺(y − Xw0); from 0 to X⁺y",
                    "seed 000; 002 §3.1, Prop 8.1.1");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MinNormProblem p = problem(c);
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
                        part(c, k, 2)));
            }
            rb.note("Step size η = 1/σ_max(X)² = " + Format.g(eta) + " (the smoothness constant of ½‖Xw − y‖²).");
            return finish(this, rb, runs, "w_t → w0 + X⁺(y − Xw0) (X⁺y from w0 = 0); null(X) component of w_t constant");
        }
    }

    /** min-norm.sgd */
    static final class Sgd extends BaseClaim {
        Sgd() {
            super("min-norm.sgd", "minibatch SGD (with replacement and shuffled, any batch size, constant or decaying step) reaches the same point",
                    "seed 000; seed 003 (sampling with replacement); 002 §3.1");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MinNormProblem p = problem(c);
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
                    runs.add(MinNormRun.run(name, p, f, opt, sampler, w0, steps, part(c, k * seeds + s, total)));
                }
                k++;
            }
            rb.note("Objective (1/n)Σ½(⟨xᵢ,w⟩ − yᵢ)², η = 1/maxᵢ‖xᵢ‖² = " + Format.g(eta)
                    + "; even seeds start from a random w0, odd seeds from 0. Decaying schedules use τ = steps/10.");
            return finish(this, rb, runs, "every configuration converges to w0 + X⁺(y − Xw0); null(X) component constant");
        }
    }

    /** min-norm.momentum */
    static final class MomentumClaim extends BaseClaim {
        MomentumClaim() {
            super("min-norm.momentum", "heavy-ball and Nesterov momentum keep the iterates in w0 + row(X) and reach the same point",
                    "seed 000; 002 §2.3 (Nesterov in look-ahead form)");
        }

        @Override
        public ClaimResult check(ClaimContext c) {
            MinNormProblem p = problem(c);
            ResultBuilder rb = new ResultBuilder(this);
            EmpiricalRisk sum = EmpiricalRisk.of(p.data(), SquaredLoss.INSTANCE, Reduction.SUM);
            EmpiricalRisk mean = EmpiricalRisk.of(p.data(), SquaredLoss.INSTANCE, Reduction.MEAN);
            int n = p.data().n();
            double eta = 1.0 / p.smoothnessOfSum();
            double mu = 0.9;
            long steps = c.budget().pick(30000, 100000);
            rb.number("learning_rate", eta).number("momentum", mu).number("steps", steps);
            List<MinNormRun> runs = new ArrayList<>();
            double[] w0 = p.randomInit();
            runs.add(MinNormRun.run("heavy_ball", p, sum, Optimizers.momentum(Schedules.constant(eta), mu), Samplers.fullBatch(n),
                    w0, steps, part(c, 0, 4)));
            runs.add(MinNormRun.run("nesterov", p, sum, Optimizers.nesterov(Schedules.constant(eta), mu), Samplers.fullBatch(n),
                    w0, steps, part(c, 1, 4)));
            // stochastic momentum: smaller step so that the momentum-amplified noise stays stable (η_eff = η/(1−μ))
            double etaSgd = 0.1 / p.maxRowNormSquared();
            RandomStream rng = new RandomStream(c.seed()).split(7);
            runs.add(MinNormRun.run("sgd_heavy_ball_b4", p, mean, Optimizers.momentum(Schedules.constant(etaSgd), mu),
                    Samplers.withReplacement(n, 4, rng.split(1)), w0, steps, part(c, 2, 4)));
            runs.add(MinNormRun.run("sgd_nesterov_b4", p, mean, Optimizers.nesterov(Schedules.constant(etaSgd), mu),
                    Samplers.shuffledEpochs(n, 4, rng.split(2)), w0, steps, part(c, 3, 4)));
            rb.note("Full batch: η = 1/σ_max² = " + Format.g(eta) + ", μ = 0.9. Stochastic (mean loss, batch 4): η = 0.1/maxᵢ‖xᵢ‖².");
            return finish(this, rb, runs, "momentum iterates stay in w0 + row(X) and converge to w0 + X⁺(y − Xw0)");
        }
    }
}
