package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sgdlab.linalg.Matrix;

/**
 * Reads a delimited text table (RFC 4180 style CSV, or whitespace-separated numbers as written by
 * {@code numpy.savetxt}) into a {@link Dataset}.
 *
 * <p>Format: blank lines and lines whose first non-space character is {@code #} are skipped
 * (so {@code savetxt}'s {@code header=} line, written as {@code "# " + header}, is a comment). The
 * first other line is either the header, naming the columns, or the first data row; every data row
 * has exactly as many cells as that first line. Cells may be wrapped in double quotes ({@code ""}
 * inside quotes is a literal quote); surrounding spaces are ignored. One column is the label (by name
 * or 0-based index, default: the last), all others are features. Every data cell must be a finite
 * decimal number. The text must be UTF-8 (an initial byte-order mark is dropped).
 *
 * <p><b>Header rule</b> ({@link Header#AUTO}, the default): the first line is data when every
 * non-empty cell in it reads as a number (a finite decimal, or NaN/infinity, which then fails as a
 * bad value), and a header otherwise. A headerless table names its columns {@code x0, x1, ...} by
 * position. A header whose names all look like numbers ({@code 1,2,3}) needs {@link Header#PRESENT};
 * {@link Header#ABSENT} reads the first line as data whatever it holds. The decision is returned in
 * the {@link Layout} so a caller can tell the user.
 *
 * <p><b>Delimiter</b> ({@link #DETECT}, the default): the first of {@code ','}, tab and {@code ';'}
 * that occurs (outside quotes) in the first line, else runs of spaces and tabs ({@link #WHITESPACE}).
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the line (and column name) and the
 * quoted value, e.g. {@code data.csv: line 7: expected 4 columns, found 3}.
 */
public final class CsvReader {
    /** {@link Options#delimiter()} value: choose the delimiter from the first line. */
    public static final char DETECT = '\0';
    /** {@link Options#delimiter()} value: cells are separated by runs of spaces and tabs. */
    public static final char WHITESPACE = ' ';

    private CsvReader() {}

    /** Whether the first line that is not blank or a comment names the columns. */
    public enum Header {
        /** Decide from the first line: all numbers → data, anything else → header (see the class description). */
        AUTO,
        /** The first line is the header. */
        PRESENT,
        /** There is no header: the first line is data, columns are named x0, x1, ... */
        ABSENT
    }

