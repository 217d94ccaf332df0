package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.sgdlab.linalg.Matrix;

/**
 * Reads the IDX format of the MNIST files (Y. LeCun, C. Cortes, C. Burges, "The MNIST database of
 * handwritten digits", section "File formats").
 *
 * <p>Layout, all big-endian: two zero bytes, a type code (0x08 unsigned byte, 0x09 signed byte,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions k, then k int32
 * sizes, then the values in row-major order. MNIST images are magic 0x00000803 (n × 28 × 28 unsigned
 * bytes), labels 0x00000801. Gzip compression is detected from the content (magic 1f 8b), not from
 * the file name; byte offsets in messages then refer to the decompressed data.
 */
public final class IdxReader {
    private IdxReader() {}

    /**
     * The parsed header and values of one IDX file: {@code dims} as in the header, {@code rows} the
     * number of rows (slices along dims[0]) in {@code values}, fewer than dims[0] if rows were skipped.
     */
    record Idx(int[] dims, int rows, double[] values) {
        int cols() {
            int cols = 1;
            for (int k = 1; k < dims.length; k++) {
                cols *= dims[k];
            }
            return cols;
        }

        Matrix matrix() {
            return new Matrix(rows, cols(), values);
        }
    }

    /** Reads an IDX file of any type and rank ≥ 1 as a matrix: dims[0] rows, the rest flattened. */
    public static Matrix readImages(Path file) {
        return parse(file, null).matrix();
    }

    /**
     * Like {@link #readImages(Path)} for data from a stream (e.g. a classpath resource), gzip-compressed
     * or not. The stream is read to its end and closed.
     *
     * @param sourceName names the data in error messages (e.g. the resource name)
     */
    public static Matrix readImages(InputStream in, String sourceName) {
        return parse(in, sourceName, null).matrix();
    }

    /**
     * Reads only the rows (slices along the first dimension) whose 0-based index passes {@code keepRow},
     * in file order; the other rows are skipped without being stored, so a selection from a large file
     * needs memory only for the rows kept.
     *
     * @param keepRow   tested once for each row index 0..dims[0]−1, in order
     * @param expectRows the number of rows the file must have (e.g. the label count), or −1 for any
     */
    static Matrix readImageRows(Path file, IntPredicate keepRow, int expectRows) {
        Idx idx = parse(file, keepRow);
        if (expectRows >= 0 && idx.dims()[0] != expectRows) {
            throw new DataFormatException(file.toString(), "header (byte offset 4)", "image count " + idx.dims()[0]
                    + " does not match the expected " + expectRows);
        }
        return idx.matrix();
    }

    /** Reads a 1-dimensional IDX file of integer values (e.g. MNIST labels). */
    public static int[] readLabels(Path file) {
        return labels(parse(file, null), file.toString());
    }

    /**
     * Like {@link #readLabels(Path)} for data from a stream, gzip-compressed or not. The stream is read
     * to its end and closed.
     *
     * @param sourceName names the data in error messages
     */
    public static int[] readLabels(InputStream in, String sourceName) {
        return labels(parse(in, sourceName, null), sourceName);
    }

