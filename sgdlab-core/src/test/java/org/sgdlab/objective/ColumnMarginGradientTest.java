package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Simd;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.MarginLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;

/** The column-wise SIMD gradient of short-row problems against a plain scalar sum of φ'(mᵢ)yᵢ(xᵢ, 1). */
class ColumnMarginGradientTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 40;
        for (MarginLoss loss : List.of(LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE)) {
            for (int n : new int[] {1, 3, 4, 5, 17, 100, 1001}) {
                for (int d : new int[] {1, 2, 5, 15}) {
                    out.add(Arguments.of(loss, n, d, (n + d) % 2 == 0, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheScalarSum(MarginLoss loss, int n, int d, boolean intercept, long seed) {
        assumeTrue(Simd.ENABLED, Simd.describe());
        Dataset data = EmpiricalRiskTest.randomData(n, d, true, seed);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, intercept), loss, Reduction.SUM);
        double[] w = new RandomStream(seed + 1).gaussians(new double[f.dimension()]);
        // large weights in some cases, so margins reach the far tails (e^{-m} underflow, overflow for the exponential)
        double spread = seed % 3 == 0 ? 300 : 2;
        for (int j = 0; j < w.length; j++) {
            w[j] *= spread / Math.sqrt(d);
        }
        double[] g = new double[w.length];
        double v = f.gradient(w, g);
        double[] gOnly = new double[w.length];
        f.gradientOnly(w, gOnly);

        double[] want = new double[w.length];
        double wantValue = 0;
        double[] absSum = new double[w.length];
        for (int i = 0; i < n; i++) {
            double p = intercept ? w[d] : 0.0;
            for (int j = 0; j < d; j++) {
                p += data.x().get(i, j) * w[j];
            }
            double yi = data.y()[i];
            double m = yi * p;
            wantValue += loss.value(m);
            double c = loss.derivative(m) * yi;
            for (int j = 0; j < d; j++) {
                want[j] += c * data.x().get(i, j);
                absSum[j] += Math.abs(c * data.x().get(i, j));
            }
            if (intercept) {
                want[d] += c;
                absSum[d] += Math.abs(c);
            }
        }
        for (int j = 0; j < w.length; j++) {
            if (Double.isInfinite(want[j])) {
                assertEquals(want[j], g[j], "entry " + j);
                continue;
            }
            // margins and sums grouped differently, exp within 1 ulp: relative to Σ|terms|, a few n·ε
            double tol = 8 * (n + d + 4) * 0x1p-53 * absSum[j] * (1 + spread * Math.sqrt(d));
            assertEquals(want[j], g[j], tol, "gradient entry " + j);
            assertEquals(Double.doubleToRawLongBits(g[j]), Double.doubleToRawLongBits(gOnly[j]),
                    "gradient and gradientOnly share the arithmetic, entry " + j);
        }
        if (Double.isFinite(wantValue)) {
            assertEquals(wantValue, v, 1e-12 * Math.max(1, Math.abs(wantValue)) * (1 + spread));
        }
    }

    @Test
    void aSmallLogisticRiskTakesTheColumnPath() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        Dataset data = EmpiricalRiskTest.randomData(100, 2, true, 3);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(2, true), LogisticLoss.INSTANCE, Reduction.SUM);
        double[] w = {0.3, -0.2, 0.1};
        double[] g = new double[3];
        f.gradientOnly(w, g);
        double[] want = new double[3];
        ColumnMarginGradient.forProblem(data.x(), data.y(), true, LogisticLoss.INSTANCE, false).sum(w, want, false);
        for (int j = 0; j < 3; j++) {
            assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(g[j]), "entry " + j);
        }
    }

    @Test
    void appliesOnlyToShortRowsOfTheExponentialTailedLosses() {
        assumeTrue(Simd.ENABLED, Simd.describe());
        Dataset small = EmpiricalRiskTest.randomData(50, 3, true, 1);
        assertNotNull(ColumnMarginGradient.forProblem(small.x(), small.y(), true, LogisticLoss.INSTANCE, false));
        assertNull(ColumnMarginGradient.forProblem(small.x(), small.y(), true, HingeLoss.INSTANCE, false));
        assertNull(ColumnMarginGradient.forProblem(small.x(), small.y(), true, LogisticLoss.INSTANCE, true));
        Dataset wide = EmpiricalRiskTest.randomData(5, ColumnMarginGradient.MAX_COLUMNS, true, 2);
        assertNull(ColumnMarginGradient.forProblem(wide.x(), wide.y(), true, LogisticLoss.INSTANCE, false));
        assertNotNull(ColumnMarginGradient.forProblem(wide.x(), wide.y(), false, LogisticLoss.INSTANCE, false));
    }
}
