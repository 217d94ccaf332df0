package org.sgdlab.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sgdlab.linalg.Matrix;

/**
 * Writes NumPy {@code .npy} files: format version 1.0 (NEP 1), dtype {@code <f8} (little-endian
 * float64), C order, header padded with spaces so the data starts at a multiple of 64 bytes, as
 * {@code numpy.save} does. {@code np.load} reads the result.
 */
public final class NpyWriter {
    private NpyWriter() {}

    /** Writes {@code m} as a 2-D array of shape (rows, cols). */
    public static void write(Path file, Matrix m) {
        write(file, "(" + m.rows() + ", " + m.cols() + ")", m.data());
    }

    /** Writes {@code v} as a 1-D array of shape (n,). */
    public static void write(Path file, double[] v) {
        write(file, "(" + v.length + ",)", v);
    }

    /**
     * The bytes before the data of a 2-D (rows, cols) {@code <f8} C-order file, for writers that stream
     * the rows themselves (data sets larger than the heap): the rows follow as little-endian float64.
     */
    public static byte[] matrixHeader(long rows, long cols) {
        return header("(" + rows + ", " + cols + ")");
    }

    /** Magic, version 1.0, header length, then the header dict padded so the data starts at a multiple of 64. */
    private static byte[] header(String shape) {
        StringBuilder h = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] dict = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) dict.length);
        out.put(dict);
        return out.array();
    }

    private static void write(Path file, String shape, double[] data) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(shape));
            ByteBuffer chunk = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; i++) {
                chunk.putDouble(data[i]);
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