    private static int[] labels(Idx idx, String src) {
        if (idx.dims().length != 1) {
            throw new DataFormatException(src, "byte offset 3",
                    "labels file must have 1 dimension, found " + idx.dims().length + " " + Arrays.toString(idx.dims()));
        }
        int[] labels = new int[idx.values().length];
        for (int i = 0; i < labels.length; i++) {
            double v = idx.values()[i];
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new DataFormatException(src, "item " + i, "label is not an integer: " + v);
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * Images and labels as a dataset: x = scale · pixel values (e.g. scale 1/255 maps MNIST to
     * [0, 1]), y = the class labels as doubles.
     */
    public static Dataset read(Path images, Path labels, double scale) {
        Matrix x = readImages(images);
        int[] y = readLabels(labels);
        if (x.rows() != y.length) {
            throw new DataFormatException(images.toString(), "header (byte offset 4)", "image count " + x.rows()
                    + " does not match label count " + y.length + " in " + labels);
        }
        double[] a = x.data();
        for (int i = 0; i < a.length; i++) {
            a[i] *= scale;
        }
        double[] yd = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yd[i] = y[i];
        }
        return new Dataset(images.toString(), x, yd);
    }

    /**
     * A binary ±1 dataset from two classes of a multiclass one: rows labelled {@code negativeClass}
     * get −1, rows labelled {@code positiveClass} get +1, all other rows are dropped (order kept).
     *
     * @throws IllegalArgumentException if the classes are equal or either has no samples
     */
    public static Dataset binary(Dataset data, int negativeClass, int positiveClass) {
        if (negativeClass == positiveClass) {
            throw new IllegalArgumentException("negative and positive class must differ, both are " + negativeClass);
        }
        double[] y = data.y();
        int[] keep = new int[y.length];
        int n = 0;
        int negatives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == negativeClass || y[i] == positiveClass) {
                keep[n++] = i;
                negatives += y[i] == negativeClass ? 1 : 0;
            }
        }
        if (negatives == 0 || negatives == n) {
            throw new IllegalArgumentException(data.name() + ": no samples of class "
                    + (negatives == 0 ? negativeClass : positiveClass));
        }
        keep = Arrays.copyOf(keep, n);
        double[] yb = new double[n];
        for (int k = 0; k < n; k++) {
            yb[k] = y[keep[k]] == positiveClass ? 1.0 : -1.0;
        }
        return new Dataset(data.name() + " [class " + negativeClass + " → −1, class " + positiveClass + " → +1]",
                data.x().selectRows(keep), yb, data.featureNames());
    }

    private static Idx parse(Path file, IntPredicate keepRow) {
        String src = file.toString();
        try (InputStream in = BinaryInput.open(file)) {
            long size = BinaryInput.isGzip(file) ? -1 : Files.size(file);
            return parse(src, in, keepRow, size);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    private static Idx parse(InputStream raw, String src, IntPredicate keepRow) {
        try (InputStream in = BinaryInput.decompressing(raw, src)) {
            return parse(src, in, keepRow, -1);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    /**
     * Parses the (decompressed) stream; a null {@code keepRow} keeps every row. {@code size} is the
     * stream's length if known (an uncompressed file), so a header that claims more data than the file
     * has fails before anything is allocated; −1 if unknown.
     */
    static Idx parse(String src, InputStream in, IntPredicate keepRow, long size) throws IOException {
        byte[] head = BinaryInput.readFully(in, 4, 0, src, "the 4-byte magic number");
        int magic = ByteBuffer.wrap(head).getInt();
        int type = head[2] & 0xFF;
        int rank = head[3] & 0xFF;
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
        if (head[0] != 0 || head[1] != 0 || width < 0 || rank == 0) {
            throw new DataFormatException(src, "byte offset 0", String.format(
                    "bad IDX magic number 0x%08X (expected 0x0000TTDD: type TT one of 08, 09, 0B, 0C, 0D, 0E"
                            + " and DD >= 1 dimensions, e.g. 0x00000803 for MNIST images)", magic));
        }
        ByteBuffer dimBytes = ByteBuffer.wrap(BinaryInput.readFully(in, 4 * rank, 4, src, rank + " dimension sizes"));
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = dimBytes.getInt();
            if (dims[i] < 0) {
                throw new DataFormatException(src, "byte offset " + (4 + 4 * i), "negative dimension size " + dims[i]);
            }
            // count ≤ 2³¹ − 9 and dims[i] < 2³¹, so the product fits a long
            count = count * dims[i];
            if (count > DataInputs.MAX_ARRAY_LENGTH) {
                DataInputs.requireArrayLength(count, src, "byte offset " + (4 + 4 * i),
                        "data too large: dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + (i + 1 < rank ? "..." : ""));
            }
        }
        long cols = 1;
        for (int i = 1; i < rank; i++) {
            cols *= dims[i];
            if (cols > DataInputs.MAX_ARRAY_LENGTH) {
                DataInputs.requireArrayLength(cols, src, "byte offset " + (4 + 4 * i), "data too large: one row of dimensions "
                        + Arrays.toString(dims) + " has " + cols + " values, and");
            }
        }
        if (cols == 0 && dims[0] > 0) {
            // rows without values: nothing to learn from, and the row loop below would spin dims[0] times on no data
            int zero = 1;
            while (dims[zero] != 0) {
                zero++;
            }
            throw new DataFormatException(src, "byte offset " + (4 + 4 * zero), "dimension " + zero + " of "
                    + Arrays.toString(dims) + " is 0: the " + dims[0] + " rows hold no values");
        }
        long offset = 4 + 4L * rank;
        long dataBytes = count * width;
        String typeName = "type 0x" + String.format("%02X", type);
        String what = count + " values of " + typeName + " for dimensions " + Arrays.toString(dims);
        long rowBytes = dims[0] == 0 ? 0 : dataBytes / dims[0];
        if (size >= 0 && size < offset + dataBytes) {
            if (keepRow != null && rowBytes > 0) {
                long r = Math.max(0, size - offset) / rowBytes;
                long rowOffset = offset + r * rowBytes;
                throw BinaryInput.truncated(src, rowOffset, size - rowOffset, rowBytes, rowWhat(r, dims, typeName), "");
            }
            throw BinaryInput.truncated(src, offset, size - offset, dataBytes, what, "");
        }
        if (size > offset + dataBytes) {
            throw new DataFormatException(src, "byte offset " + (offset + dataBytes),
                    (size - offset - dataBytes) + " unexpected trailing bytes after the data");
        }
        DataInputs.requireHeap(8 * (keepRow == null ? count : rowBytes / width), src, "byte offset 4", what);
        if (keepRow == null) {
            BinaryInput.Values values = new BinaryInput.Values(count, size >= 0);
            BinaryInput.readBlocks(in, dataBytes, offset, src, what, (buf, n, done) -> {
                int from = (int) (done / width);
                decode(ByteBuffer.wrap(buf, 0, n), type, width, values.room(from, n / width), from, n / width, offset + done,
                        from, src);
            });
            BinaryInput.expectEnd(in, offset + dataBytes, src);
            return new Idx(dims, dims[0], values.take((int) count));
        }
        int rowValues = (int) (dims[0] == 0 ? 0 : count / dims[0]);
        BinaryInput.Values kept = new BinaryInput.Values(count, false);
        int k = 0;
        for (int r = 0; r < dims[0]; r++) {
            long rowOffset = offset + r * rowBytes;
            int row = r;
            int to = keepRow.test(r) ? k++ * rowValues : -1;
            BinaryInput.readBlocks(in, rowBytes, rowOffset, src, () -> rowWhat(row, dims, typeName), (buf, n, done) -> {
                if (to >= 0) {
                    int from = to + (int) (done / width);
                    decode(ByteBuffer.wrap(buf, 0, n), type, width, kept.room(from, n / width), from, n / width,
                            rowOffset + done, (long) row * rowValues + done / width, src);
                }
            });
        }
        BinaryInput.expectEnd(in, offset + dataBytes, src);
        return new Idx(dims, k, kept.take(k * rowValues));
    }

    private static String rowWhat(long r, int[] dims, String typeName) {
        long rowValues = 1;
        for (int k = 1; k < dims.length; k++) {
            rowValues *= dims[k];
        }
        return "row " + r + " of dimensions " + Arrays.toString(dims) + " (" + rowValues + " values of " + typeName + ")";
    }

    /**
     * Decodes {@code n} big-endian values of IDX type {@code type} into {@code out[from..from+n)};
     * {@code offset} and {@code firstIndex} are the byte offset and value index of the first one (for messages).
     */
    private static void decode(ByteBuffer data, int type, int width, double[] out, int from, int n, long offset,
            long firstIndex, String src) {
        data.order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < n; i++) {
            double v = switch (type) {
                case 0x08 -> data.get() & 0xFF;
                case 0x09 -> data.get();
                case 0x0B -> data.getShort();
                case 0x0C -> data.getInt();
                case 0x0D -> data.getFloat();
                default -> data.getDouble();
            };
            if (!Double.isFinite(v)) {
                throw new DataFormatException(src, "byte offset " + (offset + (long) i * width),
                        "value " + (firstIndex + i) + " is " + v);
            }
            out[from + i] = v;
        }
    }
}
