package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** The minimum-Frobenius interpolant, checked by its optimality condition: feasible and in range(𝒜*). */
class MinFrobeniusInterpolantTest {

    /**
     * ‖W − P W‖_F/‖W‖_F with P the orthogonal projector onto range(𝒜*) = span{Aₖ}, built here by Gram–Schmidt (twice)
     * on the measurement matrices: independent of the oracle's pivoted Cholesky.
     */
    static double distanceFromRangeOfAdjoint(MatrixSensingProblem p, Matrix w) {
        int rc = p.rows() * p.cols();
        double[][] q = new double[p.size()][];
        int kept = 0;
        for (int k = 0; k < p.size(); k++) {
            double[] v = p.measurement(k).data().clone();
            double before = NuclearNormTestData.norm(v);
            for (int pass = 0; pass < 2; pass++) {
                for (int c = 0; c < kept; c++) {
                    double d = 0;
                    for (int e = 0; e < rc; e++) {
                        d += q[c][e] * v[e];
                    }
                    for (int e = 0; e < rc; e++) {
                        v[e] -= d * q[c][e];
                    }
                }
            }
            double nv = NuclearNormTestData.norm(v);
            if (nv > 1e-10 * before) {
                for (int e = 0; e < rc; e++) {
                    v[e] /= nv;
                }
                q[kept++] = v;
            }
        }
        double[] r = w.data().clone();
        for (int c = 0; c < kept; c++) {
            double d = 0;
            for (int e = 0; e < rc; e++) {
                d += q[c][e] * w.data()[e];
            }
            for (int e = 0; e < rc; e++) {
                r[e] -= d * q[c][e];
            }
        }
        return NuclearNormTestData.norm(r) / NuclearNormTestData.norm(w.data());
    }

    @Test
    void completionIsTheObservedEntriesWithZerosElsewhere() {
        MatrixCompletionProblem p = MatrixCompletionProblem.of(2, 3, new int[] {1, 0}, new int[] {2, 0}, new double[] {5, -1});
        MinFrobeniusSolution s = MinFrobeniusInterpolant.solve(p);
        assertEquals(OracleStatus.OPTIMAL, s.status());
        assertArrayEquals(new double[] {-1, 0, 0, 0, 0, 5}, s.w().data(), 0);
        assertArrayEquals(new double[] {-1, 5}, s.lambda(), 0);
        assertEquals(Math.sqrt(26), s.frobeniusNorm(), 1e-15);
        assertEquals(0, s.relativeResidual(), 0);
    }

    @Test
    void sensingSolutionIsFeasibleAndInTheRangeOfTheAdjoint() {
        RandomStream rs = new RandomStream(21);
        Matrix y = NuclearNormTestData.lowRank(12, 9, 3, rs);
        MatrixSensingProblem p = NuclearNormTestData.gaussianSensing(y, 40, rs);
        MinFrobeniusSolution s = MinFrobeniusInterpolant.solve(p);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        double[] aw = NuclearNormTestData.apply(p, s.w());
        double[] b = p.values();
        for (int k = 0; k < b.length; k++) {
            aw[k] -= b[k];
        }
        assertTrue(NuclearNormTestData.norm(aw) <= 1e-13 * NuclearNormTestData.norm(b), "feasibility");
        assertTrue(distanceFromRangeOfAdjoint(p, s.w()) <= 1e-13, "W in range(A*)");
        // W = A*(λ) as reported
        double[] atl = NuclearNormTestData.adjoint(p, s.lambda());
        for (int e = 0; e < atl.length; e++) {
            assertEquals(atl[e], s.w().data()[e], 1e-12 * s.frobeniusNorm());
        }
        // it is strictly smaller in norm than the truth, which is also feasible
        assertTrue(s.frobeniusNorm() < NuclearNormTestData.norm(y.data()));
    }

    @Test
    void consistentDependentMeasurementsAreDetectedAndIgnored() {
        RandomStream rs = new RandomStream(22);
        Matrix y = NuclearNormTestData.lowRank(4, 5, 2, rs);
        MatrixSensingProblem base = NuclearNormTestData.gaussianSensing(y, 6, rs);
        // append A₆ = A₀ + 2A₁ with the matching value
        double[] a = new double[7 * 20];
        double[] b = new double[7];
        for (int k = 0; k < 6; k++) {
            System.arraycopy(base.measurement(k).data(), 0, a, k * 20, 20);
            b[k] = base.values()[k];
        }
        for (int e = 0; e < 20; e++) {
            a[6 * 20 + e] = a[e] + 2 * a[20 + e];
        }
        b[6] = b[0] + 2 * b[1];
        MatrixSensingProblem p = MatrixSensingProblem.of(4, 5, new Matrix(7, 20, a), b);
        MinFrobeniusSolution s = MinFrobeniusInterpolant.solve(p);
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertEquals(6, s.independentMeasurements());
        assertTrue(s.relativeResidual() <= 1e-13, s.message());
        assertTrue(distanceFromRangeOfAdjoint(p, s.w()) <= 1e-13);
        assertArrayEquals(MinFrobeniusInterpolant.solve(base).w().data(), s.w().data(), 1e-12);
        // and with a value that does not match, b leaves range(A)
        b[6] += 0.5;
        MinFrobeniusSolution bad = MinFrobeniusInterpolant.solve(MatrixSensingProblem.of(4, 5, new Matrix(7, 20, a), b));
        assertEquals(OracleStatus.INFEASIBLE, bad.status(), bad.message());
        assertNull(bad.w());
        double[] atr = NuclearNormTestData.adjoint(p, bad.lambda());
        assertTrue(NuclearNormTestData.norm(atr) <= 1e-12, "A*(r) = 0");
        double br = 0;
        for (int k = 0; k < 7; k++) {
            br += b[k] * bad.lambda()[k];
        }
        assertEquals(NuclearNormTestData.norm(bad.lambda()) * NuclearNormTestData.norm(bad.lambda()), br, 1e-12);
        assertTrue(br > 0);
    }
}
