package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.random.RandomStream;

class KernelSvmTest {
    /** Points labelled by a random teacher direction, keeping those with margin ≥ 0.3 (separable through 0). */
    static Object[] linearlySeparable(long seed, int n, int d) {
        RandomStream r = new RandomStream(seed);
        double[] teacher = new double[d];
        for (int j = 0; j < d; j++) {
            teacher[j] = r.nextGaussian();
        }
        double tn = Math.sqrt(org.sgdlab.linalg.Kernels.dot(teacher, teacher));
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; ) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian();
                s += x[i * d + j] * teacher[j];
            }
            if (Math.abs(s) / tn >= 0.3) {
                y[i] = Math.signum(s);
                i++;
            }
        }
        return new Object[] {new Matrix(n, d, x), y};
    }

    /** XOR in the plane: four noisy clusters, labels the sign of x₁x₂ — not linearly separable. */
    static Object[] xor(long seed, int perCluster) {
        RandomStream r = new RandomStream(seed);
        int n = 4 * perCluster;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        int i = 0;
        for (int sx : new int[] {-1, 1}) {
            for (int sy : new int[] {-1, 1}) {
                for (int k = 0; k < perCluster; k++, i++) {
                    x[2 * i] = sx + 0.25 * r.nextGaussian();
                    x[2 * i + 1] = sy + 0.25 * r.nextGaussian();
                    y[i] = sx * sy;
                }
            }
        }
        return new Object[] {new Matrix(n, 2, x), y};
    }

    @Test
    void linearKernelAgreesWithTheLinearSvm() {
        for (boolean intercept : new boolean[] {false, true}) {
            Object[] data = linearlySeparable(41, 40, 6);
            Matrix x = (Matrix) data[0];
            double[] y = (double[]) data[1];
            double[] g = GramMatrix.symmetric(new LinearKernel(), x);
            KernelSvmSolution k = KernelSvm.solve(g, 40, y, intercept);
            SvmSolution lin = HardMarginSvm.solve(x, y, intercept);
            assertEquals(OracleStatus.OPTIMAL, k.status(), k.message());
            assertEquals(OracleStatus.OPTIMAL, lin.status());
            assertTrue(k.kktResidual() <= 1e-10, "KKT residual on K " + k.kktResidual());
            assertEquals(lin.margin(), k.margin(), 1e-9 * lin.margin());
            assertEquals(lin.b(), k.b(), 1e-8);
            for (int i = 0; i < 40; i++) {
                double fk = k.b();
                for (int j = 0; j < 40; j++) {
                    fk += k.alpha()[j] * y[j] * g[i * 40 + j];
                }
                double fl = org.sgdlab.linalg.Kernels.dot(lin.w(), x.row(i)) + lin.b();
                assertEquals(fl, fk, 1e-8 * Math.max(1, Math.abs(fl)), "decision value " + i);
            }
            assertEquals(6, k.rank(), "the linear kernel's Gram matrix has rank d");
        }
    }

    @Test
    void nonlinearKernelsSeparateXorWithKktResidualBelow1e10() {
        Object[] data = xor(42, 10);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        int n = x.rows();
        for (Kernel k : new Kernel[] {new RbfKernel(1.0), new PolynomialKernel(2, 1, 1), AnalyticNtk.relu(2),
            AnalyticNtk.relu(3)}) {
            for (boolean intercept : new boolean[] {false, true}) {
                double[] g = GramMatrix.symmetric(k, x);
                KernelSvmSolution s = KernelSvm.solve(g, n, y, intercept);
                assertEquals(OracleStatus.OPTIMAL, s.status(), k.describe() + ": " + s.message());
                assertTrue(s.kktResidual() <= 1e-10, k.describe() + ": " + s.kktResidual());
                assertEquals(s.kktResidual(), KernelSvm.kktResidual(g, n, y, s.alpha(), s.b(), intercept), 0.0);
                // ‖w‖² = Σαᵢ at the optimum (complementarity summed), so the margin is 1/√Σα.
                double sum = 0;
                for (double a : s.alpha()) {
                    sum += a;
                }
                assertEquals(1 / Math.sqrt(sum), s.margin(), 1e-8 * s.margin(), k.describe());
            }
        }
        // The linear kernel cannot separate XOR through the origin.
        KernelSvmSolution lin = KernelSvm.solve(GramMatrix.symmetric(new LinearKernel(), x), n, y, false);
        assertEquals(OracleStatus.NOT_SEPARABLE, lin.status());
        assertNull(lin.alpha());
    }

    @Test
    void kktResidualSeesAWrongAnswer() {
        Object[] data = xor(43, 5);
        Matrix x = (Matrix) data[0];
        double[] y = (double[]) data[1];
        double[] g = GramMatrix.symmetric(new RbfKernel(1), x);
        KernelSvmSolution s = KernelSvm.solve(g, 20, y, false);
        double[] off = s.alpha().clone();
        off[s.supportVectors()[0]] *= 1.001;
        assertTrue(KernelSvm.kktResidual(g, 20, y, off, 0, false) > 1e-6);
    }

    @Test
    void contradictoryLabelsAreNotSeparable() {
        double[] x = {1, 0, 0, 1, 1, 0};
        double[] y = {1, -1, -1};
        double[] g = GramMatrix.symmetric(new RbfKernel(1), new Matrix(3, 2, x));
        KernelSvmSolution s = KernelSvm.solve(g, 3, y, true);
        assertEquals(OracleStatus.NOT_SEPARABLE, s.status());
        assertTrue(s.message().contains("feature space"), s.message());
    }

    @Test
    void featureRowsReproduceTheGramMatrix() {
        Matrix x = KernelTestData.gaussian(44, 30, 3);
        for (Kernel k : new Kernel[] {new LinearKernel(), new RbfKernel(0.7), AnalyticNtk.relu(3)}) {
            double[] g = GramMatrix.symmetric(k, x);
            Matrix f = KernelSvm.featureRows(g, 30);
            double max = 0;
            for (int i = 0; i < 30; i++) {
                max = Math.max(max, g[i * 30 + i]);
            }
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 30; j++) {
                    assertEquals(g[i * 30 + j], org.sgdlab.linalg.Kernels.dot(f.row(i), f.row(j)), 1e-12 * max);
                }
            }
        }
    }

    @Test
    void badLabelsAndGramMatricesNameTheirValues() {
        double[] g = {2, 1, 1, 2};
        AnalyticNtkTest.assertMessage(() -> KernelSvm.solve(g, 2, new double[] {1, 0.5}, false), "got 0.5");
        AnalyticNtkTest.assertMessage(() -> KernelSvm.solve(g, 2, new double[] {1}, false), "length 1");
        AnalyticNtkTest.assertMessage(() -> KernelSvm.solve(new double[] {2, Double.NaN, Double.NaN, 2}, 2,
                new double[] {1, -1}, false), "not finite");
    }
}
