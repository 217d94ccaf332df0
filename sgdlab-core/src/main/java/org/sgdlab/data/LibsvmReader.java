package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * Reads the sparse SVMlight / LIBSVM text format (see the LIBSVM README, "Installation and Data
 * Format") into a dense {@link Dataset}.
 *
 * <p>Each non-blank line is {@code label index:value index:value ...}: a numeric label, then
 * features with strictly increasing integer indices; omitted features are 0. Everything from
 * {@code #} to the end of a line is a comment. SVMlight's {@code qid:n} tokens are accepted and
 * ignored. The text must be UTF-8.
 *
 * <p>Indices are 1-based in LIBSVM, but scikit-learn's {@code dump_svmlight_file} writes 0-based
 * ones by default. With {@link IndexBase#AUTO} (the default, as scikit-learn's
 * {@code load_svmlight_file(zero_based="auto")}) the file is 0-based if some index is 0, or if a
 * comment line before the data says {@code Column indices are zero-based} (scikit-learn writes it
 * when given a comment), and 1-based otherwise. Column j of the result is index j+1 (1-based) or
 * index j (0-based).
 *
 * <p>The dimension d is the number of columns the largest index needs, unless given. The result is
 * densified, so n·d must not exceed a limit (default {@value #DEFAULT_MAX_ENTRIES} entries).
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the line and the offending token.
 */
public final class LibsvmReader {
    /** Default cap on n·d for the dense matrix (400 MB of doubles). */
    public static final long DEFAULT_MAX_ENTRIES = 50_000_000L;

    private static final String ZERO_BASED_COMMENT = "column indices are zero-based";
    private static final String ONE_BASED_COMMENT = "column indices are one-based";

    private LibsvmReader() {}

    /** Whether feature indices start at 0 or 1. */
    public enum IndexBase {
        /** 0-based if an index 0 occurs or a scikit-learn comment says so, else 1-based. */
        AUTO,
        /** Indices start at 0 (scikit-learn's default). */
        ZERO,
        /** Indices start at 1 (LIBSVM, SVMlight); index 0 is an error. */
        ONE
    }

    /**
     * How to read a file.
     *
     * @param dimension  the number of features d, or 0 to use the number the largest index needs
     * @param maxEntries the largest n·d allowed for the dense matrix
     * @param indexBase  whether indices are 0- or 1-based, or detected
     */
    public record Options(int dimension, long maxEntries, IndexBase indexBase) {
        public Options {
            Objects.requireNonNull(indexBase, "indexBase");
            if (dimension < 0 || maxEntries < 0) {
                throw new IllegalArgumentException("dimension and maxEntries must be >= 0, got " + dimension + ", " + maxEntries);
            }
        }

        /** 1-based or 0-based indices as detected, with this dimension (0: from the file) and limit. */
        public Options(int dimension, long maxEntries) {
            this(dimension, maxEntries, IndexBase.AUTO);
        }

        /** Dimension from the file, limit {@value #DEFAULT_MAX_ENTRIES}, index base detected. */
        public static Options defaults() {
            return new Options(0, DEFAULT_MAX_ENTRIES, IndexBase.AUTO);
        }

        /** These options with another index base. */
        public Options withIndexBase(IndexBase base) {
            return new Options(dimension, maxEntries, base);
        }
    }

    /**
     * The data and how they were read.
     *
     * @param zeroBased whether the indices were read as 0-based
     * @param why       when the base was detected as 0-based, why (e.g. {@code index 0 on line 2}); else null
     */
    public record Result(Dataset data, boolean zeroBased, String why) {
        /** A sentence for the user when the indices were detected as 0-based, else null. */
        public String note() {
            return why == null ? null : data.name() + ": feature indices read as 0-based (" + why + "), as scikit-learn"
                    + " writes them; feature j is index j";
        }
    }

    /** Reads {@code file}; d is what the largest feature index needs. */
    public static Dataset read(Path file) {
        return read(file, Options.defaults());
    }

    /** Reads {@code file} as d-dimensional data; an index beyond d columns is an error. */
    public static Dataset read(Path file, int dimension) {
        return read(file, new Options(dimension, DEFAULT_MAX_ENTRIES));
    }

    /** Reads {@code file} with the given options. */
    public static Dataset read(Path file, Options options) {
        return readResult(file, options).data();
    }

    /** Reads {@code file} with the given options and says how the indices were read. */
    public static Result readResult(Path file, Options options) {
        String src = file.toString();
        try (InputStream in = DataInputs.open(file)) {
            return read(in, src, options);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    /** Reads from {@code in} (not closed), naming it {@code src} in messages. */
    static Result read(InputStream in, String src, Options opt) throws IOException {
        TextLines lines = new TextLines(in, src);
        DoubleList labels = new DoubleList();
        DoubleList values = new DoubleList();
        int[] index = new int[64];
        int[] rowEnd = new int[64];
        int nnz = 0;
        int maxIndex = -1;
        int maxIndexLine = 0;
        String maxIndexToken = null;
        int zeroLine = 0;
        IndexBase commentBase = null;
        int commentLine = 0;
        int min = opt.indexBase() == IndexBase.ONE ? 1 : 0;
        String line;
        while ((line = lines.next()) != null) {
            int lineNo = lines.lineNo();
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                if (hash >= 0 && labels.size() == 0 && commentBase == null) {
                    String comment = line.substring(hash + 1).strip().toLowerCase(Locale.ROOT);
                    commentBase = comment.equals(ZERO_BASED_COMMENT) ? IndexBase.ZERO
                            : comment.equals(ONE_BASED_COMMENT) ? IndexBase.ONE : null;
                    commentLine = lineNo;
                }
                continue;
            }
            String[] tokens = tokens(content);
            String at = "line " + lineNo;
            labels.add(TextNumbers.parseFinite(tokens[0], src, at, "label"));
            int previous = -1;
            for (int t = 1; t < tokens.length; t++) {
                String tok = tokens[t];
                if (tok.startsWith("qid:")) {
                    requireQid(tok, src, at);
                    continue;
                }
                int colon = tok.indexOf(':');
                if (colon <= 0 || colon == tok.length() - 1) {
                    throw new DataFormatException(src, at, "bad token \"" + tok + "\", expected index:value");
                }
                int idx = parseIndex(tok.substring(0, colon), tok, src, at, min);
                if (idx <= previous) {
                    throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok
                            + "\" is not greater than the previous index " + previous + " (indices must be strictly increasing)");
                }
                previous = idx;
                double v = TextNumbers.parseFinite(tok.substring(colon + 1), src, at, "value of \"" + tok + "\"");
                if (nnz == index.length) {
                    if (nnz >= opt.maxEntries() || nnz >= DataInputs.MAX_ARRAY_LENGTH / 2) {
                        throw new DataFileException(src, at, "too large: more than " + nnz
                                + " stored features, more than the dense limit of " + opt.maxEntries()
                                + " entries (LibsvmReader.Options.maxEntries)");
                    }
                    index = Arrays.copyOf(index, 2 * nnz);
                }
                index[nnz++] = idx;
                values.add(v);
                if (idx > maxIndex) {
                    maxIndex = idx;
                    maxIndexLine = lineNo;
                    maxIndexToken = tok;
                }
                if (idx == 0 && zeroLine == 0) {
                    zeroLine = lineNo;
                }
            }
            int n = labels.size();
            if (n > rowEnd.length) {
                rowEnd = Arrays.copyOf(rowEnd, (int) Math.min(DataInputs.MAX_ARRAY_LENGTH, 2L * rowEnd.length));
            }
            rowEnd[n - 1] = nnz;
        }
        int n = labels.size();
        if (n == 0) {
            throw new DataFormatException(src, "line " + Math.max(1, lines.lineNo()), "no samples: the file has no data lines");
        }
        boolean zeroBased;
        String why = null;
        if (opt.indexBase() != IndexBase.AUTO) {
            zeroBased = opt.indexBase() == IndexBase.ZERO;
        } else if (commentBase == IndexBase.ONE) {
            if (zeroLine > 0) {
                throw new DataFormatException(src, "line " + zeroLine, "feature index 0, but the comment on line " + commentLine
                        + " says the column indices are one-based");
            }
            zeroBased = false;
        } else {
            zeroBased = zeroLine > 0 || commentBase == IndexBase.ZERO;
            // the file's own declaration is the better reason to give than the first index 0 that agrees with it
            why = commentBase == IndexBase.ZERO ? "the comment on line " + commentLine + " says so"
                    : zeroLine > 0 ? "index 0 on line " + zeroLine : null;
        }
        long needed = maxIndex < 0 ? 0 : maxIndex + (zeroBased ? 1L : 0L);
        if (opt.dimension() > 0 && needed > opt.dimension()) {
            throw new DataFormatException(src, "line " + maxIndexLine, "feature index " + maxIndex + " in \"" + maxIndexToken
                    + "\" exceeds the given dimension " + opt.dimension() + (zeroBased ? " (indices are 0-based)" : ""));
        }
        long d = opt.dimension() > 0 ? opt.dimension() : needed;
        long limit = Math.min(opt.maxEntries(), DataInputs.MAX_ARRAY_LENGTH);
        if (n * d > limit) {
            throw new DataFileException(src, "lines 1-" + lines.lineNo(), "too large: " + n + " samples × " + d
                    + " features = " + n * d + " dense entries, more than the limit of " + limit
                    + " (LibsvmReader.Options.maxEntries)");
        }
        int shift = zeroBased ? 0 : 1;
        double[] x = new double[(int) (n * d)];
        double[] v = values.toArray();
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (; k < rowEnd[i]; k++) {
                x[(int) (i * d) + index[k] - shift] = v[k];
            }
        }
        return new Result(new Dataset(src, new Matrix(n, (int) d, x), labels.toArray()), zeroBased, why);
    }

    /**
     * The tokens of {@code s} separated by runs of ASCII whitespace (space, tab, line feed, vertical tab,
     * form feed, carriage return: the set of the regex {@code \s}), with no leading or trailing empty
     * token; a hand-written loop because {@code String.split} compiles a regex for every line.
     */
    static String[] tokens(String s) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || isAsciiSpace(s.charAt(i));
            if (space && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static void requireQid(String tok, String src, String at) {
        String q = tok.substring(4);
        if (q.isEmpty() || q.length() > 18 || !q.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DataFormatException(src, at, "bad query id \"" + tok + "\", expected qid:<non-negative integer>");
        }
    }

    private static int parseIndex(String s, String tok, String src, String at, int min) {
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
            throw new DataFormatException(src, at, "bad feature index in token \"" + tok + "\" (not an integer below 2^31)", e);
        }
        if (idx < 0) {
            throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok + "\" is negative");
        }
        if (idx < min) {
            throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok + "\" is below 1 (indices are 1-based)");
        }
        if (idx >= DataInputs.MAX_ARRAY_LENGTH) {
            throw new DataFormatException(src, at, "feature index " + idx + " in \"" + tok + "\" is too large (at most "
                    + (DataInputs.MAX_ARRAY_LENGTH - 1) + ")");
        }
        return idx;
    }
}
