package org.sgdlab.theory.nuclearnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** nuclear-norm.deep-linear: the problems, the decision with the claim's and a planted wrong prediction, the real run. */
class DeepLinearClaimTest {
    @Test
    void spectra() {
        assertEquals(1, Spectra.effectiveRank(new double[] {3, 0, 0}), 1e-15);
        assertEquals(2, Spectra.effectiveRank(new double[] {2, 2}), 1e-15);
        assertEquals(5, Spectra.nuclearNorm(Spectra.singularValues(Matrix.of(new double[][] {{3, 0}, {0, -2}}))), 1e-14);
        assertEquals(1, Spectra.numericalRank(new double[] {1, 1e-5}));
    }

    @Test
    void theModelsObserveTheProblemsTheOraclesSolve() {
        for (LowRankProblem p : DeepLinearClaim.problems(Budget.QUICK, 1)) {
            assertTrue(p.oraclesOk(), p.name());
            // W₁ = the planted matrix fits exactly: the model's layout of A_k / (i, j) is the oracle problem's
            FactorizedMatrix model = FactorizedMatrix.of(p.observation(), p.rows(), p.cols(), 1, 1);
            NetworkObjective f = FactorizedFlow.objective(model, p.data());
            assertTrue(FactorizedFlow.residual(f, p.truth().data().clone()) < 1e-14, p.name());
            assertTrue(FactorizedFlow.residual(f, p.nuclear().w().data().clone()) < 1e-7, p.name());
            assertTrue(FactorizedFlow.residual(f, p.frobenius().w().data().clone()) < 1e-9, p.name());
        }
        List<LowRankProblem> ps = DeepLinearClaim.problems(Budget.QUICK, 1);
        assertTrue(ps.get(0).recovers() && ps.get(1).recovers());
        assertTrue(!ps.get(2).recovers());
    }

    @Test
    void recoveryRegimeHoldsAndAPlantedWrongPredictionFails() {
        List<LowRankProblem> recovery = DeepLinearClaim.problems(Budget.QUICK, 1).subList(0, 2);
        double[] alphas = DeepLinearClaim.alphas(Budget.QUICK);
        List<DeepLinearClaim.Run> runs = DeepLinearClaim.measure(ClaimContext.quick(1), recovery, alphas);
        assertEquals(Verdict.HOLDS, DeepLinearClaim.decide(recovery, runs, alphas, DeepLinearClaim.CLAIMED));
        // planted: depth ≥ 2 → min-Frobenius, depth 1 → min-nuclear
        DeepLinearClaim.Prediction swapped = (p, depth) -> depth == 1 ? p.nuclear().w() : p.frobenius().w();
        assertEquals(Verdict.FAILS, DeepLinearClaim.decide(recovery, runs, alphas, swapped));
        // planted: every depth → min-nuclear (depth 1 is the min-Frobenius one)
        assertEquals(Verdict.FAILS, DeepLinearClaim.decide(recovery, runs, alphas, (p, depth) -> p.nuclear().w()));
        // a limit that did not interpolate is not judged as one
        List<DeepLinearClaim.Run> broken = new ArrayList<>(runs);
        DeepLinearClaim.Run r0 = DeepLinearClaim.find(runs, "completion", 2, alphas[alphas.length - 1]);
        FactorizedFlow.Limit l = r0.limit();
        broken.set(runs.indexOf(r0), new DeepLinearClaim.Run(r0.problem(), 2, r0.alpha(),
                new FactorizedFlow.Limit(l.w(), l.sigma(), 1e-2, l.time(), l.steps(), false)));
        assertEquals(Verdict.INCONCLUSIVE, DeepLinearClaim.decide(recovery, broken, alphas, DeepLinearClaim.CLAIMED));
    }

    @Test
    void quickRunFailsWhereTheMinimizerIsNotTheLowRankMatrix() {
        ClaimResult r = new DeepLinearClaim().check(ClaimContext.quick(1));
        Map<String, Double> x = r.numbers();
        assertEquals(Verdict.FAILS, r.verdict(), r.measurement());
        assertEquals(Boolean.FALSE, r.sourceStatement().held());
        assertEquals(1.0, x.get("completion.prediction_holds"), x.toString());
        assertEquals(1.0, x.get("sensing.prediction_holds"), x.toString());
        assertEquals(1.0, x.get("completion_undersampled.prediction_fails"), x.toString());
        // there the depth-2 limit has a larger nuclear norm and a lower effective rank than the minimizer
        String key = "completion_undersampled.depth2.alpha" + org.sgdlab.theory.Format.g(1e-4);
        assertTrue(x.get(key + ".nuclear_norm_excess") > 0.05, x.toString());
        assertTrue(x.get(key + ".effective_rank") < x.get("completion_undersampled.oracle_effective_rank") - 0.1, x.toString());
        // Razin & Cohen: depth 3 from det W₀ > 0 keeps det > 0 while |W₁₁| grows and the loss falls
        assertEquals(1.0, x.get("razin_cohen.depth3.diverging"), x.toString());
        assertTrue(x.get("razin_cohen.depth3.det_end") > 0, x.toString());
        assertTrue(x.get("razin_cohen.depth3.abs_w11_end") > 10, x.toString());
    }
}
