package org.sgdlab.spark;

import java.io.Serializable;

/**
 * One sample as Spark hands it over: features and target.
 *
 * @param x the d features (not copied; never modified)
 * @param y the target
 */
public record LabeledRow(double[] x, double y) implements Serializable {
    private static final long serialVersionUID = 1L;
}
