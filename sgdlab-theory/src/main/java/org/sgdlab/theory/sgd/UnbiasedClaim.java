package org.sgdlab.theory.sgd;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.finitesum.FiniteSum;
import org.sgdlab.finitesum.MonteCarlo;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.finitesum.Normal;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * sgd.unbiased (source 003 §2.1 and §5.1): the minibatch gradient G = (1/p)Σ∇f_{jℓ} is unbiased, with
 * variance S(x)/p for i.i.d. indices and (m − p)/((m − 1)p)·S(x) for a shuffled batch (one batch of a
 * random permutation), S(x) = (1/m)Σ‖∇fⱼ(x) − ∇f(x)‖² (derivation in {@link FiniteSum}).
 *
 * <p>At a fixed point x (not a minimizer) of a least-squares and a logistic finite sum, each of R
 * replicates draws one batch per configuration (sampler × p) from a fresh sampler on its own stream
 * and records G − ∇f(x) and ‖G − ∇f(x)‖². The estimates are compared with 0 (each coordinate of the
 * mean) and with the exact variance.
 */
final class UnbiasedClaim extends BaseClaim {
    static final String[] SAMPLERS = {"with-replacement", "shuffled"};

    UnbiasedClaim() {
        super("sgd.unbiased", "the minibatch gradient is unbiased; its variance is (1/p)·(1/m)Σ‖∇f_j − ∇f‖² with replacement "
                + "and (m − p)/((m − 1)p)·(1/m)Σ‖∇f_j − ∇f‖² for shuffled batches", "source 003 §2.1, §5.1");
    }

    /** One configuration's measurement. */
    record Config(String name, int batch, boolean shuffled, double[] biasMean, double[] biasSe, double varMean, double varSe,
                  double exactVariance, double withReplacementFormula) {
        /** |varMean − v|/varSe. */
        double zOf(double v) {
            return Math.abs(varMean - v) / varSe;
        }
    }

