package org.sgdlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
            Path yFile = file.resolveSibling(stem + "_y.npy");
            DataInputs.requireReadableFile(yFile, " (the targets of " + file + " are read from it)");
            double[] y = NpyReader.readVector(yFile);
            return new MappedDataset(file.toString(), x, y);
        }
        return sgdlabBinary(file, MappedRows.MAX_CHUNK_BYTES);
    }

    /** An sgdlab binary file; package-private chunk size for tests. */
    static MappedDataset sgdlabBinary(Path file, long maxChunkBytes) {
        String src = file.toString();
        try (FileChannel ch = DataInputs.channel(file)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            MappedRows.readFully(ch, h, 0, src);
            if (!Arrays.equals(Arrays.copyOf(h.array(), 8), SGDLAB_MAGIC)) {
                throw new DataFormatException(src, "byte offset 0", "not an sgdlab binary data file (expected magic SGDLABD1, found "
                        + printable(Arrays.copyOf(h.array(), 8)) + ")");
            }
            long n = h.getLong(8);
            long d = h.getLong(16);
            if (n < 0 || n > DataInputs.MAX_ARRAY_LENGTH || d < 1 || d > Integer.MAX_VALUE) {
                throw new DataFormatException(src, "byte offset 8", "unsupported shape " + n + " × " + d
                        + " (need 0 <= n <= " + DataInputs.MAX_ARRAY_LENGTH + " rows and 1 <= d < 2^31 columns)");
            }
            // n < 2³¹ and d < 2³¹: 8·n·d < 2⁶⁵ may overflow a long, so compare through division
            long size = ch.size();
            long rowBytes = 8 * (d + 1);
            if (n > (size - 24) / rowBytes || size - 24 != n * rowBytes) {
                throw new DataFormatException(src, "byte offset " + size, "file size " + size + " does not match the header's "
                        + n + " × " + d + (n <= (Long.MAX_VALUE - 24) / rowBytes
                        ? " (expected " + (24 + n * rowBytes) + " bytes)" : " (more than 2^63 bytes)"));
            }
            long yOffset = 24 + 8 * n * d;
            MappedRows x = new MappedRows(file, 24, n, d, maxChunkBytes);
            double[] y = new double[(int) n];
            ByteBuffer yb = ByteBuffer.allocate((int) Math.min(8 * n, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < n; ) {
                yb.clear().limit((int) Math.min(yb.capacity(), 8 * (n - done)));
                MappedRows.readFully(ch, yb, yOffset + 8L * done, src);
                yb.flip();
                int k = yb.remaining() / 8;
                yb.asDoubleBuffer().get(y, done, k);
                done += k;
            }
            return new MappedDataset(src, x, y);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte c : b) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c & 0xFF));
        }
        return sb.append('"').toString();
    }
}