    /**
     * How to read a table.
     *
     * @param delimiter  the cell separator: a character, {@link #DETECT} (default) or {@link #WHITESPACE}
     * @param header     whether the first line is a header (default {@link Header#AUTO})
     * @param labelName  the label column: a header name (x0, x1, ... without a header) or, if no column has
     *                   that name, a 0-based index; null to use {@code labelIndex}
     * @param labelIndex the label column's 0-based index; −1 means the last column
     * @param maxEntries the largest n·d allowed for the feature matrix (at most 2³¹ − 9, a Java array's limit)
     */
    public record Options(char delimiter, Header header, String labelName, int labelIndex, long maxEntries) {
        public Options {
            Objects.requireNonNull(header, "header");
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == '#') {
                throw new IllegalArgumentException("delimiter cannot be a quote, a line break or '#', got '" + delimiter + "'");
            }
            if (labelIndex < -1) {
                throw new IllegalArgumentException("label column index must be >= 0 (or -1 for the last), got " + labelIndex);
            }
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must be >= 0, got " + maxEntries);
            }
            maxEntries = Math.min(maxEntries, DataInputs.MAX_ARRAY_LENGTH);
        }

        /** Delimiter and header detected, label in the last column. */
        public static Options defaults() {
            return new Options(DETECT, Header.AUTO, null, -1, DataInputs.MAX_ARRAY_LENGTH);
        }

        /** These options with another delimiter (e.g. ',', ';', '\t', {@link #WHITESPACE} or {@link #DETECT}). */
        public Options withDelimiter(char d) {
            return new Options(d, header, labelName, labelIndex, maxEntries);
        }

        /** These options with the header present, absent or detected. */
        public Options withHeader(Header h) {
            return new Options(delimiter, h, labelName, labelIndex, maxEntries);
        }

        /** These options with the label column chosen by name (or, if no column has that name, a 0-based index). */
        public Options withLabel(String name) {
            return new Options(delimiter, header, name, -1, maxEntries);
        }

        /** These options with the label column chosen by 0-based index. */
        public Options withLabel(int index) {
            return new Options(delimiter, header, null, index, maxEntries);
        }

        /** These options with another limit on n·d. */
        public Options withMaxEntries(long max) {
            return new Options(delimiter, header, labelName, labelIndex, max);
        }
    }

    /**
     * How a table was read: what was asked or detected, for telling the user.
     *
     * @param source            the file
     * @param delimiter         the cell separator used ({@link #WHITESPACE} for runs of spaces and tabs)
     * @param delimiterDetected whether the delimiter was detected rather than given
     * @param header            whether the first line was read as a header
     * @param headerDetected    whether that was decided by the header rule rather than given
     * @param firstLine         the 1-based line number of the first line that is not blank or a comment
     * @param evidence          when a header was detected, its first cell that is not a number; else null
     * @param columns           the names of all columns in file order (x0, x1, ... without a header)
     * @param labelColumn       the 0-based index of the label column
     * @param labelIsDefault    whether the label is the last column because none was asked for
     */
    public record Layout(String source, char delimiter, boolean delimiterDetected, boolean header, boolean headerDetected,
            int firstLine, String evidence, List<String> columns, int labelColumn, boolean labelIsDefault) {
        public Layout {
            columns = List.copyOf(columns);
        }

        /**
         * One sentence for the user, e.g. {@code data.csv: first line is numeric, read as data (no header);
         * 1001 columns x0..x1000, label = x1000 (the last column)}.
         */
        public String describe() {
            StringBuilder sb = new StringBuilder(source).append(": ");
            String line = firstLine == 1 ? "first line" : "first line (line " + firstLine + ")";
            if (header) {
                sb.append(headerDetected ? line + " read as the header (\"" + evidence + "\" is not a number)"
                        : line + " read as the header (as asked)");
                sb.append("; ").append(columns.size()).append(" columns, label = \"").append(columns.get(labelColumn)).append('"');
            } else {
                sb.append(headerDetected ? line + " is numeric, read as data (no header)" : line + " read as data (no header, as asked)");
                sb.append("; ").append(columns.size()).append(" columns x0..x").append(columns.size() - 1)
                        .append(", label = ").append(columns.get(labelColumn));
            }
            sb.append(labelIsDefault ? " (the last column)" : " (column " + labelColumn + ")");
            if (delimiterDetected && delimiter != ',') {
                sb.append("; cells separated by ").append(delimiter == WHITESPACE ? "whitespace"
                        : delimiter == '\t' ? "tabs" : "'" + delimiter + "'");
            }
            return sb.toString();
        }
    }

    /** The data and how they were read. */
    public record Table(Dataset data, Layout layout) {}

    /** Delimiter and header detected, label in the last column. */
    public static Dataset read(Path file) {
        return read(file, Options.defaults());
    }

    /** Delimiter and header detected; label in the column with this name (or, failing that, this 0-based index). */
    public static Dataset read(Path file, String labelColumn) {
        return read(file, Options.defaults().withLabel(labelColumn));
    }

    /** Delimiter and header detected; label in the column with this 0-based index. */
    public static Dataset read(Path file, int labelIndex) {
        if (labelIndex < 0) {
            throw new DataFormatException(file.toString(), "header", "label column index must be >= 0, got " + labelIndex);
        }
        return read(file, Options.defaults().withLabel(labelIndex));
    }

    /** Reads {@code file} with the given options. */
    public static Dataset read(Path file, Options options) {
        return readTable(file, options).data();
    }

    /** Reads {@code file} with the given options and says how (header or not, delimiter, label). */
    public static Table readTable(Path file, Options options) {
        String src = file.toString();
        try (InputStream in = DataInputs.open(file)) {
            return readTable(in, src, options);
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    /** Reads a table from {@code in} (not closed), naming it {@code src} in messages. */
    static Table readTable(InputStream in, String src, Options opt) throws IOException {
        TextLines lines = new TextLines(in, src);
        String line;
        while ((line = lines.next()) != null && skip(line)) {
            // blank lines and comments before the first line
        }
        if (line == null) {
            throw new DataFormatException(src, "line " + Math.max(1, lines.lineNo()),
                    "no data: the file has only blank lines and # comments");
        }
        int firstLine = lines.lineNo();
        char delimiter = opt.delimiter() == DETECT ? detectDelimiter(line) : opt.delimiter();
        List<String> first = split(line, delimiter, src, firstLine);
        String evidence = firstNonNumber(first);
        boolean header = switch (opt.header()) {
            case AUTO -> evidence != null;
            case PRESENT -> true;
            case ABSENT -> false;
        };
        int cols = first.size();
        List<String> columns;
        if (header) {
            checkHeader(first, src, firstLine);
            columns = first;
        } else {
            if (cols < 2) {
                throw new DataFormatException(src, "line " + firstLine, "a row needs at least 2 columns (features and a label), found "
                        + cols + ": \"" + line + "\"" + (delimiter == WHITESPACE || opt.delimiter() != DETECT ? ""
                        : " (cells separated by '" + delimiter + "')"));
            }
            columns = new ArrayList<>(cols);
            for (int j = 0; j < cols; j++) {
                columns.add("x" + j);
            }
        }
        int label = labelColumn(columns, header, opt, src, firstLine);
        List<String> featureNames = new ArrayList<>(columns);
        featureNames.remove(label);
        Layout layout = new Layout(src, delimiter, opt.delimiter() == DETECT, header, opt.header() == Header.AUTO, firstLine,
                header ? evidence : null, columns, label, opt.labelName() == null && opt.labelIndex() == -1);

        long d = cols - 1;
        DoubleList x = new DoubleList();
        DoubleList y = new DoubleList();
        int lineNo = firstLine;
        List<String> cells = header ? null : first;
        while (true) {
            if (cells == null) {
                line = lines.next();
                if (line == null) {
                    break;
                }
                lineNo = lines.lineNo();
                if (skip(line)) {
                    continue;
                }
                cells = split(line, delimiter, src, lineNo);
            }
            if (cells.size() != cols) {
                throw new DataFormatException(src, "line " + lineNo,
                        "expected " + cols + " columns, found " + cells.size() + ": \"" + line + "\"");
            }
            if ((y.size() + 1L) * d > opt.maxEntries()) {
                throw new DataFileException(src, "line " + lineNo, "too large: " + (y.size() + 1L) + " rows × " + d
                        + " features = " + (y.size() + 1L) * d + " values, more than the limit of " + opt.maxEntries()
                        + (opt.maxEntries() == DataInputs.MAX_ARRAY_LENGTH ? " (the largest in-memory array)" : "")
                        + "; convert it to a float64 .npy and memory-map it (`sgdlab train --mmap`)");
            }
            for (int j = 0; j < cols; j++) {
                double v = TextNumbers.parseFinite(cells.get(j), src,
                        "line " + lineNo + ", column \"" + columns.get(j) + "\"", "cell");
                if (j == label) {
                    y.add(v);
                } else {
                    x.add(v);
                }
            }
            cells = null;
        }
        if (y.size() == 0) {
            throw new DataFormatException(src, "line " + Math.max(lineNo, lines.lineNo()),
                    "no data rows after the header on line " + firstLine);
        }
        Dataset data = new Dataset(src, new Matrix(y.size(), cols - 1, x.toArray()), y.toArray(), featureNames);
        return new Table(data, layout);
    }

    private static boolean skip(String line) {
        String t = line.strip();
        return t.isEmpty() || t.charAt(0) == '#';
    }

    /** The first non-empty cell that does not read as a number, or null if there is none. */
    private static String firstNonNumber(List<String> cells) {
        for (String c : cells) {
            if (!c.isEmpty() && !TextNumbers.looksNumeric(c)) {
                return c;
            }
        }
        return null;
    }

    /** ',' if the line has one outside quotes, else a tab, else ';', else {@link #WHITESPACE}. */
    static char detectDelimiter(String line) {
        boolean quoted = false;
        boolean tab = false;
        boolean semicolon = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                return ',';
            } else if (!quoted) {
                tab |= c == '\t';
                semicolon |= c == ';';
            }
        }
        return tab ? '\t' : semicolon ? ';' : WHITESPACE;
    }

    private static void checkHeader(List<String> header, String src, int line) {
        if (header.size() < 2) {
            throw new DataFormatException(src, "line " + line,
                    "header needs at least 2 columns (features and a label), found " + header.size() + ": " + header);
        }
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!h.isEmpty() && !seen.add(h)) {
                throw new DataFormatException(src, "line " + line, "duplicate column name in header: \"" + h + "\"");
            }
        }
    }

    private static int labelColumn(List<String> columns, boolean header, Options opt, String src, int line) {
        String name = opt.labelName();
        if (name != null) {
            int i = columns.indexOf(name);
            if (i >= 0) {
                return i;
            }
            String t = name.strip();
            if (!t.isEmpty() && t.length() <= 9 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                i = Integer.parseInt(t);
                if (i < columns.size()) {
                    return i;
                }
                throw new DataFormatException(src, "line " + line, "label column index " + i + " out of range: the table has "
                        + columns.size() + " columns");
            }
            throw new DataFormatException(src, "line " + line, "no label column named \"" + name + "\"; " + (header
                    ? "header has " + shortList(columns)
                    : "the file has no header, its columns are x0..x" + (columns.size() - 1) + " (or give a 0-based index)"));
        }
        int i = opt.labelIndex() == -1 ? columns.size() - 1 : opt.labelIndex();
        if (i >= columns.size()) {
            throw new DataFormatException(src, "line " + line,
                    "label column index " + opt.labelIndex() + " out of range: the table has " + columns.size() + " columns");
        }
        return i;
    }

    private static String shortList(List<String> names) {
        return names.size() <= 20 ? names.toString()
                : names.subList(0, 10) + " ... " + names.subList(names.size() - 5, names.size()) + " (" + names.size() + " names)";
    }

    /**
     * Splits one line into cells, honouring double quotes. With a character delimiter cells are
     * stripped of surrounding spaces and may be empty; with {@link #WHITESPACE} runs of spaces and
     * tabs separate cells and leading or trailing ones are ignored.
     */
    static List<String> split(String line, char delimiter, String src, int lineNo) {
        boolean ws = delimiter == WHITESPACE;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean started = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                started = true;
            } else if (ws ? c == ' ' || c == '\t' : c == delimiter) {
                if (!ws) {
                    cells.add(cell.toString().strip());
                } else if (started) {
                    cells.add(cell.toString());
                }
                cell.setLength(0);
                started = false;
            } else {
                cell.append(c);
                started = true;
            }
        }
        if (quoted) {
            throw new DataFormatException(src, "line " + lineNo, "unterminated quoted cell: \"" + line + "\"");
        }
        if (!ws) {
            cells.add(cell.toString().strip());
        } else if (started) {
            cells.add(cell.toString());
        }
        return cells;
    }
}
