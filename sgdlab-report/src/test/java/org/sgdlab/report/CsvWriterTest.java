package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

class CsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsBitForBit() throws IOException {
        Trace t = new Trace("t", List.of("a", "b"));
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1e15, 1e15 - 1, -999999999999999.0, 0.1, 1e-320, 4503599627370497.0};
        for (int i = 0; i < special.length; i++) {
            t.add(new double[] {i, special[i], -special[i]});
        }
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            t.add(new double[] {special.length + i, Double.longBitsToDouble(rnd.nextLong()),
                rnd.nextGaussian() * Math.pow(10, rnd.nextInt(30) - 15)});
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CsvWriter.write(t, dir.resolve("sub/t.csv")),
                "a missing folder is not created (an interrupted report's deleted temporary folder must stay deleted)");
        Path f = dir.resolve("t.csv");
        CsvWriter.write(t, f);

        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("step,a,b", lines.get(0));
        assertEquals(t.size() + 1, lines.size());
        Trace back = new Trace("t", List.of("a", "b"));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Double.parseDouble(cells[j]);
            }
            back.add(row);
        }
        for (int i = 0; i < t.size(); i++) {
            double[] a = t.row(i);
            double[] b = back.row(i);
            for (int j = 0; j < a.length; j++) {
                // doubleToLongBits: NaN payloads are canonical in text, everything else is exact (incl. -0.0)
                assertEquals(Double.doubleToLongBits(a[j]), Double.doubleToLongBits(b[j]), "row " + i + " col " + j);
            }
        }
        assertEquals("0,0,-0.0", lines.get(1));
    }

    @Test
    void quotesAwkwardColumnNamesAndWritesEmptyTraces() throws IOException {
        Trace t = new Trace("t", List.of("a,b", "say \"hi\""));
        Path f = dir.resolve("t.csv");
        CsvWriter.write(t, f);
        assertEquals("step,\"a,b\",\"say \"\"hi\"\"\"\n", Files.readString(f));
    }

    @Test
    void formatsIntegersPlainly() {
        assertEquals("100", CsvWriter.format(100));
        assertEquals("-3", CsvWriter.format(-3));
        assertEquals("1.0E15", CsvWriter.format(1e15));
        assertEquals("0.25", CsvWriter.format(0.25));
        assertEquals("NaN", CsvWriter.format(Double.NaN));
    }
}
