package org.sgdlab.data;

import java.util.List;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * Samples as the rows of {@code x} (n × d) with one target per row in {@code y}: a real value for
 * regression, ±1 for binary classification, a class index 0..K−1 for multiclass.
 *
 * @param name        where the data came from (a file path or a generator description), used in messages and reports
 * @param x           the n × d design matrix (not copied)
 * @param y           the n targets (not copied)
 * @param featureNames d column names, or an empty list when the source has none
 */
public record Dataset(String name, Matrix x, double[] y, List<String> featureNames) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        featureNames = List.copyOf(featureNames);
        if (y.length != x.rows()) {
            throw new IllegalArgumentException(name + ": " + x.rows() + " rows but " + y.length + " targets");
        }
        if (!featureNames.isEmpty() && featureNames.size() != x.cols()) {
            throw new IllegalArgumentException(name + ": " + x.cols() + " columns but " + featureNames.size() + " feature names");
        }
    }

    public Dataset(String name, Matrix x, double[] y) {
        this(name, x, y, List.of());
    }

    /** Number of samples n. */
    public int n() {
        return x.rows();
    }

    /** Number of features d. */
    public int d() {
        return x.cols();
    }

    /**
     * Checks that every target is exactly −1 or +1.
     *
     * @throws DataFormatException naming the first offending row and its value
     */
    public Dataset requireBinaryLabels() {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new DataFormatException(name, "row " + (i + 1),
                        "label must be -1 or +1 for this task, got " + y[i]);
            }
        }
        return this;
    }
}
