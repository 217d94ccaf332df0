package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.parallel.Parallel;

class GramMatrixTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    static List<Kernel> kernels() {
        return List.of(new LinearKernel(), new PolynomialKernel(3, 0.5, 1), new RbfKernel(0.3), new ArcCosineKernel(0),
                new ArcCosineKernel(1), AnalyticNtk.relu(3),
                AnalyticNtk.builder(2).parameterization(Parameterization.STANDARD).hiddenWidths(100).build(),
                AnalyticNtk.builder(2).activation(new ErfDual()).build(), new Laplacian());
    }

    /** A kernel that is not an inner-product kernel (the entry-by-entry path): exp(−‖x − y‖₁). */
    record Laplacian() implements Kernel {
        @Override
        public double value(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.abs(x[i] - y[i]);
            }
            return Math.exp(-s);
        }

        @Override
        public String describe() {
            return "laplacian";
        }
    }

    @Test
    void entriesAreThePointwiseKernelBitForBitAndExactlySymmetric() {
        Matrix x = KernelTestData.gaussian(1, 150, 7); // three tiles a side
        for (Kernel k : kernels()) {
            double[] g = GramMatrix.symmetric(k, x);
            for (int i = 0; i < 150; i++) {
                for (int j = 0; j <= i; j++) {
                    assertEquals(k.value(x.row(i), x.row(j)), g[i * 150 + j], 0.0, k.describe() + " (" + i + ", " + j + ")");
                    assertEquals(g[i * 150 + j], g[j * 150 + i], 0.0);
                }
            }
        }
    }

    @Test
    void panelsOfLongRowsAreThePointwiseKernelBitForBit() {
        // three panels of rows, and rows longer than GEMM's k block: every entry is still one FMA chain over p
        Matrix x = KernelTestData.gaussian(8, 2 * GramMatrix.PANEL + 7, 1100);
        Matrix z = KernelTestData.gaussian(9, 5, 1100);
        AnalyticNtk k = AnalyticNtk.relu(3);
        int n = x.rows();
        double[] g = GramMatrix.symmetric(k, x);
        double[] c = GramMatrix.cross(k, x, z);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j += 7) {
                assertEquals(k.value(x.row(i), x.row(j)), g[i * n + j], 0.0, "(" + i + ", " + j + ")");
            }
            for (int j = 0; j < 5; j++) {
                assertEquals(k.value(x.row(i), z.row(j)), c[i * 5 + j], 0.0, "cross (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void rowsLongEnoughForTheLanesAreThePointwiseKernelBitForBit() {
        // rows of AnalyticNtk.LANES_MIN_ROW entries or more are mapped four at a time (with the SIMD kernels on)
        int n = AnalyticNtk.LANES_MIN_ROW + 70;
        Matrix x = KernelTestData.gaussian(10, n, 6);
        Matrix z = KernelTestData.gaussian(11, AnalyticNtk.LANES_MIN_ROW + 3, 6);
        for (AnalyticNtk k : List.of(AnalyticNtk.relu(3), AnalyticNtk.builder(2).cSigma(1).firstLayerOnly().build())) {
            double[] g = GramMatrix.symmetric(k, x);
            double[] c = GramMatrix.cross(k, x, z);
            for (int i = 0; i < n; i += (i < AnalyticNtk.LANES_MIN_ROW ? 37 : 1)) {
                for (int j = 0; j <= i; j++) {
                    assertEquals(k.value(x.row(i), x.row(j)), g[i * n + j], 0.0, k + " (" + i + ", " + j + ")");
                }
                for (int j = 0; j < z.rows(); j++) {
                    assertEquals(k.value(x.row(i), z.row(j)), c[i * z.rows() + j], 0.0, k + " cross (" + i + ", " + j
                            + ")");
                }
            }
        }
    }

    @Test
    void crossGramEntriesAreThePointwiseKernel() {
        Matrix x = KernelTestData.gaussian(2, 70, 5);
        Matrix z = KernelTestData.gaussian(3, 130, 5);
        for (Kernel k : kernels()) {
            double[] g = GramMatrix.cross(k, x, z);
            for (int i = 0; i < 70; i++) {
                for (int j = 0; j < 130; j++) {
                    assertEquals(k.value(x.row(i), z.row(j)), g[i * 130 + j], 0.0, k.describe());
                }
            }
        }
    }

    @Test
    void innerProductsMatchAPlainLoopToRounding() {
        // The naive reference: a left-to-right sum, independent of the FMA chain and of GEMM.
        Matrix x = KernelTestData.gaussian(4, 90, 33);
        double[] g = GramMatrix.symmetric(new LinearKernel(), x);
        for (int i = 0; i < 90; i++) {
            for (int j = 0; j < 90; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < 33; p++) {
                    s += x.get(i, p) * x.get(j, p);
                    abs += Math.abs(x.get(i, p) * x.get(j, p));
                }
                assertEquals(s, g[i * 90 + j], 33 * Math.ulp(1.0) * abs);
            }
        }
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        Matrix x = KernelTestData.gaussian(5, 200, 6);
        Matrix z = KernelTestData.gaussian(6, 90, 6);
        for (Kernel k : kernels()) {
            Parallel.setThreads(1);
            double[] a = GramMatrix.symmetric(k, x);
            double[] c = GramMatrix.cross(k, x, z);
            Parallel.setThreads(2);
            assertArrayEquals(a, GramMatrix.symmetric(k, x), k.describe());
            assertArrayEquals(c, GramMatrix.cross(k, x, z), k.describe());
        }
    }

    @Test
    void gramMatricesArePositiveSemidefinite() {
        Matrix x = KernelTestData.gaussian(7, 60, 4);
        for (Kernel k : kernels()) {
            double[] g = GramMatrix.symmetric(k, x);
            double max = 0;
            for (int i = 0; i < 60; i++) {
                max = Math.max(max, g[i * 60 + i]);
            }
            double min = KernelTestData.minEigenvalue(g, 60);
            assertTrue(min >= -1e-12 * max, k.describe() + ": smallest eigenvalue " + min);
        }
    }

    @Test
    void knownValues() {
        double[] x = {1, 2};
        double[] y = {3, -1};
        assertEquals(1.0, new LinearKernel().value(x, y), 0.0);
        assertEquals(Math.pow(0.5 * 1 + 2, 3), new PolynomialKernel(3, 0.5, 2).value(x, y), 1e-15);
        assertEquals(Math.exp(-0.1 * 13), new RbfKernel(0.1).value(x, y), 1e-16);
        double theta = Math.acos(1 / Math.sqrt(5 * 10));
        assertEquals(1 - theta / Math.PI, new ArcCosineKernel(0).value(x, y), 1e-15);
        assertEquals(Math.sqrt(50) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / Math.PI,
                new ArcCosineKernel(1).value(x, y), 1e-14);
        assertEquals(1.0, new RbfKernel(3).value(x, x), 0.0);
    }

    @Test
    void badInputsNameTheirValues() {
        AnalyticNtkTest.assertMessage(() -> new PolynomialKernel(0, 1, 1), "got 0");
        AnalyticNtkTest.assertMessage(() -> new PolynomialKernel(2, 1, -1), "got -1.0");
        AnalyticNtkTest.assertMessage(() -> new RbfKernel(0), "got 0.0");
        AnalyticNtkTest.assertMessage(() -> new ArcCosineKernel(2), "got 2");
        AnalyticNtkTest.assertMessage(() -> new LinearKernel().value(new double[2], new double[3]), "2 and 3");
        Matrix bad = new Matrix(2, 2, new double[] {1, 2, Double.NaN, 4});
        AnalyticNtkTest.assertMessage(() -> GramMatrix.symmetric(new LinearKernel(), bad), "row 1, column 0");
        AnalyticNtkTest.assertMessage(() -> GramMatrix.cross(new LinearKernel(), bad, KernelTestData.gaussian(1, 2, 3)),
                "z has 3");
        assertThrows(NullPointerException.class, () -> GramMatrix.symmetric(null, bad));
    }
}
