package org.sgdlab.theory.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.kernels.AnalyticNtk;
import org.sgdlab.kernels.GramMatrix;
import org.sgdlab.kernels.KernelSvm;
import org.sgdlab.kernels.KernelSvmSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** ntk.kernel-svm: the kernel SVM's certificate, the quick verdict, and planted wrong predictions. */
class KernelSvmClaimTest {
    private static ClaimResult result;
    private static KernelSvmClaim.Problem pr;
    private static double[] gram;
    private static double[] probeGram;
    private static KernelSvmSolution svm;
    private static double eta;
    private static long[] probes;

    @BeforeAll
    static void setUp() {
        result = new KernelSvmClaim().check(ClaimContext.quick(1));
        pr = KernelSvmClaim.problem(1);
        gram = GramMatrix.symmetric(KernelSvmClaim.kernel(), pr.train().x());
        probeGram = GramMatrix.cross(KernelSvmClaim.kernel(), pr.probe(), pr.train().x());
        svm = KernelSvm.solve(gram, pr.train().n(), pr.train().y(), false);
        eta = KernelSvmClaim.stepSize(gram, pr.train().n());
        probes = KernelSvmClaim.probes(KernelSvmClaim.setting(Budget.QUICK).steps());
    }

    @Test
    void theKernelSvmIsCertifiedOnK() {
        assertEquals(OracleStatus.OPTIMAL, svm.status(), svm.message());
        int n = pr.train().n();
        double[] y = pr.train().y();
        assertTrue(KernelSvm.kktResidual(gram, n, y, svm.alpha(), 0, false) <= KernelSvm.TOLERANCE);
        double[] f = KernelSvmClaim.svmFunction(probeGram, n, y, svm.alpha());
        double minMargin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minMargin = Math.min(minMargin, y[i] * f[i]); // the probe set starts with the training inputs
        }
        assertEquals(1.0, minMargin, 1e-9, "eq. 28: min yᵢf(xᵢ) = 1 at the optimum");
    }

    @Test
    void theClaimOnItsQuickBudget() {
        assertEquals(new KernelSvmClaim().expectedVerdict(Budget.QUICK), result.verdict(), result.measurement());
        assertEquals(Verdict.INCONCLUSIVE, result.verdict(), result.measurement());
        var x = result.numbers();
        assertTrue(x.get("max_gap_widest_to_linearized_deg") <= KernelSvmClaim.LAZY_DEGREES, x.toString());
        assertTrue(x.get("angle_deg.linearized_step300") < x.get("angle_deg.linearized_step10") / 2, x.toString());
        assertTrue(x.get("angle_deg.m8_step300") > x.get("angle_deg.linearized_step300"), x.toString());
    }

    @Test
    void plantedWrongPredictionsFail() {
        double[] y = pr.train().y();
        int n = pr.train().n();
        double[] target = KernelSvmClaim.svmFunction(probeGram, n, y, svm.alpha());
        double[] lin = KernelSvmClaim.linearizedAngles(gram, probeGram, y, eta, probes, target);
        double[] wide = KernelSvmClaim.networkAngles(pr, 1024, eta, probes, target, new RandomStream(1).split(14701));
        double[] narrow = KernelSvmClaim.networkAngles(pr, 8, eta, probes, target, new RandomStream(1).split(14700));
        assertEquals(result.verdict(), KernelSvmClaim.decide(probes, lin, wide, narrow), "same runs as the claim");
        // "the narrow network is lazy too": it does not stay within the lazy tolerance of the linearized model
        assertEquals(Verdict.FAILS, KernelSvmClaim.decide(probes, lin, narrow, narrow));
        // "the wide network learns features": it ends no farther from the SVM than the linearized model
        assertEquals(Verdict.FAILS, KernelSvmClaim.decide(probes, lin, wide, wide));
        // the SVM of the first-layer-only NTK (eq. 9.8's kernel: the output layer taken as fixed) as the target
        AnalyticNtk firstOnly = AnalyticNtk.builder(2).cSigma(1).firstLayerOnly().build();
        KernelSvmSolution other = KernelSvm.solve(GramMatrix.symmetric(firstOnly, pr.train().x()), n, y, false);
        assertEquals(OracleStatus.OPTIMAL, other.status(), other.message());
        double[] wrong = KernelSvmClaim.svmFunction(GramMatrix.cross(firstOnly, pr.probe(), pr.train().x()), n, y, other.alpha());
        double[] linW = KernelSvmClaim.linearizedAngles(gram, probeGram, y, eta, probes, wrong);
        double[] wideW = KernelSvmClaim.networkAngles(pr, 1024, eta, probes, wrong, new RandomStream(1).split(14701));
        double[] narrowW = KernelSvmClaim.networkAngles(pr, 8, eta, probes, wrong, new RandomStream(1).split(14700));
        assertEquals(Verdict.FAILS, KernelSvmClaim.decide(probes, linW, wideW, narrowW), java.util.Arrays.toString(linW));
    }
}
