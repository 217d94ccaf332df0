package org.sgdlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Exact-length binary reads with truncation messages (package-private). */
final class BinaryInput {
    private BinaryInput() {}

    /** Opens {@code file}, transparently decompressing it if it starts with the gzip magic 1f 8b. */
    static InputStream open(Path file) throws IOException {
        return decompressing(DataInputs.open(file), file.toString());
    }

    /** Whether {@code file} starts with the gzip magic 1f 8b. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = DataInputs.open(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * Wraps {@code raw}, transparently decompressing it if it starts with the gzip magic 1f 8b; corrupt
     * compressed data then fail as a {@link DataFormatException} naming {@code src}.
     */
    static InputStream decompressing(InputStream raw, String src) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                GZIPInputStream gz;
                try {
                    gz = new GZIPInputStream(in, 1 << 16);
                } catch (ZipException | EOFException e) {
                    throw new DataFormatException(src, "byte offset 0 (gzip header)", "corrupt gzip header: " + e.getMessage(), e);
                }
                return new BufferedInputStream(new CorruptGzipAsDataError(gz, src), 1 << 16);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Turns a {@link ZipException} from corrupt compressed data into a {@link DataFormatException}. */
    private static final class CorruptGzipAsDataError extends FilterInputStream {
        private final String src;
        private long delivered;

        CorruptGzipAsDataError(InputStream in, String src) {
            super(in);
            this.src = src;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int r = super.read(b, off, len);
                delivered += Math.max(r, 0);
                return r;
            } catch (ZipException e) {
                throw new DataFormatException(src, "byte offset " + delivered + " (decompressed)",
                        "corrupt gzip data: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads exactly {@code length} bytes that start at {@code offset}, growing the buffer as data
     * arrives (a corrupt size field does not allocate a huge array up front).
     *
     * @throws DataFormatException naming the offset where the data ran out and what was expected
     */
    static byte[] readFully(InputStream in, int length, long offset, String src, String what) throws IOException {
        byte[] b = new byte[Math.min(length, 1 << 20)];
        int n = 0;
        while (n < length) {
            if (n == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(length, 2L * b.length));
            }
            int r;
            try {
                r = in.read(b, n, b.length - n);
            } catch (EOFException e) {
                throw truncated(src, offset, n, length, what, " (the compressed stream ends early)");
            }
            if (r < 0) {
                throw truncated(src, offset, n, length, what, "");
            }
            n += r;
        }
        return b;
    }

    /** Receives consecutive blocks of a stream: {@code n} bytes in {@code buf}, starting {@code done} bytes into the data. */
    interface BlockConsumer {
        void accept(byte[] buf, int n, long done);
    }

    /**
     * Reads exactly {@code length} bytes that start at {@code offset} in blocks of at most 64 KiB (a
     * multiple of 8, so a block never splits a value of 1, 2, 4 or 8 bytes), handing each to
     * {@code consumer}; nothing of size {@code length} is allocated.
     *
     * @throws DataFormatException naming the offset where the data ran out and what was expected
     */
    static void readBlocks(InputStream in, long length, long offset, String src, String what, BlockConsumer consumer)
            throws IOException {
        readBlocks(in, length, offset, src, () -> what, consumer);
    }

    /** As {@link #readBlocks(InputStream, long, long, String, String, BlockConsumer)}, describing the data only on failure. */
    static void readBlocks(InputStream in, long length, long offset, String src, java.util.function.Supplier<String> what,
            BlockConsumer consumer) throws IOException {
        byte[] b = new byte[(int) Math.min(length, 1 << 16)];
        long done = 0;
        while (done < length) {
            int want = (int) Math.min(b.length, length - done);
            int n = 0;
            while (n < want) {
                int r;
                try {
                    r = in.read(b, n, want - n);
                } catch (EOFException e) {
                    throw truncated(src, offset, done + n, length, what.get(), " (the compressed stream ends early)");
                }
                if (r < 0) {
                    throw truncated(src, offset, done + n, length, what.get(), "");
                }
                n += r;
            }
            consumer.accept(b, n, done);
            done += n;
        }
    }

    /**
     * The values of a binary array as they arrive: allocated whole up front when the file's size has
     * confirmed that the data are there, else grown as blocks arrive, so a header that claims far more
     * data than a (compressed) stream holds costs memory only for what the stream does hold.
     */
    static final class Values {
        private final long length;
        private double[] a;

        /** Room for {@code length} values (at most {@link DataInputs#MAX_ARRAY_LENGTH}). */
        Values(long length, boolean allocateNow) {
            this.length = length;
            this.a = new double[(int) (allocateNow ? length : Math.min(length, 1 << 16))];
        }

        /** The array, grown so that indices {@code [from, from + k)} exist. */
        double[] room(int from, int k) {
            if ((long) from + k > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(length, Math.max((long) from + k, 2L * a.length)));
            }
            return a;
        }

        /** The first {@code n} values. */
        double[] take(int n) {
            return n == a.length ? a : Arrays.copyOf(a, n);
        }
    }

    static DataFormatException truncated(String src, long offset, long got, long length, String what, String note) {
        long end = offset + got;
        return new DataFormatException(src, "byte offset " + end, "truncated file: data ends after " + end
                + " bytes" + note + ", but " + what + " need " + length + " bytes from offset " + offset
                + " (up to offset " + (offset + length) + ")");
    }

    /** Fails if anything follows offset {@code end}. */
    static void expectEnd(InputStream in, long end, String src) throws IOException {
        if (in.read() >= 0) {
            long extra = 1 + in.transferTo(OutputStream.nullOutputStream());
            throw new DataFormatException(src, "byte offset " + end, extra + " unexpected trailing bytes after the data");
        }
    }
}
