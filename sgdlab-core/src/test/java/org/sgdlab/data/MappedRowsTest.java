package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

class MappedRowsTest {
    @TempDir
    Path dir;

    private static Matrix random(int n, int d, long seed) {
        return new Matrix(n, d, new RandomStream(seed).gaussians(new double[n * d]));
    }

    @Test
    void copiesEveryRangeAcrossTinyChunksExactly() {
        Matrix m = random(23, 5, 1);
        Path f = dir.resolve("a_X.npy");
        NpyWriter.write(f, m);
        // 3 rows (120 bytes) per chunk: 103 bytes is not a whole number of rows, so rounding down matters too
        MappedRows r = MappedRows.npy(f, 3 * 5 * 8 + 7);
        assertEquals(3, r.rowsPerChunk());
        assertEquals(8, r.chunkCount());
        for (int from = 0; from <= 23; from++) {
            for (int count = 0; from + count <= 23; count++) {
                double[] got = new double[count * 5 + 2];
                r.copyRows(from, count, got, 2);
                double[] want = Arrays.copyOfRange(m.data(), from * 5, (from + count) * 5);
                assertArrayEquals(want, Arrays.copyOfRange(got, 2, got.length), 0.0, "rows " + from + "+" + count);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> r.copyRows(22, 2, new double[10], 0));
    }

    @Test
    void oneRowPerChunkAndDefaultChunks() {
        Matrix m = random(7, 3, 2);
        Path f = dir.resolve("b.npy");
        NpyWriter.write(f, m);
        MappedRows one = MappedRows.npy(f, 24);
        assertEquals(7, one.chunkCount());
        MappedRows all = MappedRows.npy(f);
        assertEquals(1, all.chunkCount());
        double[] a = new double[21];
        double[] b = new double[21];
        one.copyRows(0, 7, a, 0);
        all.copyRows(0, 7, b, 0);
        assertArrayEquals(m.data(), a, 0.0);
        assertArrayEquals(m.data(), b, 0.0);
        assertThrows(DataFormatException.class, () -> MappedRows.npy(f, 16), "a row larger than a chunk");
    }

    @Test
    void npyDatasetPairsTheSiblingTargets() {
        Matrix m = random(9, 4, 3);
        double[] y = new RandomStream(4).gaussians(new double[9]);
        NpyWriter.write(dir.resolve("c_X.npy"), m);
        NpyWriter.write(dir.resolve("c_y.npy"), y);
        MappedDataset ds = MappedDataset.open(dir.resolve("c_X.npy"));
        assertEquals(9, ds.n());
        assertEquals(4, ds.d());
        assertArrayEquals(y, ds.y(), 0.0);
    }

    @Test
    void sgdlabBinaryFileWithTinyChunks() {
        Matrix m = random(11, 6, 5);
        double[] y = new RandomStream(6).gaussians(new double[11]);
        Path f = dir.resolve("d.bin");
        MappedFixtures.writeBinary(f, new Dataset("d", m, y));
        MappedDataset ds = MappedDataset.sgdlabBinary(f, 2 * 6 * 8);
        assertEquals(6, ds.x().chunkCount());
        double[] got = new double[66];
        ds.x().copyRows(0, 11, got, 0);
        assertArrayEquals(m.data(), got, 0.0);
        assertArrayEquals(y, ds.y(), 0.0);
        assertArrayEquals(y, MappedDataset.open(f).y(), 0.0);
    }

    @Test
    void rejectsWhatCannotBeMapped() throws IOException {
        Path f = dir.resolve("e.npy");
        NpyWriter.write(f, new double[] {1, 2, 3});
        DataFormatException e = assertThrows(DataFormatException.class, () -> MappedRows.npy(f));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
        Path bad = dir.resolve("f.bin");
        Files.write(bad, "NOTSGDLB0000000000000000".getBytes());
        assertThrows(DataFormatException.class, () -> MappedDataset.open(bad));
        Path nan = dir.resolve("g.npy");
        NpyWriter.write(nan, new Matrix(2, 2, new double[] {1, 2, Double.NaN, 4}));
        DataFormatException fin = assertThrows(DataFormatException.class, () -> MappedRows.npy(nan).requireFinite());
        assertTrue(fin.getMessage().contains("row 1, column 0"), fin.getMessage());
    }
}
