package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sgdlab.linalg.Matrix;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 as specified in NumPy's
 * NEP 1 / {@code numpy.lib.format}): the magic {@code \x93NUMPY}, a major and minor version byte, a
 * little-endian header length (2 bytes in 1.0, 4 bytes in 2.0 and 3.0), an ASCII (UTF-8 in 3.0)
 * Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}, then the raw data.
 *
 * <p>Supported dtypes: float64, float32, int8/16/32/64, uint8/16/32/64 and bool ({@code f8 f4 i1 i2
 * i4 i8 u1 u2 u4 u8 b1}) with byte order {@code <} (little), {@code >} (big), {@code |} (not
 * applicable, single-byte types only) or {@code =} (native). Values are converted to double (int64
 * and uint64 above 2⁵³ are rounded); NaN and infinities are rejected. Row/column/flat indices in
 * messages are 0-based like NumPy's.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Longest header accepted: 16 MiB (NumPy writes well under 1 KiB; it refuses more than 10⁴ by default). */
    static final int MAX_HEADER_BYTES = 1 << 24;

    private NpyReader() {}

    /** Shape and values in C (row-major) order. */
    record Npy(long[] shape, double[] values) {}

    /** A 2-D array as a matrix, or a 1-D array of length n as an n × 1 column. */
    public static Matrix readMatrix(Path file) {
        return matrix(parse(file), file.toString());
    }

    /** {@code a} as a matrix (see {@link #readMatrix(Path)}); {@code src} names it in the error. */
    static Matrix matrix(Npy a, String src) {
        if (a.shape().length == 2) {
            return new Matrix((int) a.shape()[0], (int) a.shape()[1], a.values());
        }
        if (a.shape().length == 1) {
            return new Matrix(a.values().length, 1, a.values());
        }
        throw new DataFormatException(src, "header", "expected a 1-D or 2-D array, shape is " + shapeString(a.shape()));
    }

    /** A 1-D array, or a 2-D array with one column or one row, as a vector. */
    public static double[] readVector(Path file) {
        return vector(parse(file), file.toString());
    }

    /** {@code a} as a vector (see {@link #readVector(Path)}); {@code src} names it in the error. */
    static double[] vector(Npy a, String src) {
        long[] s = a.shape();
        if (s.length == 1 || (s.length == 2 && (s[0] == 1 || s[1] == 1))) {
            return a.values();
        }
        throw new DataFormatException(src, "header",
                "expected a vector (shape (n,), (n, 1) or (1, n)), shape is " + shapeString(s));
    }

    /** Features from {@code xFile} (n × d, or n as n × 1) and targets from {@code yFile} (n). */
    public static Dataset read(Path xFile, Path yFile) {
        Matrix x = readMatrix(xFile);
        double[] y = readVector(yFile);
        if (y.length != x.rows()) {
            throw new DataFormatException(yFile.toString(), "header",
                    y.length + " targets but " + xFile + " has " + x.rows() + " rows");
        }
        return new Dataset(xFile.toString(), x, y);
    }

    private static Npy parse(Path file) {
        String src = file.toString();
        try (InputStream in = DataInputs.open(file)) {
            return parse(in, src, Files.size(file));
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    /**
     * Parses a .npy stream; {@code size} is its length in bytes if known (then a header whose shape does
     * not match the file's size fails before anything is allocated), or −1.
     */
    static Npy parse(InputStream in, String src, long size) throws IOException {
        byte[] pre = BinaryInput.readFully(in, 8, 0, src, "the magic string and version");
        if (!Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new DataFormatException(src, "byte offset 0", "bad magic " + hex(pre, 6)
                    + ", expected 93 4E 55 4D 50 59 (\"\\x93NUMPY\"); not a .npy file");
        }
        int major = pre[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw new DataFormatException(src, "byte offset 6",
                    "unsupported .npy format version " + major + "." + (pre[7] & 0xFF) + " (supported: 1.0, 2.0, 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer lb = ByteBuffer.wrap(BinaryInput.readFully(in, lenBytes, 8, src, "the header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        if (headerLen > MAX_HEADER_BYTES) {
            throw new DataFormatException(src, "byte offset 8", "implausible header length " + headerLen
                    + " (at most " + MAX_HEADER_BYTES + " bytes)");
        }
        long offset = 8 + lenBytes;
        byte[] hb = BinaryInput.readFully(in, (int) headerLen, offset, src, "the header");
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader.Fields f = NpyHeader.parse(header, src, offset);
        offset += headerLen;
        Dtype t = Dtype.of(f.descr(), src);
        long count = elementCount(f.shape(), src, f.descr());
        long dataBytes = count * t.width;
        String what = count + " values of " + f.descr() + " for shape " + shapeString(f.shape());
        if (size >= 0 && size < offset + dataBytes) {
            throw BinaryInput.truncated(src, offset, size - offset, dataBytes, what, "");
        }
        if (size > offset + dataBytes) {
            throw new DataFormatException(src, "byte offset " + (offset + dataBytes),
                    (size - offset - dataBytes) + " unexpected trailing bytes after the data");
        }
        boolean fortran = f.fortranOrder() && f.shape().length >= 2;
        DataInputs.requireHeap((fortran ? 16 : 8) * count, src, "header", what);
        BinaryInput.Values arriving = new BinaryInput.Values(count, size >= 0);
        BinaryInput.readBlocks(in, dataBytes, offset, src, what, (buf, n, done) -> {
            int from = (int) (done / t.width);
            t.decode(buf, n, arriving.room(from, n / t.width), from);
        });
        BinaryInput.expectEnd(in, offset + dataBytes, src);
        double[] values = arriving.take((int) count);
        checkFinite(values, f.shape(), f.fortranOrder(), src, offset, t.width);
        return new Npy(f.shape(), fortran ? fortranToC(values, f.shape()) : values);
    }

    /**
     * The number of elements of {@code shape}, failing (before any allocation) when it is more than an
     * in-memory array holds or any dimension is, even if another is 0.
     */
    private static long elementCount(long[] shape, String src, Object descr) {
        String what = "array too large: shape " + shapeString(shape) + " of " + descr;
        long count = 1;
        long largest = 0;
        boolean overflow = false;
        boolean empty = false;
        for (long d : shape) {
            largest = Math.max(largest, d);
            empty |= d == 0;
            if (!overflow) {
                try {
                    count = Math.multiplyExact(count, d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (empty) {
            // no values, but the axes still become matrix dimensions
            DataInputs.requireArrayLength(largest, src, "header", what + ": a dimension of " + largest);
            return 0;
        }
        DataInputs.requireArrayLength(overflow ? -1 : count, src, "header", what);
        return count;
    }

    private static void checkFinite(double[] v, long[] shape, boolean fortran, String src, long offset, int width) {
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                String where;
                if (shape.length == 2) {
                    long rows = shape[0];
                    long cols = shape[1];
                    long i = fortran ? k % rows : k / cols;
                    long j = fortran ? k / rows : k % cols;
                    where = "row " + i + ", column " + j + " (flat index " + k + (fortran ? " in Fortran order" : "") + ")";
                } else {
                    where = "flat index " + k;
                }
                throw new DataFormatException(src, where + ", byte offset " + (offset + (long) k * width), "value is " + v[k]);
            }
        }
    }

    /** Column-major values of an array with ≥ 2 dimensions to row-major. */
    private static double[] fortranToC(double[] v, long[] shape) {
        int rank = shape.length;
        int[] idx = new int[rank];
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            long c = 0;
            for (int a = 0; a < rank; a++) {
                c = c * shape[a] + idx[a];
            }
            out[(int) c] = v[k];
            for (int a = 0; a < rank && ++idx[a] == shape[a]; a++) {
                idx[a] = 0;
            }
        }
        return out;
    }

    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }

    /** A supported element type. */
    private record Dtype(char kind, int width, ByteOrder order) {
        static Dtype of(Object descr, String src) {
            if (!(descr instanceof String s) || s.length() < 3) {
                throw unsupported(descr, src);
            }
            char bo = s.charAt(0);
            char kind = s.charAt(1);
            int width;
            try {
                width = Integer.parseInt(s.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(descr, src);
            }
            boolean ok = switch (kind) {
                case 'f' -> width == 4 || width == 8;
                case 'i', 'u' -> width == 1 || width == 2 || width == 4 || width == 8;
                case 'b' -> width == 1;
                default -> false;
            };
            ByteOrder order = switch (bo) {
                case '<' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '=' -> ByteOrder.nativeOrder();
                case '|' -> width == 1 ? ByteOrder.LITTLE_ENDIAN : null;
                default -> null;
            };
            if (!ok || order == null) {
                throw unsupported(descr, src);
            }
            return new Dtype(kind, width, order);
        }

        private static DataFormatException unsupported(Object descr, String src) {
            String shown = descr instanceof String s ? "'" + s + "'" : String.valueOf(descr);
            return new DataFormatException(src, "header", "unsupported dtype " + shown
                    + " (supported: f8 f4 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order <, > or |)");
        }

        /** Decodes the {@code n / width} values in {@code bytes[0..n)} into {@code out} from index {@code from}. */
        void decode(byte[] bytes, int n, double[] out, int from) {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, n).order(order);
            int count = n / width;
            for (int k = 0; k < count; k++) {
                out[from + k] = switch (kind) {
                    case 'f' -> width == 8 ? b.getDouble() : b.getFloat();
                    case 'i' -> switch (width) {
                        case 1 -> b.get();
                        case 2 -> b.getShort();
                        case 4 -> b.getInt();
                        default -> (double) b.getLong();
                    };
                    case 'u' -> switch (width) {
                        case 1 -> b.get() & 0xFF;
                        case 2 -> b.getShort() & 0xFFFF;
                        case 4 -> b.getInt() & 0xFFFFFFFFL;
                        default -> unsignedToDouble(b.getLong());
                    };
                    default -> b.get() != 0 ? 1.0 : 0.0;
                };
            }
        }

        private static double unsignedToDouble(long v) {
            return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
        }
    }
}
