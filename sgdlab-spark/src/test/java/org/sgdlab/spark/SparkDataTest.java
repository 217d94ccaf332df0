package org.sgdlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.data.CsvReader;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.LibsvmReader;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;

/** Spark's CSV and LIBSVM readers give the rows core's own readers give; bad columns are named in the errors. */
class SparkDataTest {
    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();

    private static void assertSameRows(Dataset expected, DistributedRows actual) {
        try {
            Dataset back = SparkRiskBitEqualityTest.collect(actual);
            assertEquals(expected.n(), back.n());
            assertEquals(expected.d(), back.d());
            assertArrayEquals(expected.x().data(), back.x().data());
            assertArrayEquals(expected.y(), back.y());
        } finally {
            actual.unpersist();
        }
    }

    @Test
    void csvWithHeaderReadsAsCoresCsvReaderDoes() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "a,b,label\n0.1,2.5e-3,1\n-1.75,3,-1\n0.3333333333333333,1e10,1\n");
        assertSameRows(CsvReader.read(f, "label"), SparkData.load(spark, f.toString(), null, true, "label"));
        // default label: the column named "label"
        assertSameRows(CsvReader.read(f, "label"), SparkData.load(spark, f.toString(), null, true, null));
    }

    @Test
    void csvWithoutHeaderTakesTheLastColumnAsLabel() throws IOException {
        Path f = dir.resolve("n.csv");
        Files.writeString(f, "1,2,-1\n3,4.5,1\n");
        DistributedRows r = SparkData.load(spark, f.toString(), null, false, null);
        assertEquals(List.of("_c0", "_c1"), r.featureNames());
        assertSameRows(CsvReader.read(f), r);
    }

    @Test
    void libsvmReadsAsCoresLibsvmReaderDoes() throws IOException {
        Path f = dir.resolve("d.libsvm");
        Files.writeString(f, "1 1:0.5 3:2\n-1 2:1.25\n1 1:-3 2:4 3:0.125\n");
        Dataset core = LibsvmReader.read(f);
        DistributedRows r = SparkData.load(spark, f.toString(), null, true, null);
        assertSameRows(core, r);
    }

    @Test
    void aSmallCsvTrainsToTheSameBitsAsOnOneMachine() throws IOException {
        Path f = dir.resolve("t.csv");
        StringBuilder s = new StringBuilder("x0,x1,x2,y\n");
        org.sgdlab.random.RandomStream r = new org.sgdlab.random.RandomStream(4);
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            s.append(a).append(',').append(b).append(',').append(r.nextDouble()).append(',').append(a + b > 0 ? 1 : -1).append('\n');
        }
        Files.writeString(f, s.toString());
        Dataset core = CsvReader.read(f, "y");
        DistributedRows rows = SparkData.load(spark, f.toString(), "csv", true, "y");
        try {
            TrainConfig c = TrainConfig.gd("logistic", 0.5, 20);
            SparkTraining.Result a = SparkTraining.train(
                    new EmpiricalRisk(core, c.riskSpec().model(3), c.riskSpec().lossFunction(), Reduction.MEAN), c, 2);
            SparkTraining.Result b = SparkTraining.train(new SparkRisk(rows, c.riskSpec()), c, 2);
            assertArrayEquals(a.params(), b.params());
        } finally {
            rows.unpersist();
        }
    }

    @Test
    void badColumnsAreNamed() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,name,label\n1,x,1\n2,y,-1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.load(spark, f.toString(), null, true, "label"));
        assertTrue(e.getMessage().contains("column \"name\" is string, not numeric"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SparkData.load(spark, f.toString(), null, true, "target"));
        assertEquals("label column \"target\" not found; columns: [a, name, label]", missing.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> SparkData.formatOf("x.dat", "orc"));
        assertEquals("format must be parquet, csv or libsvm, got \"orc\"", format.getMessage());
    }
}
