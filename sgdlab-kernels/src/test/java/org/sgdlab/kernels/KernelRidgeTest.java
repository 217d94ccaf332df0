package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.random.RandomStream;

class KernelRidgeTest {
    static double[] targets(long seed, int n) {
        RandomStream r = new RandomStream(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian();
        }
        return y;
    }

    /** Rows scaled to unit norm (the NTK of ReLU nets is positive definite on distinct unit inputs). */
    static Matrix unitRows(Matrix x) {
        double[] a = x.data().clone();
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += a[i * d + j] * a[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                a[i * d + j] /= Math.sqrt(s);
            }
        }
        return new Matrix(x.rows(), d, a);
    }

    /** (K + λI)⁻¹y through the eigendecomposition, independent of the Cholesky path. */
    static double[] eigenSolve(double[] k, int n, double lambda, double[] y) {
        SymmetricEigen e = SymmetricEigen.of(k, n);
        double[] v = e.vectors();
        double[] out = new double[n];
        for (int c = 0; c < n; c++) {
            double proj = 0;
            for (int i = 0; i < n; i++) {
                proj += v[i * n + c] * y[i];
            }
            double coef = proj / (e.values()[c] + lambda);
            for (int i = 0; i < n; i++) {
                out[i] += coef * v[i * n + c];
            }
        }
        return out;
    }

    static double relDiff(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return num / den;
    }

    @Test
    void ridgelessAndRidgeSatisfyTheNormalEquationsAndMatchTheEigenSolve() {
        int n = 40;
        Matrix x = unitRows(KernelTestData.gaussian(31, n, 5));
        double[] y = targets(32, n);
        for (Kernel k : new Kernel[] {new RbfKernel(0.5), AnalyticNtk.relu(3), AnalyticNtk.relu(2), new ArcCosineKernel(1)}) {
            double[] g = GramMatrix.symmetric(k, x);
            for (double lambda : new double[] {0, 1e-3, 1}) {
                KernelRegressionSolution s = KernelRidge.solve(g, n, y, lambda);
                assertEquals(OracleStatus.OPTIMAL, s.status(), k.describe() + " λ=" + lambda + ": " + s.message());
                assertTrue(s.relativeResidual() <= 1e-15, k.describe() + ": " + s.relativeResidual());
                assertEquals(s.relativeResidual(), KernelRidge.relativeResidual(g, n, lambda, s.alpha(), y), 0.0);
                double[] r = KernelRidge.residual(g, n, lambda, s.alpha(), y);
                for (double v : r) {
                    assertEquals(0.0, v, 1e-9);
                }
                double diff = relDiff(s.alpha(), eigenSolve(g, n, lambda, y));
                assertTrue(diff <= 1e-15 * s.conditionEstimate() * n + 1e-13,
                        k.describe() + " λ=" + lambda + ": eigen solve differs by " + diff + " at κ ≈ " + s.conditionEstimate());
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += s.alpha()[i] * (y[i] - lambda * s.alpha()[i]); // αᵀKα = αᵀ(y − λα)
                }
                assertEquals(norm, s.rkhsNormSquared(), 1e-9 * Math.abs(norm));
            }
        }
    }

    @Test
    void aSingularGramMatrixIsRefusedAndARidgeMendsIt() {
        int n = 10;
        Matrix x = KernelTestData.gaussian(33, n, 3); // rank 3 < 10
        double[] g = GramMatrix.symmetric(new LinearKernel(), x);
        double[] y = targets(34, n);
        KernelRegressionSolution s = KernelRidge.solve(g, n, y, 0);
        assertEquals(OracleStatus.INACCURATE, s.status());
        assertNull(s.alpha());
        assertTrue(s.message().contains("numerically singular") && s.message().contains("lambda"), s.message());
        assertEquals(OracleStatus.OPTIMAL, KernelRidge.solve(g, n, y, 0.1).status());
    }

    @Test
    void anIllConditionedGramMatrixIsRefusedByItsConditionEstimate() {
        double delta = 1e-14;
        double[] g = {1, 1 - delta, 1 - delta, 1};
        KernelRegressionSolution s = KernelRidge.solve(g, 2, new double[] {1, 0}, 0);
        assertEquals(OracleStatus.INACCURATE, s.status());
        assertTrue(s.conditionEstimate() > 1e13, "κ̂ = " + s.conditionEstimate());
        assertTrue(s.message().contains("condition estimate"), s.message());
        KernelRegressionSolution loose = KernelRidge.solve(g, 2, new double[] {1, 0}, 0, 1e16);
        assertEquals(OracleStatus.OPTIMAL, loose.status(), loose.message());
    }

    @Test
    void badInputsNameTheirValues() {
        double[] g = {2, 1, 1, 2};
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(g, 2, new double[] {1, 1}, -0.5), "got -0.5");
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(g, 2, new double[] {1}, 0), "length 1");
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(g, 2, new double[] {1, Double.NaN}, 0), "target 1");
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(new double[] {2, 1, 0.5, 2}, 2, new double[] {1, 1}, 0),
                "symmetric");
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(new double[] {2, 1, 1}, 2, new double[] {1, 1}, 0),
                "length 3");
        AnalyticNtkTest.assertMessage(() -> KernelRidge.solve(g, 2, new double[] {1, 1}, 0, 0.5), "got 0.5");
    }
}
