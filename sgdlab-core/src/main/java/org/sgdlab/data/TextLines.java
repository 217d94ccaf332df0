package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 text file, decoded strictly, one at a time (package-private). Line ends are
 * {@code \n}, {@code \r\n} or a lone {@code \r} (as {@link java.io.BufferedReader#readLine()}); a
 * byte-order mark at the start of the file is dropped. Unlike a {@code BufferedReader}, which reads
 * ahead and reports a bad byte without saying where, an invalid UTF-8 sequence is a
 * {@link DataFormatException} naming its line and byte offset, and a line longer than
 * {@link #MAX_LINE_BYTES} fails before it exhausts the heap.
 */
final class TextLines implements AutoCloseable {
    /** Longest line accepted: 256 MiB (a million columns of 25-character numbers fit ten times over). */
    static final int MAX_LINE_BYTES = 1 << 28;

    private final InputStream in;
    private final String src;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private byte[] line = new byte[256];
    private int lineNo;
    private long lineOffset;
    private long nextOffset;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    TextLines(InputStream in, String src) {
        this(in, src, MAX_LINE_BYTES);
    }

    /** Package-private: tests use a small {@code maxLineBytes}. */
    TextLines(InputStream in, String src, int maxLineBytes) {
        this.in = in;
        this.src = src;
        this.maxLineBytes = maxLineBytes;
    }

    /** The 1-based number of the line last returned (0 before the first). */
    int lineNo() {
        return lineNo;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException {
        int n = 0;
        lineOffset = nextOffset;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buf[pos++];
            nextOffset++;
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if ((pos < end || fill()) && buf[pos] == '\n') {
                    pos++;
                    nextOffset++;
                }
                break;
            }
            if (n == line.length) {
                if (n >= maxLineBytes) {
                    throw new DataFormatException(src, "line " + (lineNo + 1) + " (byte offset " + lineOffset + ")",
                            "line is longer than " + maxLineBytes + " bytes; not a text data file?");
                }
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * n));
            }
            line[n++] = b;
        }
        lineNo++;
        int from = lineNo == 1 && n >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        return decode(from, n);
    }

    private String decode(int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, from, to - from);
        CharBuffer chars = CharBuffer.allocate(to - from);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            int at = bytes.position();
            StringBuilder shown = new StringBuilder();
            for (int i = at; i < Math.min(to, at + Math.max(1, r.length())); i++) {
                shown.append(i == at ? "" : " ").append(String.format("%02X", line[i] & 0xFF));
            }
            throw new DataFormatException(src, "line " + lineNo + " (byte offset " + (lineOffset + at) + ")",
                    "not valid UTF-8 text: byte(s) " + shown);
        }
        chars.flip();
        return chars.toString();
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int r = in.read(buf, 0, buf.length);
        if (r <= 0) {
            eof = r < 0;
            if (r == 0) {
                int b = in.read();
                if (b >= 0) {
                    buf[0] = (byte) b;
                    pos = 0;
                    end = 1;
                    return true;
                }
                eof = true;
            }
            return false;
        }
        pos = 0;
        end = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
