package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;

/** Gradients of the empirical risk against central finite differences, for every loss, reduction and intercept choice. */
class EmpiricalRiskTest {
    static Dataset randomData(int n, int d, boolean binary, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = binary ? (r.nextDouble() < 0.5 ? -1 : 1) : r.nextGaussian();
        }
        return new Dataset("random", new Matrix(n, d, r.gaussians(new double[n * d])), y);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (String loss : List.of("squared", "logistic", "exponential", "hinge", "squared-hinge")) {
            for (Reduction red : Reduction.values()) {
                for (boolean intercept : new boolean[] {false, true}) {
                    out.add(Arguments.of(loss, red, intercept, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String lossName, Reduction red, boolean intercept, long seed) {
        Loss loss = Losses.byName(lossName);
        Dataset data = randomData(13, 4, loss.needsBinaryLabels(), seed);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(4, intercept), loss, red);
        double[] w = new RandomStream(seed + 100).gaussians(new double[f.dimension()]);
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.3;
        }
        double[] g = new double[w.length];
        double v = f.gradient(w, g);
        assertEquals(f.value(w), v, 1e-12 * Math.max(1, Math.abs(v)));
        double h = 1e-6;
        for (int j = 0; j < w.length; j++) {
            double[] wp = w.clone();
            double[] wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            double fd = (f.value(wp) - f.value(wm)) / (2 * h);
            // hinge is piecewise linear: a kink inside [w−h, w+h] is improbable for random data
            assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), lossName + " " + red + " coordinate " + j);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void minibatchOfAllRowsEqualsFullGradient(String lossName, Reduction red, boolean intercept, long seed) {
        Loss loss = Losses.byName(lossName);
        Dataset data = randomData(9, 3, loss.needsBinaryLabels(), seed);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(3, intercept), loss, red);
        double[] w = new RandomStream(seed).gaussians(new double[f.dimension()]);
        double[] g = new double[w.length];
        double[] gb = new double[w.length];
        f.gradient(w, g);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        f.minibatchGradient(w, all, 9, gb);
        for (int j = 0; j < w.length; j++) {
            assertEquals(g[j], gb[j], 1e-12 * Math.max(1, Math.abs(g[j])));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientOnlyEqualsGradientBitForBit(String lossName, Reduction red, boolean intercept, long seed) {
        Loss loss = Losses.byName(lossName);
        Dataset data = randomData(11, 3, loss.needsBinaryLabels(), seed);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(3, intercept), loss, red);
        double[] w = new RandomStream(seed).gaussians(new double[f.dimension()]);
        double[] a = new double[w.length];
        double[] b = new double[w.length];
        f.gradient(w, a);
        f.gradientOnly(w, b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
        int[] batch = {3, 3, 7, 0};
        f.minibatchGradient(w, batch, 4, a);
        f.minibatchGradientOnly(w, batch, 4, b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0);
    }

    @Test
    void minibatchEstimateIsUnbiasedOverAllSingletons() {
        Dataset data = randomData(7, 3, true, 5);
        for (Reduction red : Reduction.values()) {
            EmpiricalRisk f = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, red);
            double[] w = {0.3, -0.2, 0.9};
            double[] g = new double[3];
            f.gradient(w, g);
            double[] mean = new double[3];
            double[] gi = new double[3];
            for (int i = 0; i < 7; i++) {
                f.minibatchGradient(w, new int[] {i}, 1, gi);
                Kernels.axpy(1.0 / 7, gi, mean);
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(g[j], mean[j], 1e-14, red + " coordinate " + j);
            }
        }
    }

    @Test
    void gradientDirectionSurvivesUnderflow() {
        // margins around 2000: every e^{-m} underflows to 0, so the plain gradient is exactly zero,
        // but the direction from shifted log-weights is still the one at moderate scale.
        double[] w = {0.7, -0.4, 0.2};
        Dataset raw = randomData(20, 3, true, 9);
        double[] y = raw.x().times(w);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.signum(y[i]); // labels from w: every margin is positive
        }
        Dataset data = new Dataset("separable", raw.x(), y);
        EmpiricalRisk f = EmpiricalRisk.of(data, ExponentialLoss.INSTANCE, Reduction.SUM);
        double[] dirSmall = new double[3];
        double logNormSmall = f.gradientDirection(w, dirSmall);
        double[] g = new double[3];
        f.gradient(w, g);
        assertEquals(Math.log(Kernels.norm2(g)), logNormSmall, 1e-12);
        for (int j = 0; j < 3; j++) {
            assertEquals(g[j] / Kernels.norm2(g), dirSmall[j], 1e-14);
        }
        // scaling w by c scales margins by c; choose c so that every margin exceeds 800 (e^{-800} underflows)
        double c = 800 / f.minMargin(w);
        double[] big = {w[0] * c, w[1] * c, w[2] * c};
        double[] dir = new double[3];
        double logNorm = f.gradientDirection(big, dir);
        assertTrue(Double.isFinite(logNorm) && logNorm < -700, "log-norm " + logNorm);
        assertEquals(1.0, Kernels.norm2(dir), 1e-14);
        // independent evaluation: −Σ e^{-(mᵢ − m_min)} yᵢ xᵢ, normalized
        double[] m = f.margins(big, new double[20]);
        double mMin = Double.POSITIVE_INFINITY;
        for (double v : m) {
            mMin = Math.min(mMin, v);
        }
        double[] expected = new double[3];
        for (int i = 0; i < 20; i++) {
            double wt = Math.exp(-(m[i] - mMin));
            for (int j = 0; j < 3; j++) {
                expected[j] -= wt * y[i] * data.x().get(i, j);
            }
        }
        double en = Kernels.norm2(expected);
        for (int j = 0; j < 3; j++) {
            assertEquals(expected[j] / en, dir[j], 1e-13);
        }
        assertEquals(-mMin + Math.log(en), logNorm, 1e-12);
        f.gradient(big, g);
        assertEquals(0.0, Kernels.norm2(g), 0.0, "plain gradient underflows (that is why the direction form exists)");
    }

    @Test
    void logValueMatchesLogOfValue() {
        Dataset data = randomData(15, 4, true, 3);
        for (Reduction red : Reduction.values()) {
            EmpiricalRisk f = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, red);
            double[] w = {0.1, 0.2, -0.3, 0.4};
            assertEquals(Math.log(f.value(w)), f.logValue(w), 1e-13);
        }
    }

    @Test
    void marginLossRejectsNonBinaryLabels() {
        Dataset data = randomData(5, 2, false, 4);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.MEAN));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-1 or +1"), e.getMessage());
    }
}
