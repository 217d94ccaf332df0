package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.Matrix;

class MinPNormInterpolantTest {

    @ParameterizedTest
    @ValueSource(doubles = {1.1, 1.2, 1.5, 2.0, 3.0, 6.0, 12.0})
    void optimalWithSmallDualityGapAndMatchesPrimalReference(double p, TestReporter reporter) {
        SplittableRandom rnd = new SplittableRandom(77);
        Matrix x = BregmanProjectionTest.gaussian(rnd, 4, 10);
        double[] y = BregmanProjectionTest.gaussian(rnd, 4);
        MinPNormInterpolantSolution s = MinPNormInterpolant.solve(x, y, p);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        reporter.publishEntry(String.format("min-ℓ%s: gap %.2e, primal %.2e, stationarity %.2e, %d its", p, s.dualityGap(),
                s.primalResidual(), s.stationarityResidual(), s.iterations()));
        assertTrue(Math.abs(s.dualityGap()) <= 1e-10, "gap " + s.dualityGap());
        assertTrue(s.primalResidual() <= 1e-12);
        double[] ref = BregmanProjectionTest.primalReference(BregmanProjection.Mirror.lpSquared(p).potential(), x, y,
                new double[10]);
        double diff = BregmanProjectionTest.maxAbsDiff(s.w(), ref);
        assertTrue(diff <= 1e-8, "|w − w_ref|∞ = " + diff);
        assertEquals(MinPNormInterpolant.lpNorm(s.w(), p), s.norm(), 0.0);
    }

    @Test
    void pTwoIsThePseudoinverseSolution() {
        SplittableRandom rnd = new SplittableRandom(9);
        Matrix x = BregmanProjectionTest.gaussian(rnd, 5, 8);
        double[] y = BregmanProjectionTest.gaussian(rnd, 5);
        MinPNormInterpolantSolution s = MinPNormInterpolant.solve(x, y, 2.0);
        assertTrue(BregmanProjectionTest.maxAbsDiff(s.w(), MinNormLeastSquares.solve(x, y).w()) <= 1e-12);
    }

    @Test
    void zeroRightHandSide() {
        Matrix x = Matrix.of(new double[][] {{1, 2, 3}});
        MinPNormInterpolantSolution s = MinPNormInterpolant.solve(x, new double[] {0}, 3);
        assertEquals(OracleStatus.OPTIMAL, s.status());
        assertEquals(0.0, s.norm());
        assertEquals(0.0, s.dualityGap());
    }

    @Test
    void rejectsBadP() {
        Matrix x = Matrix.of(new double[][] {{1, 2}});
        assertThrows(IllegalArgumentException.class, () -> MinPNormInterpolant.solve(x, new double[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> MinPNormInterpolant.solve(x, new double[] {1}, Double.POSITIVE_INFINITY));
    }
}
