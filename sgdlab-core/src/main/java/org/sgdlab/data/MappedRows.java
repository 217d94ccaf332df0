package org.sgdlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.sgdlab.linalg.RowSource;

/**
 * The rows of a row-major float64 matrix stored in a file, read through memory mapping so the
 * matrix may be several times larger than the Java heap: the operating system's page cache holds
 * it, the heap holds only a block of rows at a time (see {@code org.sgdlab.objective.EmpiricalRisk#overRows}).
 *
 * <p>{@link FileChannel#map} maps at most 2 GiB per buffer, so the file is mapped in chunks of
 * whole rows (at most {@link #MAX_CHUNK_BYTES} each): a row never straddles two chunks, and a copy
 * of rows [from, from + count) is one bulk {@link DoubleBuffer#get(int, double[], int, int)} per
 * chunk it touches (absolute, so concurrent copies from several threads are safe). The mapping
 * lives until the object is garbage-collected.
 *
 * <p>Values are not scanned when the file is opened (that would cost one pass over the file);
 * {@link #requireFinite()} does it on demand.
 */
public final class MappedRows implements RowSource {
    /** Largest chunk mapped in one buffer: the largest multiple of 8 below 2³¹. */
    public static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE & ~7L;

    private final String source;
    private final int rows;
    private final int cols;
    private final int rowsPerChunk;
    private final DoubleBuffer[] chunks;

