package org.sgdlab.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.MappedFixtures;
import org.sgdlab.data.MappedRows;
import org.sgdlab.data.NpyWriter;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.ReferenceKernels;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.probe.Probes;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * The blocked, multithreaded full-batch sums and the memory-mapped row source: same bits for every
 * thread count, same bits mapped as in memory (tiny chunks and blocks force every boundary case), and
 * the blocked sums agree with the naive two-pass reference kernels.
 */
class BlockedAndMappedRiskTest {
    private final int savedThreads = Parallel.threads();

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private static double[] w(int p, long seed) {
        double[] w = new RandomStream(seed).gaussians(new double[p]);
        for (int i = 0; i < p; i++) {
            w[i] *= 0.1;
        }
        return w;
    }

    @Test
    void largeGradientsHaveTheSameBitsForOneTwoThreeAndEightThreads() {
        Dataset data = EmpiricalRiskTest.randomData(3000, 100, true, 11); // n·d = 3·10⁵ ≥ 2¹⁸: blocked path
        for (String lossName : List.of("logistic", "squared", "hinge")) {
            Loss loss = Losses.byName(lossName);
            EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(100, true), loss, Reduction.MEAN);
            double[] w = w(101, 3);
            double[] ref = null;
            double refValue = 0;
            double refV = 0;
            for (int t : new int[] {1, 2, 3, 8}) {
                Parallel.setThreads(t);
                double[] g = new double[101];
                double v = f.gradient(w, g);
                double val = f.value(w);
                if (ref == null) {
                    ref = g;
                    refValue = v;
                    refV = val;
                }
                assertArrayEquals(ref, g, 0.0, lossName + " gradient, " + t + " threads");
                assertEquals(refValue, v, 0.0, lossName + " value from gradient, " + t + " threads");
                assertEquals(refV, val, 0.0, lossName + " value, " + t + " threads");
            }
        }
    }

    private static double relErr(double[] got, double[] want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - want[i]) * (got[i] - want[i]);
            den += want[i] * want[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void blockedGradientsMatchTheNaiveTwoPassReference() {
        Parallel.setThreads(2);
        Dataset data = EmpiricalRiskTest.randomData(4000, 70, true, 12);
        double[] w = w(71, 4);
        EmpiricalRisk ls = new EmpiricalRisk(data, new LinearModel(70, true), SquaredLoss.INSTANCE, Reduction.SUM);
        double[] g = new double[71];
        double v = ls.gradient(w, g);
        double[] gRef = new double[71];
        double vRef = ReferenceKernels.leastSquaresResidualGradient(data.x(), data.y(), w, w[70], gRef);
        double[] pred = ReferenceKernels.gemv(data.x(), w);
        for (int i = 0; i < pred.length; i++) {
            gRef[70] += pred[i] + w[70] - data.y()[i]; // the reference fills only the d weight entries
        }
        assertTrue(relErr(g, gRef) < 1e-12, "least squares rel. error " + relErr(g, gRef));
        assertEquals(vRef, v, 1e-12 * vRef);
        EmpiricalRisk lg = new EmpiricalRisk(data, new LinearModel(70, true), LogisticLoss.INSTANCE, Reduction.SUM);
        v = lg.gradient(w, g);
        vRef = ReferenceKernels.marginLossGradient(data.x(), data.y(), w, w[70], LogisticLoss.INSTANCE, gRef);
        assertTrue(relErr(g, gRef) < 1e-12, "logistic rel. error " + relErr(g, gRef));
        assertEquals(vRef, v, 1e-12 * vRef);
    }

    @Test
    void smallProblemsKeepTheSequentialOnePassArithmetic() {
        // The squared hinge: the logistic and exponential losses take the column path on short rows instead
        // (ColumnMarginGradientTest).
        Dataset data = EmpiricalRiskTest.randomData(100, 2, true, 13);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(2, false), SquaredHingeLoss.INSTANCE, Reduction.MEAN);
        double[] w = {0.3, -0.2};
        double[] g = new double[2];
        double v = f.gradient(w, g);
        double[] gk = new double[2];
        double vk = Kernels.marginLossGradient(data.x(), data.y(), w, 0.0, SquaredHingeLoss.INSTANCE, null, 100, null, gk);
        assertArrayEquals(new double[] {gk[0] / 100, gk[1] / 100}, g, 0.0);
        assertEquals(vk / 100, v, 0.0);
    }

    /**
     * In memory vs mapped with 3-row chunks; both with {@code blockRows}-row blocks on the given path;
     * the mapped rows are copied 3 at a time, so copies straddle blocks' and chunks' boundaries alike.
     */
    private EmpiricalRisk[] pair(Dataset data, Loss loss, boolean intercept, Reduction red, int blockRows, boolean blocked) {
        Path f = dir.resolve("x" + System.nanoTime() + ".npy");
        NpyWriter.write(f, data.x());
        MappedRows rows = MappedFixtures.npyWithChunkBytes(f, 3L * 8 * data.d());
        LinearModel m = new LinearModel(data.d(), intercept);
        return new EmpiricalRisk[] {
            EmpiricalRisk.withBlocks("mem", data.x(), data.y(), m, loss, red, blockRows, 3, blocked),
            EmpiricalRisk.withBlocks("map", rows, data.y(), m, loss, red, blockRows, 3, blocked)
        };
    }

    @Test
    void mappedRowsGiveBitIdenticalValuesGradientsAndMinibatches() {
        Dataset data = EmpiricalRiskTest.randomData(41, 5, true, 14);
        for (Loss loss : List.of(LogisticLoss.INSTANCE, SquaredLoss.INSTANCE, HingeLoss.INSTANCE)) {
            for (boolean blocked : new boolean[] {false, true}) {
                for (int t : new int[] {1, 3}) {
                    Parallel.setThreads(t);
                    EmpiricalRisk[] p = pair(data, loss, true, Reduction.MEAN, 8, blocked);
                    double[] w = w(6, 5);
                    String what = loss.name() + (blocked ? " blocked" : " sequential") + ", " + t + " threads";
                    assertEquals(p[0].value(w), p[1].value(w), 0.0, what);
                    double[] g0 = new double[6];
                    double[] g1 = new double[6];
                    assertEquals(p[0].gradient(w, g0), p[1].gradient(w, g1), 0.0, what);
                    assertArrayEquals(g0, g1, 0.0, what);
                    int[] batch = {40, 3, 3, 17, 0, 22, 39, 8, 5};
                    assertEquals(p[0].minibatchGradient(w, batch, batch.length, g0),
                            p[1].minibatchGradient(w, batch, batch.length, g1), 0.0, what);
                    assertArrayEquals(g0, g1, 0.0, what);
                    assertArrayEquals(p[0].predictions(w, new double[41]), p[1].predictions(w, new double[41]), 0.0, what);
                    if (loss != SquaredLoss.INSTANCE) {
                        assertEquals(p[0].logValue(w), p[1].logValue(w), 0.0, what);
                        assertEquals(p[0].gradientDirection(w, g0), p[1].gradientDirection(w, g1), 0.0, what);
                        assertArrayEquals(g0, g1, 0.0, what);
                    }
                }
            }
        }
    }

    @Test
    void trainingOnAMappedFileGivesTheSameBitsAsInMemory() {
        Dataset data = EmpiricalRiskTest.randomData(57, 4, true, 15);
        for (boolean blocked : new boolean[] {false, true}) {
            EmpiricalRisk[] p = pair(data, LogisticLoss.INSTANCE, true, Reduction.MEAN, 8, blocked);
            for (String sampler : List.of("full", "shuffled", "with-replacement", "single")) {
                TrainResult[] r = new TrainResult[2];
                for (int k = 0; k < 2; k++) {
                    Trainer.Builder b = Trainer.builder(p[k], Optimizers.sgd(0.5)).probes(Probes.loss(), Probes.gradientNorm(5));
                    b.sampler(switch (sampler) {
                        case "full" -> Samplers.fullBatch(57);
                        case "shuffled" -> Samplers.shuffledEpochs(57, 5, new RandomStream(7));
                        case "with-replacement" -> Samplers.withReplacement(57, 3, new RandomStream(8));
                        default -> Samplers.shuffledEpochs(57, 1, new RandomStream(9));
                    });
                    r[k] = b.build().run(new double[5], 300);
                }
                String what = sampler + (blocked ? " blocked" : "");
                assertArrayEquals(r[0].params(), r[1].params(), 0.0, what);
                assertEquals(r[0].trace().size(), r[1].trace().size(), what);
                for (int i = 0; i < r[0].trace().size(); i++) {
                    assertArrayEquals(r[0].trace().row(i), r[1].trace().row(i), 0.0, what + " trace row " + i);
                }
            }
        }
    }

    @Test
    void binaryFileWithTinyChunksTrainsLikeMemory() {
        Dataset data = EmpiricalRiskTest.randomData(30, 3, false, 16);
        Path f = dir.resolve("d.bin");
        MappedFixtures.writeBinary(f, data);
        var mapped = MappedFixtures.binaryWithChunkBytes(f, 2 * 3 * 8);
        LinearModel m = new LinearModel(3, true);
        EmpiricalRisk mem = new EmpiricalRisk(data, m, SquaredLoss.INSTANCE, Reduction.MEAN);
        EmpiricalRisk map = EmpiricalRisk.overRows("d", mapped.x(), mapped.y(), m, SquaredLoss.INSTANCE, Reduction.MEAN);
        double[] a = Trainer.builder(mem, Optimizers.sgd(0.05)).build().run(new double[4], 200).params();
        double[] b = Trainer.builder(map, Optimizers.sgd(0.05)).build().run(new double[4], 200).params();
        assertArrayEquals(a, b, 0.0);
        assertThrows(IllegalStateException.class, map::data);
    }
}
