package org.sgdlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** Exact-length binary reads with truncation messages (package-private). */
final class BinaryInput {
    private BinaryInput() {}

    /** Opens {@code file}, transparently decompressing it if it starts with the gzip magic 1f 8b. */
    static InputStream open(Path file) throws IOException {
        return decompressing(Files.newInputStream(file));
    }

    /** Wraps {@code raw}, transparently decompressing it if it starts with the gzip magic 1f 8b. */
    static InputStream decompressing(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
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

    private static DataFormatException truncated(String src, long offset, int got, int length, String what, String note) {
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
