package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.VectorKernels.LaneFunction;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;

/** The SIMD kernels against their scalar twins, and the properties that make their bits reproducible. */
class VectorKernelsTest {

    @BeforeEach
    void simdAvailable() {
        // The build starts the test JVM with --add-modules jdk.incubator.vector; only a CPU without 256-bit vectors
        // turns the SIMD path off, and then there is nothing here to test.
        assumeTrue(DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "no 256-bit vectors on this CPU");
    }

    @Test
    void theBuildRunsTheSimdPath() {
        assertTrue(Simd.ENABLED, Simd.describe());
        assertTrue(Simd.describe().startsWith("SIMD (Vector API, 256-bit"), Simd.describe());
    }

    private static double ulps(double got, double want) {
        if (Double.compare(got, want) == 0) {
            return 0;
        }
        return Math.abs(got - want) / Math.ulp(want);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 5, 40, 700, 750})
    void expIsWithinOneUlpOfStrictMath(double range) {
        Random rnd = new Random(Double.hashCode(range));
        int n = 20_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (2 * rnd.nextDouble() - 1) * range;
        }
        double[] out = new double[n];
        VectorKernels.exp(x, out, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(out[i], StrictMath.exp(x[i])));
        }
        assertTrue(worst <= 1.0, "worst error " + worst + " ulp over [-" + range + ", " + range + "]");
    }

    @Test
    void expAtTheSpecialValuesAndEdges() {
        double[] x = {0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 709.78, 709.79,
            710.0, 1e300, -708.0, -740.0, -745.1, -745.2, -746.0, -1e300, 1e-300, -1e-300, Math.log(2), -Math.log(2)};
        double[] out = new double[x.length];
        VectorKernels.exp(x, out, x.length);
        for (int i = 0; i < x.length; i++) {
            double want = StrictMath.exp(x[i]);
            assertTrue(ulps(out[i], want) <= 1.0 || Double.isNaN(want) && Double.isNaN(out[i]),
                    "exp(" + x[i] + ") = " + out[i] + ", StrictMath gives " + want);
        }
        assertEquals(1.0, out[0]);
        assertEquals(Double.POSITIVE_INFINITY, out[4]);
        assertEquals(0.0, out[5]);
        assertEquals(Double.POSITIVE_INFINITY, out[7]);
        assertEquals(0.0, out[13]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGISTIC_DERIVATIVE", "EXPONENTIAL_DERIVATIVE"})
    void lossDerivativesMatchTheScalarLosses(String which) {
        LaneFunction f = LaneFunction.valueOf(which);
        Random rnd = new Random(7);
        int n = 40_000;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = i % 4 == 0 ? 800 : i % 4 == 1 ? 40 : 3;
            m[i] = (2 * rnd.nextDouble() - 1) * scale;
        }
        m[0] = 0.0;
        m[1] = -0.0;
        double[] out = new double[n];
        VectorKernels.lanewise(f, m, out, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double want = f == LaneFunction.LOGISTIC_DERIVATIVE
                    ? LogisticLoss.INSTANCE.derivative(m[i]) : ExponentialLoss.INSTANCE.derivative(m[i]);
            if (Double.isInfinite(want)) {
                assertEquals(want, out[i], "at m = " + m[i]);
                continue;
            }
            worst = Math.max(worst, ulps(out[i], want));
        }
        // exp within 1 ulp, then one division for the logistic loss: at most 2 ulps from the scalar form, itself
        // within 1 ulp of the true value.
        assertTrue(worst <= 2.0, which + ": worst " + worst + " ulp");
    }

    @Test
    void axpy4HasTheBitsOfFourAxpysInRowOrder() {
        Random rnd = new Random(11);
        for (int n = 0; n <= 41; n++) {
            for (int off : new int[] {0, 3}) {
                double[] x = new double[off + 4 * n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextGaussian();
                }
                double[] alpha = {rnd.nextGaussian(), -rnd.nextGaussian() * 1e8, rnd.nextGaussian() * 1e-8, rnd.nextGaussian()};
                double[] want = new double[n + 2];
                for (int i = 0; i < want.length; i++) {
                    want[i] = rnd.nextGaussian();
                }
                double[] got = want.clone();
                for (int r = 0; r < 4; r++) {
                    VectorKernels.axpy(alpha[r], x, off + r * n, want, 1, n);
                }
                VectorKernels.axpy4(alpha[0], alpha[1], alpha[2], alpha[3], x, off, got, 1, n);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
                            "n = " + n + ", offset " + off + ", entry " + i);
                }
            }
        }
    }

    @Test
    void dotMatchesTheReferenceForEveryLengthAndOffset() {
        Random rnd = new Random(3);
        for (int n = 0; n <= 70; n++) {
            for (int off : new int[] {0, 1, 3, 5}) {
                double[] a = new double[n + off];
                double[] b = new double[n + 2];
                double[] plainA = new double[n];
                double[] plainB = new double[n];
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    a[off + i] = rnd.nextGaussian();
                    b[2 + i] = rnd.nextGaussian();
                    plainA[i] = a[off + i];
                    plainB[i] = b[2 + i];
                    abs += Math.abs(plainA[i] * plainB[i]);
                }
                double got = VectorKernels.dot(a, off, b, 2, n);
                double want = ReferenceKernels.dot(plainA, plainB);
                // |error| ≤ γ_n Σ|aᵢbᵢ| for any summation order (Higham, Accuracy and Stability, §3.1)
                assertEquals(want, got, 2 * (n + 1) * 0x1p-53 * abs, "n = " + n + ", offset " + off);
                // the grouping depends on n only, not on where the rows sit
                assertEquals(Double.doubleToRawLongBits(VectorKernels.dot(plainA, 0, plainB, 0, n)),
                        Double.doubleToRawLongBits(got), "n = " + n + ", offset " + off);
            }
        }
    }

    @Test
    void fusedUpdateThenDotHasTheBitsOfTheScalarUpdateFollowedByTheDot() {
        Random rnd = new Random(6);
        for (int d = 0; d <= 70; d++) {
            double[] a = new double[3 * d + 7];
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 11 == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : rnd.nextGaussian();
            }
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = j % 7 == 0 ? -0.0 : rnd.nextGaussian();
            }
            int off = 1;
            int nextOff = 2 * d + 5;
            double c = rnd.nextGaussian();
            double k = 1.0 / 3;
            double alpha = -0.07;
            double[] want = w.clone();
            for (int j = 0; j < d; j++) {
                want[j] += ((0.0 + c * a[off + j]) * k) * alpha;
            }
            double wantDot = VectorKernels.dot(a, nextOff, want, 0, d);
            double got = VectorKernels.addScaledRowThenDot(w, a, off, nextOff, d, c, k, alpha);
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(w[j]), "d = " + d + ", w[" + j + "]");
            }
            assertEquals(Double.doubleToRawLongBits(wantDot), Double.doubleToRawLongBits(got), "d = " + d);
        }
    }

    @Test
    void axpyHasTheBitsOfTheScalarLoop() {
        Random rnd = new Random(8);
        for (int n = 0; n <= 70; n++) {
            double[] x = new double[n + 3];
            double[] y = new double[n + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 9 == 0 ? -0.0 : rnd.nextGaussian() * Math.exp(20 * rnd.nextGaussian());
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 7 == 0 ? 0.0 : rnd.nextGaussian();
            }
            double alpha = rnd.nextGaussian();
            double[] want = y.clone();
            Kernels.axpyScalar(alpha, x, 3, want, 5, n);
            double[] got = y.clone();
            VectorKernels.axpy(alpha, x, 3, got, 5, n);
            double[] viaKernels = y.clone();
            Kernels.axpy(alpha, x, 3, viaKernels, 5, n);
            for (int i = 0; i < y.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), "n = " + n + ", y[" + i + "]");
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(viaKernels[i]), "n = " + n + ", y[" + i + "]");
            }
        }
    }

    @Test
    void kernelsDotTakesTheSimdPathFromSixteenEntries() {
        Random rnd = new Random(4);
        for (int n : new int[] {3, 15, 16, 17, 200}) {
            double[] a = rnd.doubles(n).toArray();
            double[] b = rnd.doubles(n).toArray();
            double want = n >= Kernels.SIMD_DOT_MIN
                    ? VectorKernels.dot(a, 0, b, 0, n) : Kernels.dotScalar(a, 0, b, 0, n);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(Kernels.dot(a, b)), "n = " + n);
        }
    }

    /**
     * The property {@link Simd} promises: the same bits whether a kernel runs interpreted, C1- or C2-compiled.
     * The first calls below run before the JIT has compiled the kernels (they are new to this JVM unless another test
     * ran them first, in which case the check is weaker but still valid); 30,000 later calls run compiled code.
     */
    @Test
    void bitsDoNotDependOnWhetherTheKernelIsCompiled() {
        Random rnd = new Random(5);
        int n = 203;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian() * 30;
            b[i] = rnd.nextGaussian();
        }
        double[][] first = evaluateAll(a, b);
        double[][] later = null;
        for (int rep = 0; rep < 30_000; rep++) {
            later = evaluateAll(a, b);
        }
        for (int k = 0; k < first.length; k++) {
            for (int i = 0; i < first[k].length; i++) {
                assertEquals(Double.doubleToRawLongBits(first[k][i]), Double.doubleToRawLongBits(later[k][i]),
                        "output " + k + ", entry " + i);
            }
        }
    }

    private static double[][] evaluateAll(double[] a, double[] b) {
        int whole = a.length / VectorKernels.LANES * VectorKernels.LANES;
        double[] exp = new double[a.length];
        VectorKernels.exp(a, exp, a.length);
        double[] logistic = new double[whole];
        VectorKernels.lanewise(LaneFunction.LOGISTIC_DERIVATIVE, a, logistic, whole);
        double[] exponential = new double[whole];
        VectorKernels.lanewise(LaneFunction.EXPONENTIAL_DERIVATIVE, a, exponential, whole);
        double[] dot = {VectorKernels.dot(a, 0, b, 0, a.length), VectorKernels.dot(a, 1, b, 2, 150)};
        return new double[][] {exp, logistic, exponential, dot};
    }
}
