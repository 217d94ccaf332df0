package org.sgdlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sgdlab.linalg.Matrix;

/**
 * Reads the sparse SVMlight / LIBSVM text format (see the LIBSVM README, "Installation and Data
 * Format") into a dense {@link Dataset}.
 *
 * <p>Each non-blank line is {@code label index:value index:value ...}: a numeric label, then
 * features with 1-based, strictly increasing integer indices; omitted features are 0. Everything
 * from {@code #} to the end of a line is a comment. SVMlight's {@code qid:n} tokens are accepted and
 * ignored. The dimension d is the largest index seen unless given. The result is densified, so
 * n·d must not exceed a limit (default {@value #DEFAULT_MAX_ENTRIES} entries).
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the line and the offending token.
 */
public final class LibsvmReader {
    /** Default cap on n·d for the dense matrix (400 MB of doubles). */
    public static final long DEFAULT_MAX_ENTRIES = 50_000_000L;

    private LibsvmReader() {}

    /**
     * How to read a file.
     *
     * @param dimension  the number of features d, or 0 to use the largest index in the file
     * @param maxEntries the largest n·d allowed for the dense matrix
     */
    public record Options(int dimension, long maxEntries) {
        public Options {
            if (dimension < 0 || maxEntries < 0) {
                throw new IllegalArgumentException("dimension and maxEntries must be >= 0, got " + dimension + ", " + maxEntries);
            }
        }

        /** Dimension from the file, limit {@value #DEFAULT_MAX_ENTRIES}. */
        public static Options defaults() {
            return new Options(0, DEFAULT_MAX_ENTRIES);
        }
    }

    /** Reads {@code file}; d is the largest feature index found. */
    public static Dataset read(Path file) {
        return read(file, Options.defaults());
    }

    /** Reads {@code file} as d-dimensional data; an index above d is an error. */
    public static Dataset read(Path file, int dimension) {
        return read(file, new Options(dimension, DEFAULT_MAX_ENTRIES));
    }

    /** Reads {@code file} with the given options. */
    public static Dataset read(Path file, Options options) {
        String src = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, src, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src, e);
        }
    }

    private static Dataset read(BufferedReader in, String src, Options opt) throws IOException {
        DoubleList labels = new DoubleList();
        DoubleList values = new DoubleList();
        int[] index = new int[64];
        int[] rowEnd = new int[64];
        int nnz = 0;
        int maxIndex = 0;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] tokens = content.split("\\s+");
            String at = "line " + lineNo;
            labels.add(TextNumbers.parseFinite(tokens[0], src, at, "label"));
            int previous = 0;
            for (int t = 1; t < tokens.length; t++) {
                String tok = tokens[t];
                if (tok.startsWith("qid:")) {
                    continue;
                }
                int colon = tok.indexOf(':');
                if (colon <= 0 || colon == tok.length() - 1) {
                    throw new DataFormatException(src, at, "bad token \"" + tok + "\", expected index:value");
                }
                int idx = parseIndex(tok.substring(0, colon), tok, src, at);
                if (idx <= previous) {
                    throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok
                            + "\" is not greater than the previous index " + previous + " (indices must be strictly increasing)");
                }
                if (opt.dimension() > 0 && idx > opt.dimension()) {
                    throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok
                            + "\" exceeds the given dimension " + opt.dimension());
                }
                previous = idx;
                double v = TextNumbers.parseFinite(tok.substring(colon + 1), src, at, "value of \"" + tok + "\"");
                if (nnz == index.length) {
                    index = Arrays.copyOf(index, 2 * nnz);
                }
                index[nnz++] = idx;
                values.add(v);
                maxIndex = Math.max(maxIndex, idx);
            }
            int n = labels.size();
            if (n > rowEnd.length) {
                rowEnd = Arrays.copyOf(rowEnd, 2 * rowEnd.length);
            }
            rowEnd[n - 1] = nnz;
        }
        int n = labels.size();
        if (n == 0) {
            throw new DataFormatException(src, "line " + Math.max(1, lineNo), "no samples: the file has no data lines");
        }
        int d = opt.dimension() > 0 ? opt.dimension() : maxIndex;
        long limit = Math.min(opt.maxEntries(), Integer.MAX_VALUE - 8L);
        if ((long) n * d > limit) {
            throw new DataFormatException(src, "lines 1-" + lineNo, n + " samples × " + d
                    + " features = " + (long) n * d + " dense entries, more than the limit of " + limit
                    + " (LibsvmReader.Options.maxEntries)");
        }
        double[] x = new double[n * d];
        double[] v = values.toArray();
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (; k < rowEnd[i]; k++) {
                x[i * d + index[k] - 1] = v[k];
            }
        }
        return new Dataset(src, new Matrix(n, d, x), labels.toArray());
    }

    private static int parseIndex(String s, String tok, String src, String at) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+'))) {
                throw new DataFormatException(src, at, "bad feature index in token \"" + tok + "\"");
            }
        }
        int idx;
        try {
            idx = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(src, at, "bad feature index in token \"" + tok + "\"", e);
        }
        if (idx < 1) {
            throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok + "\" is below 1 (indices are 1-based)");
        }
        return idx;
    }
}
