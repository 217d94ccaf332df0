package org.sgdlab.data;

import java.nio.file.Path;
import java.util.Locale;
import org.sgdlab.linalg.Matrix;

/**
 * Reads a dataset file, choosing the reader from the file name:
 * <ul>
 *   <li>{@code .csv}: {@link CsvReader}, label column by name (null: the last column);</li>
 *   <li>{@code .svm}, {@code .libsvm}, {@code .txt}: {@link LibsvmReader} (no label column);</li>
 *   <li>{@code .npy}: {@link NpyReader}; labels from the sibling {@code <stem>_y.npy} (a stem ending in
 *       {@code _X}/{@code _x} drops it, so {@code a_X.npy} pairs with {@code a_y.npy}), or, if
 *       {@code labelColumn} is a 0-based integer, that column of the matrix;</li>
 *   <li>{@code .idx}, {@code .gz} or a name containing {@code ubyte}: {@link IdxReader} images scaled
 *       by 1/255; labels from {@code labelColumn} as a path relative to the images' folder, or from the
 *       MNIST sibling name ({@code images} → {@code labels}, {@code idx3} → {@code idx1}).</li>
 * </ul>
 */
public final class DataFiles {
    private DataFiles() {}

    /** Reads {@code file}; {@code labelColumn} may be null (see the class description). */
    public static Dataset read(Path file, String labelColumn) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return labelColumn == null ? CsvReader.read(file) : CsvReader.read(file, labelColumn);
        }
        if (lower.endsWith(".svm") || lower.endsWith(".libsvm") || lower.endsWith(".txt")) {
            if (labelColumn != null) {
                throw new IllegalArgumentException(file + ": LIBSVM files have no label column, got \"" + labelColumn + "\"");
            }
            return LibsvmReader.read(file);
        }
        if (lower.endsWith(".npy")) {
            return labelColumn == null ? npyWithSibling(file, name) : npyWithColumn(file, labelColumn);
        }
        if (lower.endsWith(".idx") || lower.endsWith(".gz") || lower.contains("ubyte")) {
            Path labels = labelColumn != null ? file.resolveSibling(labelColumn)
                    : file.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
            if (labels.equals(file)) {
                throw new IllegalArgumentException(file + ": cannot derive the labels file name; pass it as the label column");
            }
            return IdxReader.read(file, labels, 1.0 / 255);
        }
        throw new IllegalArgumentException(file + ": unknown data file type (expected .csv, .svm, .libsvm, .txt, .npy, .idx, .gz or *ubyte*)");
    }

    private static Dataset npyWithSibling(Path file, String name) {
        String stem = name.substring(0, name.length() - 4);
        if (stem.endsWith("_X") || stem.endsWith("_x")) {
            stem = stem.substring(0, stem.length() - 2);
        }
        return NpyReader.read(file, file.resolveSibling(stem + "_y.npy"));
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
