package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sgdlab.data.Fixtures.assertDataError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

class NpyReaderTest {
    @TempDir
    Path dir;

    /** F = (arange(12).reshape(3, 4) - 2) * 0.5, see tools/testdata/npy_idx_fixtures.py. */
    private static final double[] F = {-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5};
    private static final double[] I = {-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] U = {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220};

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("f8_c.npy", F), Arguments.of("f8_fortran.npy", F), Arguments.of("f8_big.npy", F),
                Arguments.of("f8_big_fortran.npy", F), Arguments.of("f4.npy", F), Arguments.of("f4_big.npy", F),
                Arguments.of("f8_v2.npy", F), Arguments.of("f8_v3.npy", F), Arguments.of("pair_X.npy", F),
                Arguments.of("i1.npy", I), Arguments.of("i2_big.npy", I), Arguments.of("i4.npy", I),
                Arguments.of("i8.npy", I), Arguments.of("u1.npy", U));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsNumpyWrittenFiles(String name, double[] expected) {
        Matrix m = NpyReader.readMatrix(Fixtures.resource("npy/" + name));
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertArrayEquals(expected, m.data());
    }

    @Test
    void vectorsAndPairs() {
        Path v = Fixtures.resource("npy/vector.npy");
        assertArrayEquals(new double[] {1, -1, 1}, NpyReader.readVector(v));
        Matrix col = NpyReader.readMatrix(v);
        assertEquals(3, col.rows());
        assertEquals(1, col.cols());
        Dataset d = NpyReader.read(Fixtures.resource("npy/pair_X.npy"), Fixtures.resource("npy/pair_y.npy"));
        assertArrayEquals(F, d.x().data());
        assertArrayEquals(new double[] {1, -1, 1}, d.y());
        assertDataError(() -> NpyReader.readVector(Fixtures.resource("npy/f8_c.npy")), "f8_c.npy", "(3, 4)");
        Path y2 = dir.resolve("short_y.npy");
        NpyWriter.write(y2, new double[] {1, -1});
        assertDataError(() -> NpyReader.read(Fixtures.resource("npy/f8_c.npy"), y2), "short_y.npy", "f8_c.npy", "2 targets", "3 rows");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void writerRoundTripsBitForBit(long seed) {
        RandomStream rng = new RandomStream(seed);
        int rows = 1 + rng.nextInt(40);
        int cols = 1 + rng.nextInt(9000 / rows);
        double[] a = rng.gaussians(new double[rows * cols]);
        a[0] = -0.0;
        a[a.length - 1] = Double.MIN_VALUE;
        Path f = dir.resolve("m" + seed + ".npy");
        NpyWriter.write(f, new Matrix(rows, cols, a));
        Matrix back = NpyReader.readMatrix(f);
        assertEquals(rows, back.rows());
        assertEquals(cols, back.cols());
        for (int k = 0; k < a.length; k++) {
            assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(back.data()[k]), "flat index " + k);
        }
        Path v = dir.resolve("v" + seed + ".npy");
        NpyWriter.write(v, a);
        assertArrayEquals(a, NpyReader.readVector(v));
    }

    @Test
    void writerHeaderIsNumpyStyle() throws IOException {
        Path f = dir.resolve("h.npy");
        NpyWriter.write(f, Matrix.zeros(2, 3));
        byte[] b = Files.readAllBytes(f);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals(10 + headerLen + 48, b.length);
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
    }

    /** A .npy file with the given version, header text (padded and terminated here) and raw data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = (header + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    static String hdr(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    static Stream<Arguments> malformed() {
        byte[] six = doubles(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, Double.NaN);
        byte[] sixInf = doubles(ByteOrder.BIG_ENDIAN, 0, 1, 2, Double.NEGATIVE_INFINITY, 4, 5);
        byte[] good = npy(1, hdr("<f8", false, "(2, 2)"), doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        byte[] badMagic = good.clone();
        badMagic[5] = 'X';
        int hlen = good.length - 32 - 10;
        return Stream.of(
                Arguments.of(badMagic, new String[] {"byte offset 0", "bad magic 93 4E 55 4D 50 58", "\\x93NUMPY"}),
                Arguments.of("PK\u0003\u0004 zip file".getBytes(StandardCharsets.ISO_8859_1), new String[] {"byte offset 0", "50 4B 03 04"}),
                Arguments.of(Arrays.copyOf(good, 5), new String[] {"byte offset 5", "truncated"}),
                Arguments.of(Arrays.copyOf(good, 9), new String[] {"byte offset 9", "truncated", "header length"}),
                Arguments.of(npy(4, hdr("<f8", false, "(1,)"), new byte[8]), new String[] {"byte offset 6", "version 4.0"}),
                Arguments.of(npy(1, hdr("<c16", false, "(1,)"), new byte[16]), new String[] {"unsupported dtype '<c16'"}),
                Arguments.of(npy(1, hdr("|f8", false, "(1,)"), new byte[8]), new String[] {"unsupported dtype '|f8'"}),
                Arguments.of(npy(1, hdr("<U3", false, "(1,)"), new byte[12]), new String[] {"unsupported dtype '<U3'"}),
                Arguments.of(npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]),
                        new String[] {"unsupported dtype [[a, <f8]]"}),
                Arguments.of(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2) ", new byte[32]),
                        new String[] {"malformed .npy header", "\"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)\""}),
                Arguments.of(npy(1, "{'descr': '<f8', 'shape': (2,), }", new byte[16]),
                        new String[] {"malformed", "'fortran_order'", "\"{'descr': '<f8', 'shape': (2,), }\""}),
                Arguments.of(npy(1, hdr("<f8", false, "(2, -1)"), new byte[0]), new String[] {"malformed", "(2, -1)"}),
                Arguments.of(npy(1, "{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }", new byte[16]),
                        new String[] {"malformed", "maybe"}),
                Arguments.of(Arrays.copyOf(good, good.length - 8),
                        new String[] {"byte offset " + (10 + hlen + 24), "truncated", "need 32 bytes from offset " + (10 + hlen)}),
                Arguments.of(Arrays.copyOf(good, good.length + 3), new String[] {"byte offset " + good.length, "3 unexpected trailing bytes"}),
                Arguments.of(npy(2, hdr("<f8", false, "(2, 3)"), six),
                        new String[] {"row 1, column 2 (flat index 5)", "NaN"}),
                Arguments.of(npy(3, hdr(">f8", true, "(2, 3)"), sixInf),
                        new String[] {"row 1, column 1 (flat index 3 in Fortran order)", "-Infinity"}),
                Arguments.of(npy(1, hdr("<f8", false, "(2, 2, 2)"), new byte[64]), new String[] {"1-D or 2-D", "(2, 2, 2)"}));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFilesNameLocationAndValue(byte[] bytes, String[] fragments) {
        Path f = Fixtures.write(dir, "bad.npy", bytes);
        assertDataError(() -> NpyReader.readMatrix(f), fragments);
        assertDataError(() -> NpyReader.readMatrix(f), f.toString());
    }

    @Test
    void streamedMatrixHeaderGivesTheSameFileAsTheWriter() throws IOException {
        Matrix m = new Matrix(3, 5, new RandomStream(4).gaussians(new double[15]));
        Path whole = dir.resolve("whole.npy");
        NpyWriter.write(whole, m);
        ByteBuffer rows = ByteBuffer.allocate(8 * 15).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : m.data()) {
            rows.putDouble(v);
        }
        byte[] header = NpyWriter.matrixHeader(3, 5);
        byte[] streamed = Arrays.copyOf(header, header.length + rows.capacity());
        System.arraycopy(rows.array(), 0, streamed, header.length, rows.capacity());
        assertArrayEquals(Files.readAllBytes(whole), streamed);
        assertEquals(0, header.length % 64, "data starts at a multiple of 64 bytes");
        Path file = dir.resolve("streamed.npy");
        Files.write(file, streamed);
        Matrix back = NpyReader.readMatrix(file);
        assertEquals(3, back.rows());
        assertArrayEquals(m.data(), back.data());
    }
}
