package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * Reads a dataset file, choosing the reader from the file name:
 * <ul>
 *   <li>{@code .csv}, {@code .tsv}, {@code .dat}: {@link CsvReader} (delimiter and header detected
 *       unless given), label column by name or 0-based index (null: the last column);</li>
 *   <li>{@code .svm}, {@code .libsvm}: {@link LibsvmReader} (no label column);</li>
 *   <li>{@code .txt}: LIBSVM if a token after the first on one of the first {@value #SNIFF_LINES} data lines
 *       has an {@code index:value} colon, else a table as {@code .csv} (e.g. {@code numpy.savetxt}'s
 *       default output);</li>
 *   <li>{@code .npy}: {@link NpyReader}; labels from the sibling {@code <stem>_y.npy} (a stem ending in
 *       {@code _X}/{@code _x} drops it, so {@code a_X.npy} pairs with {@code a_y.npy}), or, if
 *       {@code labelColumn} is a 0-based integer, that column of the matrix;</li>
 *   <li>{@code .idx}, {@code .gz} or a name containing {@code ubyte}: {@link IdxReader} images scaled
 *       by 1/255; labels from {@code labelColumn} as a path relative to the images' folder, or from the
 *       MNIST sibling name ({@code images} → {@code labels}, {@code idx3} → {@code idx1}).</li>
 * </ul>
 * A file that does not exist, is a directory or cannot be read is a {@link DataFileException} naming it.
 */
public final class DataFiles {
    /** Data lines of a {@code .txt} file looked at to tell LIBSVM from a table. */
    static final int SNIFF_LINES = 1000;

    private DataFiles() {}

    /**
     * A dataset and what was guessed while reading it.
     *
     * @param data      the dataset
     * @param csvLayout how a table (.csv, .tsv, .dat, tabular .txt) was read, or null for other formats
     * @param note      a sentence for the user when something was detected rather than given (the header
     *                  rule, the delimiter, 0-based LIBSVM indices), or null
     */
    public record Loaded(Dataset data, CsvReader.Layout csvLayout, String note) {
        public Loaded {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Reads {@code file}; {@code labelColumn} may be null (see the class description). */
    public static Dataset read(Path file, String labelColumn) {
        return load(file, labelColumn, CsvReader.Header.AUTO).data();
    }

    /**
     * Reads {@code file} and says what was detected.
     *
     * @param labelColumn see the class description; may be null
     * @param header      for tables: whether the first line is a header, or {@link CsvReader.Header#AUTO}
     */
    public static Loaded load(Path file, String labelColumn, CsvReader.Header header) {
        Objects.requireNonNull(header, "header");
        DataInputs.requireReadableFile(file, "");
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean txt = lower.endsWith(".txt");
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".dat") || (txt && !looksLikeLibsvm(file))) {
            CsvReader.Options opt = CsvReader.Options.defaults().withHeader(header);
            CsvReader.Table t = CsvReader.readTable(file, labelColumn == null ? opt : opt.withLabel(labelColumn));
            boolean detected = t.layout().headerDetected() || (t.layout().delimiterDetected() && t.layout().delimiter() != ',');
            return new Loaded(t.data(), t.layout(), detected ? t.layout().describe() : null);
        }
        if (header != CsvReader.Header.AUTO) {
            throw new IllegalArgumentException(file + ": a header option applies to tables (.csv, .tsv, .dat, tabular .txt), got "
                    + header + " for a " + formatName(lower) + " file");
        }
        if (txt || lower.endsWith(".svm") || lower.endsWith(".libsvm")) {
            if (labelColumn != null) {
                throw new IllegalArgumentException(file + ": LIBSVM files have no label column, got \"" + labelColumn + "\"");
            }
            LibsvmReader.Result r = LibsvmReader.readResult(file, LibsvmReader.Options.defaults());
            return new Loaded(r.data(), null, r.note());
        }
        if (lower.endsWith(".npy")) {
            return new Loaded(labelColumn == null ? npyWithSibling(file, name) : npyWithColumn(file, labelColumn), null, null);
        }
        if (lower.endsWith(".idx") || lower.endsWith(".gz") || lower.contains("ubyte")) {
            boolean derived = labelColumn == null;
            Path labels = !derived ? file.resolveSibling(labelColumn)
                    : file.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
            if (labels.equals(file)) {
                throw new IllegalArgumentException(file + ": cannot derive the labels file name; pass it as the label column");
            }
            DataInputs.requireReadableFile(labels, derived
                    ? " (the labels of " + file + ", named after it; pass the labels file as the label column)"
                    : " (the labels file given as the label column)");
            return new Loaded(IdxReader.read(file, labels, 1.0 / 255), null, null);
        }
        throw new IllegalArgumentException(file + ": unknown data file type (expected .csv, .tsv, .dat, .txt, .svm, .libsvm, "
                + ".npy, .idx, .gz or *ubyte*)");
    }

    private static String formatName(String lower) {
        return lower.endsWith(".npy") ? ".npy" : lower.endsWith(".svm") || lower.endsWith(".libsvm") ? "LIBSVM" : "binary";
    }

    /**
     * Whether a {@code .txt} file is LIBSVM: some token after the first on one of its first
     * {@value #SNIFF_LINES} data lines (not blank, not a comment) contains ':'.
     */
    static boolean looksLikeLibsvm(Path file) {
        String src = file.toString();
        try (InputStream in = DataInputs.open(file)) {
            TextLines lines = new TextLines(in, src);
            String line;
            int seen = 0;
            while (seen < SNIFF_LINES && (line = lines.next()) != null) {
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.isEmpty()) {
                    continue;
                }
                seen++;
                String[] tokens = LibsvmReader.tokens(content);
                for (int t = 1; t < tokens.length; t++) {
                    if (tokens[t].indexOf(':') >= 0) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw DataInputs.readFailure(src, e);
        }
    }

    private static Dataset npyWithSibling(Path file, String name) {
        String stem = name.substring(0, name.length() - 4);
        if (stem.endsWith("_X") || stem.endsWith("_x")) {
            stem = stem.substring(0, stem.length() - 2);
        }
        Path y = file.resolveSibling(stem + "_y.npy");
        DataInputs.requireReadableFile(y, " (the targets of " + file + " are read from it; or give the label as a column index)");
        return NpyReader.read(file, y);
    }

    private static Dataset npyWithColumn(Path file, String labelColumn) {
        int label;
        try {
            label = Integer.parseInt(labelColumn.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": label column of a .npy file must be a 0-based column index, got \""
                    + labelColumn + "\"", e);
        }
        Matrix m = NpyReader.readMatrix(file);
        if (label < 0 || label >= m.cols() || m.cols() < 2) {
            throw new DataFormatException(file.toString(), "header", "label column " + label + " out of range for "
                    + m.cols() + " columns");
        }
        int d = m.cols() - 1;
        double[] x = new double[m.rows() * d];
        double[] y = new double[m.rows()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0, k = 0; j < m.cols(); j++) {
                if (j == label) {
                    y[i] = m.get(i, j);
                } else {
                    x[i * d + k++] = m.get(i, j);
                }
            }
        }
        return new Dataset(file.toString(), new Matrix(m.rows(), d, x), y);
    }
}
