package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sgdlab.data.Fixtures.assertDataError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.Matrix;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final double[] PIXELS = {0, 1, 1, 2, 10, 11, 11, 12, 20, 21, 21, 22};

    @ParameterizedTest
    @ValueSource(strings = {"idx/tiny-images-idx3-ubyte", "idx/tiny-images-idx3-ubyte.gz", "idx/gzipped-no-suffix.idx"})
    void readsPlainAndGzipImages(String resource) {
        Matrix m = IdxReader.readImages(Fixtures.resource(resource));
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertArrayEquals(PIXELS, m.data());
    }

    @Test
    void readsLabelsDatasetAndBinarySubset() {
        assertArrayEquals(new int[] {7, 3, 7}, IdxReader.readLabels(Fixtures.resource("idx/tiny-labels-idx1-ubyte.gz")));
        Dataset d = IdxReader.read(Fixtures.resource("idx/tiny-images-idx3-ubyte"),
                Fixtures.resource("idx/tiny-labels-idx1-ubyte"), 1.0 / 255);
        assertEquals(22 / 255.0, d.x().get(2, 3), 1e-15);
        assertArrayEquals(new double[] {7, 3, 7}, d.y());
        Dataset b = IdxReader.binary(d, 3, 7);
        assertArrayEquals(new double[] {1, -1, 1}, b.y());
        b.requireBinaryLabels();
        Dataset b2 = IdxReader.binary(d, 7, 3);
        assertArrayEquals(new double[] {-1, 1, -1}, b2.y());
        assertThrows(IllegalArgumentException.class, () -> IdxReader.binary(d, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.binary(d, 3, 3));
    }

    @Test
    void readsFloatType() {
        Matrix m = IdxReader.readImages(Fixtures.resource("idx/floats.idx"));
        assertArrayEquals(new double[] {0.5, -1.25, 3.0, (double) 1e-3f}, m.data());
    }

    @Test
    void otherIntegerTypesAreBigEndian() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 2 * 2 + 4 * 0);
        b.put(new byte[] {0, 0, 0x0B, 1}).putInt(2).putShort((short) -300).putShort((short) 513);
        Path f = Fixtures.write(dir, "shorts.idx", b.array());
        assertArrayEquals(new double[] {-300, 513}, IdxReader.readImages(f).data());
        ByteBuffer c = ByteBuffer.allocate(8 + 3);
        c.put(new byte[] {0, 0, 0x09, 1}).putInt(3).put((byte) -1).put((byte) 2).put((byte) -128);
        assertArrayEquals(new int[] {-1, 2, -128}, IdxReader.readLabels(Fixtures.write(dir, "bytes.idx", c.array())));
    }

    static byte[] idx(int type, int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.put(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static Stream<Arguments> malformed() {
        byte[] nan = idx(0x0E, new int[] {2}, 16);
        ByteBuffer.wrap(nan).putDouble(8 + 8, Double.NaN);
        byte[] trailing = Arrays.copyOf(idx(0x08, new int[] {2}, 2), 13);
        return Stream.of(
                Arguments.of(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}, new String[] {"byte offset 0", "bad IDX magic number 0x01020304"}),
                Arguments.of(idx(0x0A, new int[] {1}, 1), new String[] {"byte offset 0", "0x00000A01"}),
                Arguments.of(idx(0x08, new int[] {}, 0), new String[] {"byte offset 0", "0x00000800"}),
                Arguments.of(new byte[] {0, 0, 8}, new String[] {"byte offset 3", "truncated", "4 bytes"}),
                Arguments.of(Arrays.copyOf(idx(0x08, new int[] {3, 2, 2}, 12), 16 + 5),
                        new String[] {"byte offset 21", "truncated", "need 12 bytes from offset 16"}),
                Arguments.of(Arrays.copyOf(idx(0x08, new int[] {3, 2, 2}, 0), 10), new String[] {"byte offset 10", "truncated"}),
                Arguments.of(idx(0x08, new int[] {-1}, 0), new String[] {"byte offset 4", "negative", "-1"}),
                Arguments.of(trailing, new String[] {"byte offset 10", "3 unexpected trailing bytes"}),
                Arguments.of(nan, new String[] {"byte offset 16", "value 1 is NaN"}));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFilesNameOffsetAndValue(byte[] bytes, String[] fragments) throws IOException {
        Path plain = Fixtures.write(dir, "bad-images-idx3-ubyte", bytes);
        assertDataError(() -> IdxReader.readImages(plain), fragments);
        assertDataError(() -> IdxReader.readImages(plain), plain.toString());
        Path gz = Fixtures.write(dir, "bad.gz", gzip(bytes));
        assertDataError(() -> IdxReader.readImages(gz), fragments);
        assertDataError(() -> IdxReader.readImages(gz), gz.toString());
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedStreamsNameTheSource(byte[] bytes, String[] fragments) throws IOException {
        assertDataError(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "res/bad.idx"), fragments);
        assertDataError(() -> IdxReader.readImages(new ByteArrayInputStream(bytes), "res/bad.idx"), "res/bad.idx");
        assertDataError(() -> IdxReader.readImages(new ByteArrayInputStream(gzip(bytes)), "res/bad.gz"), fragments);
        assertDataError(() -> IdxReader.readImages(new ByteArrayInputStream(gzip(bytes)), "res/bad.gz"), "res/bad.gz");
    }

    @Test
    void readsStreamsLikeFiles() throws IOException {
        for (String r : new String[] {"idx/tiny-images-idx3-ubyte", "idx/tiny-images-idx3-ubyte.gz"}) {
            try (InputStream in = Files.newInputStream(Fixtures.resource(r))) {
                Matrix m = IdxReader.readImages(in, r);
                assertEquals(3, m.rows());
                assertArrayEquals(PIXELS, m.data());
            }
        }
        Path labels = Fixtures.resource("idx/tiny-labels-idx1-ubyte.gz");
        try (InputStream in = Files.newInputStream(labels)) {
            assertArrayEquals(IdxReader.readLabels(labels), IdxReader.readLabels(in, "labels"));
        }
        byte[] twoD = Files.readAllBytes(Fixtures.resource("idx/tiny-images-idx3-ubyte"));
        assertDataError(() -> IdxReader.readLabels(new ByteArrayInputStream(twoD), "res/images"), "res/images",
                "1 dimension");
    }

    @Test
    void readImageRowsKeepsOnlySelectedRows() {
        Path images = Fixtures.resource("idx/tiny-images-idx3-ubyte.gz");
        Matrix m = IdxReader.readImageRows(images, r -> r != 1, 3);
        assertEquals(2, m.rows());
        assertEquals(4, m.cols());
        assertArrayEquals(new double[] {0, 1, 1, 2, 20, 21, 21, 22}, m.data());
        assertEquals(0, IdxReader.readImageRows(images, r -> false, -1).rows());
        assertDataError(() -> IdxReader.readImageRows(images, r -> true, 2), images.toString(), "image count 3",
                "expected 2");
        Path cut = Fixtures.write(dir, "cut-idx3", Arrays.copyOf(idx(0x08, new int[] {3, 2, 2}, 12), 16 + 9));
        assertDataError(() -> IdxReader.readImageRows(cut, r -> r == 0, 3), cut.toString(), "byte offset 25",
                "truncated", "row 2");
    }

    @Test
    void emptyImageFileKeepsItsRowLength() {
        Matrix m = IdxReader.readImages(Fixtures.write(dir, "empty.idx", idx(0x08, new int[] {0, 28, 28}, 0)));
        assertEquals(0, m.rows());
        assertEquals(784, m.cols());
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] full = gzip(Files.readAllBytes(Fixtures.resource("idx/tiny-images-idx3-ubyte")));
        Path f = Fixtures.write(dir, "cut.gz", Arrays.copyOf(full, full.length - 12));
        assertDataError(() -> IdxReader.readImages(f), f.toString(), "byte offset", "truncated", "compressed stream ends early");
    }

    @Test
    void countMismatchAndLabelRank() {
        Path images = Fixtures.resource("idx/tiny-images-idx3-ubyte");
        Path labels = Fixtures.write(dir, "two-labels", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 5, 6});
        assertDataError(() -> IdxReader.read(images, labels, 1), images.toString(), labels.toString(),
                "image count 3", "label count 2");
        assertDataError(() -> IdxReader.readLabels(images), images.toString(), "1 dimension", "[3, 2, 2]");
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
            g.write(b);
        }
        return bos.toByteArray();
    }

    @Test
    void rowsWithoutValuesAreRejectedNotLoopedOver() {
        // found by IdxReaderFuzzTest: 2·10^9 rows of 0 values made readImageRows spin 2·10^9 times on 12 bytes
        Path f = Fixtures.write(dir, "empty-rows.idx", idx(0x08, new int[] {2_000_000_000, 0}, 0));
        Fixtures.assertDataError(() -> IdxReader.readImageRows(f, r -> true, -1), f.toString(), "byte offset 8",
                "dimension 1 of [2000000000, 0] is 0", "2000000000 rows hold no values");
        Fixtures.assertDataError(() -> IdxReader.readImages(f), "hold no values");
        assertEquals(0, IdxReader.readImages(Fixtures.write(dir, "no-rows.idx", idx(0x08, new int[] {0, 0}, 0))).rows());
    }
}