    /**
     * Maps {@code rows × cols} little-endian doubles starting at byte {@code offset} of {@code file}.
     * Package-private: {@code maxChunkBytes} lets tests force tiny chunks.
     */
    MappedRows(Path file, long offset, long rows, long cols, long maxChunkBytes) {
        this.source = file.toString();
        if (rows < 0 || rows > Integer.MAX_VALUE || cols < 1 || cols > Integer.MAX_VALUE) {
            throw new DataFormatException(source, "header", "shape " + rows + " × " + cols + " is not supported (rows < 2³¹, cols ≥ 1)");
        }
        long rowBytes = 8 * cols;
        if (rowBytes > maxChunkBytes) {
            throw new DataFormatException(source, "header", "a row of " + cols + " doubles is larger than a mapped chunk ("
                    + maxChunkBytes + " bytes)");
        }
        this.rows = (int) rows;
        this.cols = (int) cols;
        this.rowsPerChunk = (int) Math.min(Integer.MAX_VALUE, maxChunkBytes / rowBytes);
        int n = (int) ((rows + rowsPerChunk - 1) / rowsPerChunk);
        try (FileChannel ch = DataInputs.channel(file)) {
            long need = offset + rows * rowBytes;
            if (ch.size() < need) {
                throw new DataFormatException(source, "byte offset " + ch.size(), "file ends early: " + rows + " × " + cols
                        + " doubles from byte " + offset + " need " + need + " bytes");
            }
            // allocated after the size check: a header's row count alone must not size an array
            DoubleBuffer[] chunks = new DoubleBuffer[n];
            this.chunks = chunks;
            for (int c = 0; c < n; c++) {
                long first = (long) c * rowsPerChunk;
                long count = Math.min(rowsPerChunk, rows - first);
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, offset + first * rowBytes, count * rowBytes)
                        .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            }
        } catch (IOException e) {
            throw DataInputs.readFailure(source, e);
        }
    }

    /** Maps the 2-D float64 C-order array of a {@code .npy} file (dtype {@code <f8}, or {@code =f8} on a little-endian machine). */
    public static MappedRows npy(Path file) {
        return npy(file, MAX_CHUNK_BYTES);
    }

    static MappedRows npy(Path file, long maxChunkBytes) {
        String src = file.toString();
        try (FileChannel ch = DataInputs.channel(file)) {
            ByteBuffer pre = ByteBuffer.allocate(8);
            readFully(ch, pre, 0, src);
            byte[] magic = Arrays.copyOf(pre.array(), 6);
            if (!Arrays.equals(magic, new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
                throw new DataFormatException(src, "byte offset 0", "not a .npy file (bad magic)");
            }
            int major = pre.get(6) & 0xFF;
            if (major < 1 || major > 3) {
                throw new DataFormatException(src, "byte offset 6", "unsupported .npy format version " + major);
            }
            ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 8, src);
            long headerLen = major == 1 ? len.getShort(0) & 0xFFFF : len.getInt(0) & 0xFFFFFFFFL;
            long start = major == 1 ? 10 : 12;
            if (headerLen > NpyReader.MAX_HEADER_BYTES) {
                throw new DataFormatException(src, "byte offset 8", "implausible header length " + headerLen
                        + " (at most " + NpyReader.MAX_HEADER_BYTES + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, start, src);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            NpyHeader.Fields f = NpyHeader.parse(header, src, start);
            boolean littleF8 = "<f8".equals(f.descr())
                    || ("=f8".equals(f.descr()) && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
            if (!littleF8 || f.fortranOrder() || f.shape().length != 2) {
                throw new DataFormatException(src, "header", "memory mapping needs a 2-D little-endian float64 array in C order"
                        + " (descr '<f8', fortran_order False), got descr " + f.descr() + ", fortran_order "
                        + f.fortranOrder() + ", shape " + NpyReader.shapeString(f.shape()));
            }
            long rows = f.shape()[0];
            long cols = f.shape()[1];
            long dataStart = start + headerLen;
            // with rows < 2³¹ and 8·cols within a chunk (< 2³¹), 8·rows·cols < 2⁶² cannot overflow
            if (cols >= 1 && rows <= Integer.MAX_VALUE && 8 * cols <= maxChunkBytes
                    && ch.size() - dataStart > 8 * rows * cols) {
                throw new DataFormatException(src, "byte offset " + (dataStart + 8 * rows * cols),
                        (ch.size() - dataStart - 8 * rows * cols) + " unexpected trailing bytes after the data");
            }
            return new MappedRows(file, dataStart, rows, cols, maxChunkBytes);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    /** Fills {@code b} from byte {@code pos} of the channel. */
    static void readFully(FileChannel ch, ByteBuffer b, long pos, String src) throws IOException {
        long start = pos + b.position();
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new DataFormatException(src, "byte offset " + (pos + b.position()), "truncated file: it ends after "
                        + (pos + b.position()) + " bytes, but " + b.limit() + " bytes from offset " + start + " were expected");
            }
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Rows per mapped chunk. */
    int rowsPerChunk() {
        return rowsPerChunk;
    }

    /** Number of mapped chunks. */
    int chunkCount() {
        return chunks.length;
    }

    @Override
    public void copyRows(int from, int count, double[] out, int outOff) {
        if (from < 0 || count < 0 || from > rows - count) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + count) + ") of " + rows);
        }
        while (count > 0) {
            int c = from / rowsPerChunk;
            int local = from - c * rowsPerChunk;
            int take = Math.min(count, rowsPerChunk - local);
            chunks[c].get(local * cols, out, outOff, take * cols);
            from += take;
            count -= take;
            outOff += take * cols;
        }
    }

    /**
     * Scans every value (one pass over the file).
     *
     * @throws DataFormatException naming the first non-finite value's row and column
     */
    public MappedRows requireFinite() {
        int block = Math.max(1, (1 << 16) / cols);
        double[] buf = new double[block * cols];
        for (int from = 0; from < rows; from += block) {
            int c = Math.min(block, rows - from);
            copyRows(from, c, buf, 0);
            for (int k = 0; k < c * cols; k++) {
                if (!Double.isFinite(buf[k])) {
                    throw new DataFormatException(source, "row " + (from + k / cols) + ", column " + (k % cols),
                            "value is " + buf[k]);
                }
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "MappedRows[" + source + ", " + rows + "×" + cols + ", " + chunks.length + " chunk(s)]";
    }
}
