package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.random.RandomStream;

/** Every fast kernel against its naive twin in {@link ReferenceKernels}, over seeded random shapes. */
class KernelsTest {
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1L), Arguments.of(3, 2, 2L), Arguments.of(7, 5, 3L), Arguments.of(17, 33, 4L),
                Arguments.of(100, 2, 5L), Arguments.of(64, 129, 6L), Arguments.of(5, 1000, 7L));
    }

    private static Matrix randomMatrix(int n, int d, RandomStream r) {
        return new Matrix(n, d, r.gaussians(new double[n * d]));
    }

    /** |a − b| ≤ tol·scale with scale the sum of absolute terms (the rounding-error bound of a sum). */
    private static void close(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, 1e-14 * Math.max(scale, 1e-300) * 8, what);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void dotMatchesReference(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] a = r.gaussians(new double[d]);
        double[] b = r.gaussians(new double[d]);
        double scale = 0;
        for (int i = 0; i < d; i++) {
            scale += Math.abs(a[i] * b[i]);
        }
        close(ReferenceKernels.dot(a, b), Kernels.dot(a, b), scale, "dot");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void axpyMatchesReferenceExactly(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[d]);
        double[] y1 = r.gaussians(new double[d]);
        double[] y2 = y1.clone();
        Kernels.axpy(0.37, x, y1);
        ReferenceKernels.axpy(0.37, x, y2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(y2, y1, 0.0);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void gemvAndTransposeMatchReference(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        Matrix a = randomMatrix(n, d, r);
        double[] v = r.gaussians(new double[d]);
        double[] u = r.gaussians(new double[n]);
        double[] fast = new double[n];
        Kernels.gemv(a, v, fast);
        double[] ref = ReferenceKernels.gemv(a, v);
        for (int i = 0; i < n; i++) {
            double scale = 0;
            for (int j = 0; j < d; j++) {
                scale += Math.abs(a.get(i, j) * v[j]);
            }
            close(ref[i], fast[i], scale, "gemv row " + i);
        }
        double[] fastT = new double[d];
        Kernels.gemvTransposed(a, u, fastT);
        double[] refT = ReferenceKernels.gemvTransposed(a, u);
        for (int j = 0; j < d; j++) {
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale += Math.abs(a.get(i, j) * u[i]);
            }
            close(refT[j], fastT[j], scale, "gemvT col " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void fusedLeastSquaresMatchesTwoPassReference(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        Matrix a = randomMatrix(n, d, r);
        double[] w = r.gaussians(new double[d]);
        double[] y = r.gaussians(new double[n]);
        double[] g = new double[d];
        double[] res = new double[n];
        double v = Kernels.leastSquaresResidualGradient(a, y, w, 0.25, res, g);
        double[] gRef = new double[d];
        double vRef = ReferenceKernels.leastSquaresResidualGradient(a, y, w, 0.25, gRef);
        assertEquals(vRef, v, 1e-12 * Math.max(1, vRef));
        double gScale = 1e-12 * Math.max(1, ReferenceKernels.norm2(gRef));
        for (int j = 0; j < d; j++) {
            assertEquals(gRef[j], g[j], gScale, "gradient " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void fusedMarginGradientMatchesReference(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        Matrix a = randomMatrix(n, d, r);
        double[] w = r.gaussians(new double[d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.5 ? -1 : 1;
        }
        for (Kernels.ScalarLoss phi : new Kernels.ScalarLoss[] {LogisticLoss.INSTANCE, SquaredHingeLoss.INSTANCE}) {
            double[] g = new double[d + 1];
            double v = Kernels.marginLossGradient(a, y, w, -0.5, phi, null, n, null, g);
            double[] gRef = new double[d + 1];
            double vRef = ReferenceKernels.marginLossGradient(a, y, w, -0.5, phi, gRef);
            assertEquals(vRef, v, 1e-12 * Math.max(1, Math.abs(vRef)));
            double gScale = 1e-12 * Math.max(1, ReferenceKernels.norm2(gRef));
            for (int j = 0; j <= d; j++) {
                assertEquals(gRef[j], g[j], gScale, "gradient " + j);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void norm2NeitherOverflowsNorUnderflows() {
        assertEquals(5e200, Kernels.norm2(new double[] {3e200, 4e200}), 1e186);
        assertEquals(5e-200, Kernels.norm2(new double[] {3e-200, 4e-200}), 1e-214);
        assertEquals(0.0, Kernels.norm2(new double[3]));
    }

    @org.junit.jupiter.api.Test
    void sameBitsComparesLengthsAndBitPatterns() {
        org.junit.jupiter.api.Assertions.assertTrue(Kernels.sameBits(new double[] {-0.0, 2.5, Double.NaN},
                new double[] {-0.0, 2.5, Double.NaN}));
        org.junit.jupiter.api.Assertions.assertFalse(Kernels.sameBits(new double[] {0.0}, new double[] {-0.0}));
        org.junit.jupiter.api.Assertions.assertFalse(Kernels.sameBits(new double[] {1.0}, new double[] {Math.nextUp(1.0)}));
        org.junit.jupiter.api.Assertions.assertFalse(Kernels.sameBits(new double[] {Double.NaN},
                new double[] {Double.longBitsToDouble(0x7ff8000000000001L)}));
        org.junit.jupiter.api.Assertions.assertFalse(Kernels.sameBits(new double[] {1.0}, new double[] {1.0, 2.0}));
    }

    /**
     * The four-row path of leastSquaresAccumulate (SIMD rows) has the bits of its row-by-row loop, for row counts that are
     * and are not multiples of 4, with and without the intercept's entry, continuing running sums from a previous call.
     */
    @org.junit.jupiter.api.Test
    void leastSquaresAccumulateHasTheBitsOfTheRowByRowLoop() {
        RandomStream r = new RandomStream(21);
        for (int d : new int[] {1, 5, 15, 16, 17, 40, 64, 101}) {
            for (int count : new int[] {0, 1, 3, 4, 5, 8, 30, 31}) {
                for (boolean intercept : new boolean[] {false, true}) {
                    int aOff = 3;
                    double[] a = r.gaussians(new double[aOff + count * d]);
                    double[] y = r.gaussians(new double[count + 2]);
                    double[] w = r.gaussians(new double[d]);
                    double b = intercept ? 0.25 : 0.0;
                    double[] acc = r.gaussians(new double[intercept ? d + 1 : d]);
                    double[] want = acc.clone();
                    double value = 1.5;
                    double gotValue = Kernels.leastSquaresAccumulate(a, aOff, d, y, 2, count, w, b, acc, value);
                    double wantValue = Kernels.leastSquaresRows(a, aOff, d, y, 2, count, w, b, want, value,
                            intercept ? want[d] : 0.0);
                    String what = "d = " + d + ", count " + count + ", intercept " + intercept;
                    assertEquals(Double.doubleToRawLongBits(wantValue), Double.doubleToRawLongBits(gotValue), what);
                    for (int j = 0; j < acc.length; j++) {
                        assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(acc[j]), what + ", entry " + j);
                    }
                }
            }
        }
    }
}
