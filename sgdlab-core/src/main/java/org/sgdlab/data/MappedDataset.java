package org.sgdlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset whose features stay in a memory-mapped file ({@link MappedRows}) and whose n targets
 * are in memory — for training on data larger than the heap.
 *
 * @param name where the data came from
 * @param x    the n × d rows, mapped
 * @param y    the n targets
 */
public record MappedDataset(String name, MappedRows x, double[] y) {
    /** The 8 ASCII bytes that open an sgdlab binary data file. */
    static final byte[] SGDLAB_MAGIC = "SGDLABD1".getBytes(StandardCharsets.US_ASCII);

    public MappedDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.length != x.rows()) {
            throw new IllegalArgumentException(name + ": " + x.rows() + " rows but " + y.length + " targets");
        }
    }

    public int n() {
        return x.rows();
    }

    public int d() {
        return x.cols();
    }

    /**
     * Opens {@code file} for mapping: a {@code .npy} (2-D {@code <f8}, C order) with its targets in the
     * sibling {@code <stem>_y.npy} as {@link DataFiles} pairs them, or an sgdlab binary file (any other
     * name; little-endian: {@code SGDLABD1}, int64 n, int64 d, X row-major float64, y float64 — the
     * format of sgdlab-bench's data files).
     */
    public static MappedDataset open(Path file) {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".npy")) {
            String stem = name.substring(0, name.length() - 4);
            if (stem.endsWith("_X") || stem.endsWith("_x")) {
                stem = stem.substring(0, stem.length() - 2);
            }
            MappedRows x = MappedRows.npy(file);
            double[] y = NpyReader.readVector(file.resolveSibling(stem + "_y.npy"));
            return new MappedDataset(file.toString(), x, y);
        }
        return sgdlabBinary(file, MappedRows.MAX_CHUNK_BYTES);
    }

    /** An sgdlab binary file; package-private chunk size for tests. */
    static MappedDataset sgdlabBinary(Path file, long maxChunkBytes) {
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            MappedRows.readFully(ch, h, 0, src);
            if (!Arrays.equals(Arrays.copyOf(h.array(), 8), SGDLAB_MAGIC)) {
                throw new DataFormatException(src, "byte offset 0", "not an sgdlab binary data file (expected magic SGDLABD1)");
            }
            long n = h.getLong(8);
            long d = h.getLong(16);
            if (n < 0 || n > Integer.MAX_VALUE || d < 1 || d > Integer.MAX_VALUE) {
                throw new DataFormatException(src, "byte offset 8", "unsupported shape " + n + " × " + d);
            }
            long yOffset = 24 + 8 * n * d;
            if (ch.size() != yOffset + 8 * n) {
                throw new DataFormatException(src, "byte offset " + ch.size(), "file size " + ch.size() + " does not match "
                        + n + " × " + d + " (expected " + (yOffset + 8 * n) + " bytes)");
            }
            MappedRows x = new MappedRows(file, 24, n, d, maxChunkBytes);
            ByteBuffer yb = ByteBuffer.allocate((int) (8 * n)).order(ByteOrder.LITTLE_ENDIAN);
            MappedRows.readFully(ch, yb, yOffset, src);
            double[] y = new double[(int) n];
            yb.flip();
            yb.asDoubleBuffer().get(y);
            return new MappedDataset(src, x, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src, e);
        }
    }
}
