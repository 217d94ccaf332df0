package org.sgdlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sgdlab.linalg.Matrix;

/**
 * Reads a delimited text table (RFC 4180 style CSV) into a {@link Dataset}.
 *
 * <p>Format: the first line that is neither blank nor a comment is the header and names the
 * columns; every following line holds one sample with exactly as many cells as the header. Blank
 * lines and lines whose first non-space character is {@code #} are skipped. Cells may be wrapped in
 * double quotes ({@code ""} inside quotes is a literal quote); surrounding spaces are ignored. One
 * column is the label (by name or 0-based index, default: the last), all others are features, named
 * by the header. Every cell must be a finite decimal number.
 *
 * <p>Errors are {@link DataFormatException}s naming the file, the line (and column name) and the
 * quoted value, e.g. {@code data.csv: line 7: expected 4 columns, found 3}.
 */
public final class CsvReader {
    private CsvReader() {}

    /**
     * How to read a table.
     *
     * @param delimiter  the cell separator, ',' by default
     * @param labelName  the label column's header name, or null to use {@code labelIndex}
     * @param labelIndex the label column's 0-based index; −1 means the last column
     */
    public record Options(char delimiter, String labelName, int labelIndex) {
        /** Comma-separated, label in the last column. */
        public static Options defaults() {
            return new Options(',', null, -1);
        }

        /** These options with another delimiter (e.g. ';' or '\t'). */
        public Options withDelimiter(char d) {
            return new Options(d, labelName, labelIndex);
        }

        /** These options with the label column chosen by header name. */
        public Options withLabel(String name) {
            return new Options(delimiter, name, -1);
        }

        /** These options with the label column chosen by 0-based index. */
        public Options withLabel(int index) {
            return new Options(delimiter, null, index);
        }
    }

    /** Comma-separated file, label in the last column. */
    public static Dataset read(Path file) {
        return read(file, Options.defaults());
    }

    /** Comma-separated file, label in the column with this header name. */
    public static Dataset read(Path file, String labelColumn) {
        return read(file, Options.defaults().withLabel(labelColumn));
    }

    /** Comma-separated file, label in the column with this 0-based index. */
    public static Dataset read(Path file, int labelIndex) {
        if (labelIndex < 0) {
            throw new DataFormatException(file.toString(), "header", "label column index must be >= 0, got " + labelIndex);
        }
        return read(file, Options.defaults().withLabel(labelIndex));
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
        String line;
        int lineNo = 0;
        List<String> header = null;
        int headerLine = 0;
        while (header == null && (line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!skip(line)) {
                header = split(line, opt.delimiter(), src, lineNo);
                headerLine = lineNo;
            }
        }
        if (header == null) {
            throw new DataFormatException(src, "line " + Math.max(1, lineNo), "missing header: the file has no data lines");
        }
        int cols = header.size();
        checkHeader(header, src, headerLine);
        int label = labelColumn(header, opt, src, headerLine);
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(label);

        DoubleList x = new DoubleList();
        DoubleList y = new DoubleList();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (skip(line)) {
                continue;
            }
            List<String> cells = split(line, opt.delimiter(), src, lineNo);
            if (cells.size() != cols) {
                throw new DataFormatException(src, "line " + lineNo,
                        "expected " + cols + " columns, found " + cells.size() + ": \"" + line + "\"");
            }
            for (int j = 0; j < cols; j++) {
                double v = TextNumbers.parseFinite(cells.get(j), src,
                        "line " + lineNo + ", column \"" + header.get(j) + "\"", "cell");
                if (j == label) {
                    y.add(v);
                } else {
                    x.add(v);
                }
            }
        }
        if (y.size() == 0) {
            throw new DataFormatException(src, "line " + lineNo, "no data rows after the header on line " + headerLine);
        }
        return new Dataset(src, new Matrix(y.size(), cols - 1, x.toArray()), y.toArray(), featureNames);
    }

    private static boolean skip(String line) {
        String t = line.strip();
        return t.isEmpty() || t.charAt(0) == '#';
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

    private static int labelColumn(List<String> header, Options opt, String src, int line) {
        if (opt.labelName() != null) {
            int i = header.indexOf(opt.labelName());
            if (i < 0) {
                throw new DataFormatException(src, "line " + line,
                        "no label column named \"" + opt.labelName() + "\"; header has " + header);
            }
            return i;
        }
        int i = opt.labelIndex() == -1 ? header.size() - 1 : opt.labelIndex();
        if (i < 0 || i >= header.size()) {
            throw new DataFormatException(src, "line " + line,
                    "label column index " + opt.labelIndex() + " out of range: header has " + header.size() + " columns");
        }
        return i;
    }

    /** Splits one line into stripped cells, honouring double quotes. */
    static List<String> split(String line, char delimiter, String src, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
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
            } else if (c == delimiter) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DataFormatException(src, "line " + lineNo, "unterminated quoted cell: \"" + line + "\"");
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
