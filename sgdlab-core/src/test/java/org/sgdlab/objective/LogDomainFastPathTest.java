package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;

/**
 * The fast paths of the log-domain quantities (exponentials that underflow skipped, zero weights not divided, short rows
 * added inline, predictions by columns on SIMD) against the plain formulas they replace, bit for bit.
 */
class LogDomainFastPathTest {

    private static void assertSameBits(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": want " + want + ", got " + got);
    }

    /** Makes the column paths of this JVM take the SIMD kernel from now on (they start on gemv, same bits). */
    static void useUpScalarCalls() {
        ColumnPredictions tiny = ColumnPredictions.forMatrix(new Matrix(1, 1, new double[] {1}));
        if (tiny != null) {
            double[] out = new double[1];
            for (int k = 0; k < ColumnPredictions.SCALAR_CALLS; k++) {
                tiny.predictions(new double[] {1}, out);
            }
        }
    }

    @Test
    void expOrZeroIsMathExpBitForBit() {
        List<Double> xs = new ArrayList<>(List.of(-745.1332191019411, -745.1332191019412, -745.13321910194122, -744.44,
                EmpiricalRisk.EXP_IS_ZERO_BELOW, Math.nextUp(EmpiricalRisk.EXP_IS_ZERO_BELOW),
                Math.nextDown(EmpiricalRisk.EXP_IS_ZERO_BELOW), -1e300, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY,
                Double.NaN, 0.0, -0.0, 709.8, 710.0, Double.POSITIVE_INFINITY));
        for (double x = -760; x <= -730; x += 1e-3) {
            xs.add(x);
        }
        RandomStream r = new RandomStream(7);
        for (int i = 0; i < 100_000; i++) {
            xs.add(-800 + 1600 * r.nextDouble());
        }
        for (double x : xs) {
            assertSameBits(Math.exp(x), EmpiricalRisk.expOrZero(x), "exp(" + x + ")");
        }
        // the reason the threshold is safe: the JVM's exp is already +0.0 there
        assertSameBits(0.0, Math.exp(EmpiricalRisk.EXP_IS_ZERO_BELOW), "exp at the threshold");
    }

    @Test
    void columnPredictionsAreGemvBitForBit() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        long seed = 11;
        for (int n : new int[] {1, 3, 4, 5, 17, 50, 101}) {
            for (int d = 1; d < Kernels.SIMD_DOT_MIN; d++) {
                RandomStream r = new RandomStream(seed++);
                Matrix x = new Matrix(n, d, r.gaussians(new double[n * d]));
                double[] w = r.gaussians(new double[d]);
                for (int j = 0; j < d; j++) {
                    w[j] *= Math.pow(10, 6 * r.nextDouble() - 3); // mixed scales, so every rounding shows
                }
                ColumnPredictions c = ColumnPredictions.forMatrix(x);
                assertNotNull(c, n + " × " + d);
                double[] want = new double[n];
                Kernels.gemv(x, w, want);
                double[] got = new double[n];
                c.simdPredictions(w, got);
                for (int i = 0; i < n; i++) {
                    assertSameBits(want[i], got[i], n + " × " + d + ", row " + i);
                }
            }
        }
    }

    static Stream<Arguments> problems() {
        List<Arguments> out = new ArrayList<>();
        long seed = 300;
        for (MarginLoss loss : List.of(ExponentialLoss.INSTANCE, LogisticLoss.INSTANCE)) {
            for (int d : new int[] {2, 10, 15, 16, 40}) {
                for (double spread : new double[] {0.1, 3, 300, 1e5}) {
                    out.add(Arguments.of(loss, 50, d, spread, seed % 2 == 0, seed++));
                }
            }
        }
        return out.stream();
    }

    /**
     * normalizedSampleWeights, gradientDirection and logValue against the plain formulas (every weight through
     * Math.exp and divided, one axpy per row, predictions by gemv), at margins spread from 0.1 to 10⁵ (where all but
     * a few weights underflow), on the row-wise and on the column (SIMD) predictions.
     */
    @ParameterizedTest
    @MethodSource("problems")
    void logDomainQuantitiesMatchThePlainFormulas(MarginLoss loss, int n, int d, double spread, boolean intercept, long seed) {
        Dataset data = EmpiricalRiskTest.randomData(n, d, true, seed);
        for (Reduction red : Reduction.values()) {
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, intercept), loss, red);
            double[] w = new RandomStream(seed + 1).gaussians(new double[f.dimension()]);
            for (int j = 0; j < w.length; j++) {
                w[j] *= spread / Math.sqrt(d);
            }
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) { // past the calls the column path leaves to gemv in a JVM
                    useUpScalarCalls();
                }
                double[] weights = new double[n];
                double logTotal = f.normalizedSampleWeights(w, weights);
                double[] wantWeights = new double[n];
                double wantLogTotal = plainWeights(data, loss, w, d, intercept, wantWeights);
                assertSameBits(wantLogTotal, logTotal, "log Σc");
                for (int i = 0; i < n; i++) {
                    assertSameBits(wantWeights[i], weights[i], "weight " + i);
                }
                double[] dir = new double[w.length];
                double logNorm = f.gradientDirection(w, dir);
                double[] wantDir = new double[w.length];
                double wantLogNorm = plainDirection(data, loss, red, w, d, intercept, wantDir);
                assertSameBits(wantLogNorm, logNorm, "log‖∇L‖");
                for (int j = 0; j < w.length; j++) {
                    assertSameBits(wantDir[j], dir[j], "direction " + j);
                }
                assertSameBits(plainLogValue(data, loss, red, w, d, intercept), f.logValue(w), "log L");
            }
            if (spread >= 1e5) {
                double[] weights = new double[n];
                f.normalizedSampleWeights(w, weights);
                assertTrue(Arrays.stream(weights).filter(v -> v == 0.0).count() > 0, "the case exercises underflow");
            }
        }
    }

    /**
     * A NaN or infinite parameter makes the weights' sum NaN: then every weight is divided, zeros included, as the plain
     * formula does (the branch the finite cases never take).
     */
    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aNonFiniteParameterGivesThePlainFormulasNaNsAndZeros(double bad) {
        int n = 30;
        int d = 5;
        Dataset data = EmpiricalRiskTest.randomData(n, d, true, 11);
        for (MarginLoss loss : List.of(ExponentialLoss.INSTANCE, LogisticLoss.INSTANCE)) {
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), loss, Reduction.MEAN);
            double[] w = new RandomStream(12).gaussians(new double[d]);
            w[0] = bad;
            double[] weights = new double[n];
            double logTotal = f.normalizedSampleWeights(w, weights);
            double[] wantWeights = new double[n];
            assertSameBits(plainWeights(data, loss, w, d, false, wantWeights), logTotal, "log Σc");
            for (int i = 0; i < n; i++) {
                assertSameBits(wantWeights[i], weights[i], "weight " + i);
            }
            double[] dir = new double[d];
            double[] wantDir = new double[d];
            assertSameBits(plainDirection(data, loss, Reduction.MEAN, w, d, false, wantDir), f.gradientDirection(w, dir),
                    "log‖∇L‖");
            for (int j = 0; j < d; j++) {
                assertSameBits(wantDir[j], dir[j], "direction " + j);
            }
        }
    }

    private static double[] plainMargins(Dataset data, double[] w, int d, boolean intercept) {
        int n = data.y().length;
        double[] m = new double[n];
        Kernels.gemv(data.x(), w, m);
        double b = intercept ? w[d] : 0.0;
        for (int i = 0; i < n; i++) {
            if (b != 0.0) {
                m[i] += b;
            }
            m[i] *= data.y()[i];
        }
        return m;
    }

    private static double plainWeights(Dataset data, MarginLoss loss, double[] w, int d, boolean intercept, double[] out) {
        double[] m = plainMargins(data, w, d, intercept);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m.length; i++) {
            out[i] = loss.logNegDerivative(m[i]);
            max = Math.max(max, out[i]);
        }
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            out[i] = Math.exp(out[i] - max);
            s += out[i];
        }
        for (int i = 0; i < m.length; i++) {
            out[i] /= s;
        }
        return max + Math.log(s);
    }

    private static double plainDirection(Dataset data, MarginLoss loss, Reduction red, double[] w, int d, boolean intercept,
                                         double[] out) {
        int n = data.y().length;
        double[] c = new double[n];
        double logTotal = plainWeights(data, loss, w, d, intercept, c);
        double gb = 0;
        for (int i = 0; i < n; i++) {
            double ci = -c[i] * data.y()[i];
            if (ci != 0.0) {
                Kernels.axpy(ci, data.x().data(), i * d, out, 0, d);
                gb += ci;
            }
        }
        if (intercept) {
            out[d] = gb;
        }
        double norm = Kernels.norm2(out);
        for (int j = 0; j < out.length; j++) {
            out[j] /= norm;
        }
        return logTotal + Math.log(norm) + Math.log(red == Reduction.SUM ? 1.0 : 1.0 / n);
    }

    private static double plainLogValue(Dataset data, MarginLoss loss, Reduction red, double[] w, int d, boolean intercept) {
        double[] l = plainMargins(data, w, d, intercept);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < l.length; i++) {
            l[i] = loss.logValue(l[i]);
            max = Math.max(max, l[i]);
        }
        double s = 0;
        for (double v : l) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s) + Math.log(red == Reduction.SUM ? 1.0 : 1.0 / l.length);
    }
}
