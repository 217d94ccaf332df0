package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** The parsed header and raw values of one IDX file. */
    private record Idx(int[] dims, double[] values) {}

    /** Reads an IDX file of any type and rank ≥ 1 as a matrix: dims[0] rows, the rest flattened. */
    public static Matrix readImages(Path file) {
        Idx idx = parse(file);
        int cols = 1;
        for (int k = 1; k < idx.dims().length; k++) {
            cols *= idx.dims()[k];
        }
        return new Matrix(idx.dims()[0], cols, idx.values());
    }

    /** Reads a 1-dimensional IDX file of integer values (e.g. MNIST labels). */
    public static int[] readLabels(Path file) {
        Idx idx = parse(file);
        String src = file.toString();
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

    private static Idx parse(Path file) {
        String src = file.toString();
        try (InputStream in = BinaryInput.open(file)) {
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
                count *= dims[i];
                if (count * width > Integer.MAX_VALUE - 8) {
                    throw new DataFormatException(src, "byte offset " + (4 + 4 * i),
                            "data too large: dimensions " + Arrays.toString(dims) + " of " + width + "-byte values");
                }
            }
            long offset = 4 + 4L * rank;
            ByteBuffer data = ByteBuffer.wrap(BinaryInput.readFully(in, (int) (count * width), offset, src,
                    count + " values of type 0x" + String.format("%02X", type) + " for dimensions " + Arrays.toString(dims)))
                    .order(ByteOrder.BIG_ENDIAN);
            BinaryInput.expectEnd(in, offset + count * width, src);
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (type) {
                    case 0x08 -> data.get() & 0xFF;
                    case 0x09 -> data.get();
                    case 0x0B -> data.getShort();
                    case 0x0C -> data.getInt();
                    case 0x0D -> data.getFloat();
                    default -> data.getDouble();
                };
                if (!Double.isFinite(values[i])) {
                    throw new DataFormatException(src, "byte offset " + (offset + (long) i * width),
                            "value " + i + " is " + values[i]);
                }
            }
            return new Idx(dims, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src, e);
        }
    }
}
