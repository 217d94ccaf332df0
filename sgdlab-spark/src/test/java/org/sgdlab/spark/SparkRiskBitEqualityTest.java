package org.sgdlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * Spark's distributed sums against core's single-machine objective and trainer on the same rows, compared bit for bit
 * ({@code assertArrayEquals} on doubles compares their bits): the gradient and value at a point, and whole training
 * runs (final parameters and every traced loss, norm and gradient norm). Runs on local[2] and, in a second JVM, on
 * local[4] (the surefire execution "local4").
 *
 * <p>The main data set, 6000 × 50, is above core's blocked threshold (n·d ≥ 2¹⁸): core sums it in 5 blocks of 1308
 * rows; Spark reads it from one Parquet file in small row groups, i.e. in several partitions whose boundaries are not
 * the blocks'.
 */
class SparkRiskBitEqualityTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static Dataset data;
    static DistributedRows rows;
    static int sourcePartitions;

    @BeforeAll
    static void setUp() {
        spark = SparkTestSession.get();
        data = Generators.separableGaussians(6000, 50, 0.1, 7);
        String path = TestData.parquet(spark, data, dir, 256 * 1024);
        spark.conf().set("spark.sql.files.maxPartitionBytes", "300000");
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = SparkData.read(spark, path, null, true);
        sourcePartitions = df.rdd().getNumPartitions();
        rows = SparkData.rows(path, df, "label");
        spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }

    @AfterAll
    static void tearDown() {
        rows.unpersist();
    }

    @Test
    void theSourceIsReadInSeveralPartitionsThatCutBlocks() {
        assertEquals(6000, rows.n());
        assertEquals(50, rows.d());
        assertEquals(EmpiricalRisk.fullBatchBlockRows(6000, 50), rows.blockRows());
        assertEquals(5, rows.blockCount());
        assertTrue(sourcePartitions > 5, "the source should be read in several partitions, got " + sourcePartitions);
    }

    private static double[] point(int p, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = 0.3 * r.nextGaussian();
        }
        return w;
    }

    private static void assertSameGradient(RiskSpec spec, Dataset on) {
        EmpiricalRisk local = new EmpiricalRisk(on, spec.model(on.d()), spec.lossFunction(), spec.reduction());
        SparkRisk distributed = new SparkRisk(rows, spec);
        double[] w = point(local.dimension(), 3);
        double[] g0 = new double[w.length];
        double[] g1 = new double[w.length];
        double v0 = local.gradient(w, g0);
        double v1 = distributed.gradient(w, g1);
        assertArrayEquals(g0, g1, spec + ": gradient");
        assertEquals(v0, v1, 0.0, spec + ": gradient's value");
        local.gradientOnly(w, g0);
        distributed.gradientOnly(w, g1);
        assertArrayEquals(g0, g1, spec + ": gradientOnly");
        assertEquals(local.value(w), distributed.value(w), 0.0, spec + ": value");
    }

    @Test
    void fullBatchGradientAndValueEqualCoresBitForBit() {
        assertSameGradient(new RiskSpec("logistic", false, Reduction.MEAN), data);
        assertSameGradient(new RiskSpec("squared", true, Reduction.SUM), data);
        assertSameGradient(new RiskSpec("hinge", true, Reduction.MEAN), data);
        assertSameGradient(new RiskSpec("exponential", false, Reduction.SUM), data);
    }

    private static void assertSameRun(TrainConfig c) {
        EmpiricalRisk local = new EmpiricalRisk(data, c.riskSpec().model(data.d()), c.riskSpec().lossFunction(), c.reduction());
        SparkTraining.Result a = SparkTraining.train(local, c, 2);
        SparkTraining.Result b = SparkTraining.train(new SparkRisk(rows, c.riskSpec()), c, 2);
        assertArrayEquals(a.params(), b.params(), c + ": final parameters");
        assertTrue(a.result().trace().size() >= 3, "trace rows: " + a.result().trace().size());
        assertTrue(a.result().trace().sameValues(b.result().trace()), c + ": traces differ\n" + a.result().trace()
                + "\n" + b.result().trace());
        assertEquals(a.loss(), b.loss(), 0.0);
        assertEquals(a.gradNorm(), b.gradNorm(), 0.0);
        assertEquals(local.value(a.params()), a.loss(), 0.0, "the final loss is f(w_T)");
        double[] g = new double[local.dimension()];
        local.gradient(a.params(), g);
        assertEquals(org.sgdlab.linalg.Kernels.norm2(g), a.gradNorm(), 0.0, "the final gradient norm is ‖∇f(w_T)‖");
        assertTrue(a.loss() < Math.log(2), "training made progress: " + a.loss());
    }

    @Test
    void fullBatchGdRunEqualsTheSingleMachineRunBitForBit() {
        assertSameRun(TrainConfig.gd("logistic", 0.5, 12));
    }

    @Test
    void fullBatchRunsOfOtherOptimizerChainsEqualTheirSingleMachineRuns() {
        TrainConfig gd = TrainConfig.gd("logistic", 0.05, 8);
        assertSameRun(gd.with("adam", Map.of(), null, 1));
        assertSameRun(gd.with("sgd", Map.of("momentum", 0.9, "nesterov", 1.0), "full", 1));
        assertSameRun(gd.with("adagrad", Map.of(), "full", 1));
    }

    @Test
    void minibatchSgdRunsEqualTheSingleMachineRunsForTheSameSeed() {
        TrainConfig gd = TrainConfig.gd("logistic", 0.05, 6);
        assertSameRun(gd.with("sgd", Map.of(), "with-replacement", 32));
        assertSameRun(gd.with("adam", Map.of(), "shuffled", 64));
    }

    @Test
    void aProblemBelowTheBlockedThresholdIsOneBlockAndStillMatches() {
        Dataset small = Generators.separableGaussians(300, 3, 0.2, 11);
        DistributedRows one = SparkData.rows("small", TestData.frame(spark, small).repartition(3), "label");
        try {
            assertEquals(1, one.blockCount());
            RiskSpec spec = new RiskSpec("logistic", true, Reduction.MEAN); // core's column kernel
            double[] w = point(4, 5);
            double[] g0 = new double[4];
            double[] g1 = new double[4];
            // repartition(3) shuffles the rows: compare with core on the rows in Spark's order
            new SparkRisk(one, spec).gradient(w, g1);
            Dataset same = collect(one);
            new EmpiricalRisk(same, spec.model(3), spec.lossFunction(), spec.reduction()).gradient(w, g0);
            assertArrayEquals(g0, g1);
        } finally {
            one.unpersist();
        }
    }

    /** The packed rows back in one in-memory data set, in global row order. */
    static Dataset collect(DistributedRows r) {
        double[] x = new double[r.n() * r.d()];
        double[] y = new double[r.n()];
        for (RowBlock b : r.blocks().collect()) {
            for (int k = 0; k < b.rows(); k++) {
                System.arraycopy(b.row(k), 0, x, (b.firstRow() + k) * r.d(), r.d());
                y[b.firstRow() + k] = b.target(k);
            }
        }
        return new Dataset(r.name(), new org.sgdlab.linalg.Matrix(r.n(), r.d(), x), y);
    }

    @Test
    void theBlocksHoldTheSourceRowsInFileOrder() {
        Dataset back = collect(rows);
        assertArrayEquals(data.x().data(), back.x().data());
        assertArrayEquals(data.y(), back.y());
    }
}