    /** The decision: every bias coordinate's interval contains 0 and every variance interval contains the exact value. */
    static Verdict decide(List<Config> configs, double z) {
        boolean allIn = true;
        for (Config c : configs) {
            for (int i = 0; i < c.biasMean().length; i++) {
                double dev = Math.abs(c.biasMean()[i]) / c.biasSe()[i];
                if (!(dev <= BoundVerdict.FAIL_Z)) {
                    return Verdict.FAILS;
                }
                allIn &= dev <= z;
            }
            double dv = c.zOf(c.exactVariance());
            if (!(dv <= BoundVerdict.FAIL_Z)) {
                return Verdict.FAILS;
            }
            allIn &= dv <= z;
        }
        return allIn ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** The number of intervals of a check: d bias coordinates and one variance per configuration. */
    static int comparisons(List<Config> configs) {
        int n = 0;
        for (Config c : configs) {
            n += c.biasMean().length + 1;
        }
        return n;
    }

    /** Measures every configuration on {@code f} at {@code x} with R replicates. */
    static List<Config> measure(String label, FiniteSum f, double[] x, int[] batches, int runs, RandomStream master,
                                ProgressListener progress) {
        int d = f.dimension();
        int m = f.terms();
        double[] g = new double[d];
        f.risk().gradient(x, g);
        int nc = SAMPLERS.length * batches.length;
        int per = d + 1;
        Dataset data = f.data();
        MonteCarlo.Estimates e = MonteCarlo.estimate(runs, master, Runtime.getRuntime().availableProcessors(), (r, s) -> {
            EmpiricalRisk risk = new EmpiricalRisk(data, f.risk().model(), f.risk().loss(), f.risk().reduction());
            double[] out = new double[nc * per];
            double[] gb = new double[d];
            int c = 0;
            for (int si = 0; si < SAMPLERS.length; si++) {
                for (int p : batches) {
                    Sampler sampler = Samplers.byName(SAMPLERS[si], m, p, s.split(c));
                    int[] b = new int[p];
                    int count = sampler.nextBatch(b);
                    risk.minibatchGradient(x, b, count, gb);
                    double v = 0;
                    for (int i = 0; i < d; i++) {
                        double dev = gb[i] - g[i];
                        out[c * per + i] = dev;
                        v += dev * dev;
                    }
                    out[c * per + d] = v;
                    c++;
                }
            }
            return out;
        }, progress);
        List<Config> configs = new ArrayList<>();
        double spread = f.spread(x);
        int c = 0;
        for (String sn : SAMPLERS) {
            for (int p : batches) {
                double[] bm = new double[d];
                double[] bs = new double[d];
                for (int i = 0; i < d; i++) {
                    bm[i] = e.mean()[c * per + i];
                    bs[i] = e.stdErr()[c * per + i];
                }
                boolean sh = sn.equals("shuffled");
                double exact = sh ? f.varianceWithoutReplacement(x, p) : f.varianceWithReplacement(x, p);
                configs.add(new Config(label + "_" + sn + "_b" + p, p, sh, bm, bs, e.mean()[c * per + d], e.stdErr()[c * per + d],
                        exact, spread / p));
                c++;
            }
        }
        return configs;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        int m = 24;
        int d = 4;
        int[] batches = {1, 4, 12};
        int runs = c.budget().pick(40_000, 400_000);
        FiniteSum ls = SgdProblem.leastSquares(SgdProblem.regression(m, d, 0.5, c.seed()));
        FiniteSum lg = SgdProblem.sum(SgdProblem.classification(m, d, c.seed()), LogisticLoss.INSTANCE);
        double[] x = new RandomStream(c.seed()).split(5).gaussians(new double[d]);
        RandomStream master = new RandomStream(c.seed()).split(6);
        List<Config> configs = new ArrayList<>();
        configs.addAll(measure("least_squares", ls, x, batches, runs, master.split(0),
                c.part(0, 2).progress()::onProgress));
        configs.addAll(measure("logistic", lg, x, batches, runs, master.split(1),
                c.part(1, 2).progress()::onProgress));
        int k = comparisons(configs);
        double z = Normal.bonferroniZ(BoundVerdict.FAMILY_ALPHA, k);
        Verdict v = decide(configs, z);
        rb.number("m", m).number("d", d).number("replicates", runs).number("z", z).number("intervals", k);
        Trace t = new Trace("variance_by_batch", List.of("batch", "ls_wr_mc", "ls_wr_exact", "ls_sh_mc", "ls_sh_exact",
                "ls_sh_if_iid", "lg_wr_mc", "lg_wr_exact", "lg_sh_mc", "lg_sh_exact"));
        int nb = batches.length;
        for (int bi = 0; bi < nb; bi++) {
            Config lwr = configs.get(bi);
            Config lsh = configs.get(nb + bi);
            Config gwr = configs.get(2 * nb + bi);
            Config gsh = configs.get(3 * nb + bi);
            t.add(new double[] {bi, batches[bi], lwr.varMean(), lwr.exactVariance(), lsh.varMean(), lsh.exactVariance(),
                lsh.withReplacementFormula(), gwr.varMean(), gwr.exactVariance(), gsh.varMean(), gsh.exactVariance()});
        }
        rb.trace(t);
        rb.plot(PlotSpec.logLog("variance.png").title("sgd.unbiased: E‖G − ∇f‖² by batch size, Monte Carlo vs exact")
                .trace("variance_by_batch").x("batch", "batch size p")
                .y(List.of("ls_wr_mc", "ls_wr_exact", "ls_sh_mc", "ls_sh_exact", "ls_sh_if_iid", "lg_wr_mc", "lg_wr_exact", "lg_sh_mc", "lg_sh_exact"), "variance")
                .build());
        Trace zt = new Trace("z_scores", List.of("config", "max_bias_z", "variance_z", "z_threshold"));
        double worstBias = 0;
        double worstVar = 0;
        double wrongShuffledZ = 0;
        for (int i = 0; i < configs.size(); i++) {
            Config cf = configs.get(i);
            double mb = 0;
            for (int j = 0; j < d; j++) {
                mb = Math.max(mb, Math.abs(cf.biasMean()[j]) / cf.biasSe()[j]);
            }
            worstBias = Math.max(worstBias, mb);
            worstVar = Math.max(worstVar, cf.zOf(cf.exactVariance()));
            zt.add(new double[] {i, i, mb, cf.zOf(cf.exactVariance()), z});
            rb.number(cf.name() + ".variance_mc", cf.varMean()).number(cf.name() + ".variance_mc_se", cf.varSe())
                    .number(cf.name() + ".variance_exact", cf.exactVariance()).number(cf.name() + ".max_bias_z", mb);
            if (cf.shuffled() && cf.batch() > 1) {
                double wz = cf.zOf(cf.withReplacementFormula());
                rb.number(cf.name() + ".z_against_iid_formula", wz);
                wrongShuffledZ = Math.max(wrongShuffledZ, wz);
            }
        }
        rb.trace(zt);
        rb.plot(PlotSpec.linear("z_scores.png").title("sgd.unbiased: |estimate − exact|/se per configuration (threshold z)")
                .trace("z_scores").x("config", "configuration")
                .y(List.of("max_bias_z", "variance_z", "z_threshold"), "standard errors").build());
        rb.number("worst_bias_z", worstBias).number("worst_variance_z", worstVar).number("shuffled_vs_iid_formula_max_z", wrongShuffledZ);
        rb.note("Point x ~ N(0, I) (not a minimizer); least squares f_j = ½(a_jᵀx − y_j)² and logistic f_j = log(1 + e^{−y_j a_jᵀx}) "
                + "on m = " + m + ", d = " + d + ". Each replicate draws one batch per configuration from a fresh sampler "
                + "(seed.split(r).split(config)), so replicates are independent; shuffled = the first batch of a random "
                + "permutation, i.e. a uniformly random p-subset.");
        rb.note("The i.i.d. formula S/p applied to shuffled batches is off by the factor (m − p)/(m − 1): the largest z-score "
                + "of the shuffled estimates against it is " + Format.g(wrongShuffledZ) + " (the finite-population factor is "
                + "detected).");
        rb.note("Derivation (FiniteSum): with d_j = ∇f_j(x) − ∇f(x), Σd_j = 0 and S = (1/m)Σ‖d_j‖², i.i.d. indices give "
                + "E‖G − ∇f‖² = S/p; a uniform p-subset has P(j ∈ B) = p/m and P(j, k ∈ B) = p(p − 1)/(m(m − 1)), and Σ_{j≠k}⟨d_j, d_k⟩ = "
                + "−Σ‖d_j‖², so E‖G − ∇f‖² = (m − p)/((m − 1)p)·S. Both were also checked against enumeration of every batch for m = 6.");
        boolean unbiased = worstBias <= z;
        rb.sourceStatement("若 j_ℓ 独立均匀采样自 {1,…,m}，则 E[∇f_S(x)] = ∇f(x)；单样本时 VAR(G_k|X_k) = (1/m)Σ‖∇f_j(X_k) − ∇f(X_k)‖² "
                + "(source 003 §2.1, §5.1)", v,
                "bias: largest |mean|/se over all coordinates " + Format.g(worstBias) + (unbiased ? " ≤ " : " > ") + "z = "
                        + Format.g(z) + "; variance: largest |estimate − exact|/se " + Format.g(worstVar));
        String rule = "HOLDS if every interval mean ± z·se (" + BoundVerdict.zText(k, z) + ") of the " + configs.size()
                + " configurations contains the exact value (0 for each coordinate of E[G − ∇f], the formula for E‖G − ∇f‖²); "
                + "FAILS if any estimate is more than " + Format.g(BoundVerdict.FAIL_Z) + " standard errors from the exact value; "
                + "INCONCLUSIVE otherwise.";
        return rb.build(v, "E[G] = ∇f(x); E‖G − ∇f‖² = S/p (i.i.d.), (m − p)/((m − 1)p)·S (shuffled)",
                configs.size() + " configurations × " + runs + " replicates: largest bias z " + Format.g(worstBias)
                        + ", largest variance z " + Format.g(worstVar) + " (threshold " + Format.g(z) + ")", rule);
    }
}
