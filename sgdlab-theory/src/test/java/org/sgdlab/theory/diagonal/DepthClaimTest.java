package org.sgdlab.theory.diagonal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.DiagonalNetObjective;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.mirror.SparseRegression;

/** diagonal.depth: the decision on planted distance tables both ways, the depth-2 model against core's, and the real run. */
class DepthClaimTest {
    private static boolean[][] allOk(int depths, int alphas) {
        boolean[][] ok = new boolean[depths][alphas];
        for (boolean[] row : ok) {
            java.util.Arrays.fill(row, true);
        }
        return ok;
    }

    @Test
    void decisionHoldsForDeeperSparserAndFailsForThePlantedOpposite() {
        // rows: D = 2, 3, 4; columns: α = 1, 0.1, 0.01
        double[][] sparserWithDepth = {{0.76, 0.44, 0.11}, {0.76, 0.05, 0.002}, {0.76, 0.004, 0.001}};
        assertEquals(Verdict.HOLDS, DepthClaim.decide(sparserWithDepth, allOk(3, 3), true));
        // the planted wrong prediction (deeper is denser) on the same table
        assertEquals(Verdict.FAILS, DepthClaim.decide(sparserWithDepth, allOk(3, 3), false));
        // a real reversal at one α fails the claim's prediction
        double[][] reversed = {{0.76, 0.44, 0.11}, {0.76, 0.6, 0.002}, {0.76, 0.004, 0.001}};
        assertEquals(Verdict.FAILS, DepthClaim.decide(reversed, allOk(3, 3), true));
        // within the floor: no reversal, but never strict → inconclusive
        double[][] flat = {{0.5, 0.3, 0.04}, {0.5, 0.3, 0.04}, {0.5, 0.3, 0.04}};
        assertEquals(Verdict.INCONCLUSIVE, DepthClaim.decide(flat, allOk(3, 3), true));
        // a limit that did not interpolate leaves it open
        boolean[][] one = allOk(3, 3);
        one[2][2] = false;
        assertEquals(Verdict.INCONCLUSIVE, DepthClaim.decide(sparserWithDepth, one, true));
    }

    @Test
    void sourceStatementReading() {
        assertEquals(Boolean.FALSE, DepthClaim.judgeStatement(new double[] {5.1, 0.3, 0.12}, new boolean[] {true, true, true}));
        assertEquals(Boolean.TRUE, DepthClaim.judgeStatement(new double[] {0.005, 0.001, 0}, new boolean[] {true, true, true}));
        assertNull(DepthClaim.judgeStatement(new double[] {0.005, 0.001, 0}, new boolean[] {true, false, true}));
    }

    @Test
    void depthTwoNetworkIsCoresDiagonalNetObjective() {
        SparseRegression.Problem pb = DepthClaim.problem(Budget.QUICK, 3);
        int d = pb.data().d();
        NetworkObjective nn = new NetworkObjective(DiagonalNetwork.difference(d, 2), pb.data(), NetworkLoss.of(SquaredLoss.INSTANCE),
                Reduction.SUM);
        DiagonalNetObjective core = DiagonalNetObjective.of(EmpiricalRisk.of(pb.data(), SquaredLoss.INSTANCE, Reduction.SUM));
        double[] theta = new RandomStream(5).gaussians(new double[2 * d]);
        double[] g1 = new double[2 * d];
        double[] g2 = new double[2 * d];
        double f1 = nn.gradient(theta, g1);
        double f2 = core.gradient(theta, g2);
        assertEquals(f2, f1, 1e-12 * Math.abs(f2));
        double scale = 0;
        for (double x : g2) {
            scale = Math.max(scale, Math.abs(x));
        }
        assertArrayEquals(g2, g1, 1e-12 * scale);
        assertArrayEquals(DiagonalNetObjective.weights(theta), DiagonalNetwork.difference(d, 2).weights(theta), 1e-15);
    }

    @Test
    void quickRunHoldsAndThePlantedOppositeFailsOnItsNumbers() {
        ClaimResult r = new DepthClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        Map<String, Double> x = r.numbers();
        double[] alphas = DepthClaim.alphas(Budget.QUICK);
        double[][] dist = new double[DepthClaim.DEPTHS.length][alphas.length];
        boolean[][] ok = new boolean[DepthClaim.DEPTHS.length][alphas.length];
        for (int i = 0; i < DepthClaim.DEPTHS.length; i++) {
            for (int k = 0; k < alphas.length; k++) {
                String key = "depth" + DepthClaim.DEPTHS[i] + ".alpha" + Format.g(alphas[k]);
                dist[i][k] = x.get(key + ".to_basis_pursuit_rel_dist");
                ok[i][k] = x.get(key + ".converged") == 1;
            }
        }
        assertEquals(Verdict.HOLDS, DepthClaim.decide(dist, ok, true));
        assertEquals(Verdict.FAILS, DepthClaim.decide(dist, ok, false));
        // at α = 0.1 the depths are far apart: 2 ≫ 3 ≫ 4
        assertTrue(dist[0][2] > 5 * dist[1][2] && dist[1][2] > 5 * dist[2][2], java.util.Arrays.deepToString(dist));
        // the source's statement, as written, is refuted; from the equal start its model's w stays ≥ 0
        assertEquals(Boolean.FALSE, r.sourceStatement().held());
        assertTrue(x.get("source_model.equal_start.min_w") >= 0, x.toString());
        assertTrue(x.get("basis_pursuit_negative_entries") > 0);
        assertTrue(x.get("source_model.equal_start.to_basis_pursuit_rel_dist") > 0.5, x.toString());
    }
}
