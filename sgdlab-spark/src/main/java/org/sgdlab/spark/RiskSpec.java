package org.sgdlab.spark;

import java.io.Serializable;
import java.util.Objects;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;

/**
 * What an executor needs to rebuild the objective on its rows: the loss by name (core's losses are singletons, not
 * serializable), whether the linear model has an intercept, and the reduction. Immutable.
 *
 * @param loss      a name of {@link Losses#byName}
 * @param intercept whether the model fits an intercept b
 * @param reduction sum or mean of the per-sample losses
 */
public record RiskSpec(String loss, boolean intercept, Reduction reduction) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RiskSpec {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        Losses.byName(loss); // fails early, with core's message, on an unknown name
    }

    /** The loss object. */
    public Loss lossFunction() {
        return Losses.byName(loss);
    }

    /** The model over {@code d} features. */
    public LinearModel model(int d) {
        return new LinearModel(d, intercept);
    }

    /** Core's empirical risk over the rows {@code x} (row-major, {@code rows × d}, not copied) and targets {@code y}. */
    public EmpiricalRisk risk(String name, int rows, int d, double[] x, double[] y) {
        return new EmpiricalRisk(new Dataset(name, new Matrix(rows, d, x), y), model(d), lossFunction(), reduction);
    }
}
