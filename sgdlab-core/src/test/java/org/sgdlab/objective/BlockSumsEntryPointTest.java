package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.random.RandomStream;

/**
 * The public block-sum entry points a distributed sum uses (sgdlab-spark): adding {@link EmpiricalRisk#blockSums} over
 * the blocks of {@link EmpiricalRisk#fullBatchBlockRows} in block order from zero, then
 * {@link EmpiricalRisk#finishFullBatch}, gives {@link EmpiricalRisk#gradient} bit for bit (and the same for the value
 * and for gradientOnly).
 */
class BlockSumsEntryPointTest {
    private static double[] w(int p, long seed) {
        double[] w = new RandomStream(seed).gaussians(new double[p]);
        for (int i = 0; i < p; i++) {
            w[i] *= 0.1;
        }
        return w;
    }

    @Test
    void blockRowsFollowCoresBlockedThreshold() {
        assertEquals(100, EmpiricalRisk.fullBatchBlockRows(100, 2)); // one block below 2¹⁸
        assertEquals(BlockedRows.defaultBlockRows(50), EmpiricalRisk.fullBatchBlockRows(6000, 50));
        assertEquals(1308, EmpiricalRisk.fullBatchBlockRows(6000, 50));
    }

    @Test
    void blockPartialsAddedInBlockOrderReproduceTheGradientBitForBit() {
        Dataset data = EmpiricalRiskTest.randomData(3000, 100, true, 5); // n·d = 3·10⁵: blocked
        for (String name : new String[] {"logistic", "squared", "hinge", "exponential"}) {
            for (boolean intercept : new boolean[] {false, true}) {
                for (Reduction red : Reduction.values()) {
                    Loss loss = Losses.byName(name);
                    EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(100, intercept), loss, red);
                    double[] w = w(f.dimension(), 9);
                    int b = EmpiricalRisk.fullBatchBlockRows(data.n(), data.d());
                    double[] sum = new double[f.dimension()];
                    double[] part = new double[f.dimension()];
                    for (boolean withValue : new boolean[] {true, false}) {
                        Arrays.fill(sum, 0.0);
                        double v = 0.0;
                        double value = 0.0;
                        for (int from = 0; from < data.n(); from += b) {
                            int count = Math.min(b, data.n() - from);
                            v += f.blockSums(w, from, count, part, withValue);
                            for (int j = 0; j < part.length; j++) {
                                sum[j] += part[j];
                            }
                            value += f.blockValue(w, from, count);
                        }
                        double finished = EmpiricalRisk.finishFullBatch(loss, red, data.n(), v, sum);
                        double[] g = new double[f.dimension()];
                        String what = name + " intercept=" + intercept + " " + red + " withValue=" + withValue;
                        if (withValue) {
                            assertEquals(f.gradient(w, g), finished, 0.0, what);
                        } else {
                            f.gradientOnly(w, g);
                        }
                        assertArrayEquals(g, sum, what);
                        assertEquals(f.value(w), red == Reduction.SUM ? value : value * (1.0 / data.n()), 0.0, what);
                    }
                }
            }
        }
    }

    @Test
    void fullBatchSumsAreTheGradientBeforeFinishing() {
        Dataset small = EmpiricalRiskTest.randomData(200, 3, true, 2); // column kernel path
        EmpiricalRisk f = new EmpiricalRisk(small, new LinearModel(3, true), Losses.byName("logistic"), Reduction.MEAN);
        double[] w = w(4, 3);
        double[] g = new double[4];
        double[] s = new double[4];
        double v = f.gradient(w, g);
        double raw = f.fullBatchSums(w, s, true);
        assertEquals(v, EmpiricalRisk.finishFullBatch(f.loss(), Reduction.MEAN, 200, raw, s), 0.0);
        assertArrayEquals(g, s);
    }

    @Test
    void blockRangesOutsideTheRowsAreRejectedWithTheRange() {
        Dataset small = EmpiricalRiskTest.randomData(10, 3, true, 2);
        EmpiricalRisk f = new EmpiricalRisk(small, new LinearModel(3, false), Losses.byName("logistic"), Reduction.MEAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.blockSums(new double[3], 8, 5, new double[3], true));
        assertEquals("row range [8, 8 + 5) is outside the 10 rows of " + small.name(), e.getMessage());
    }
}
