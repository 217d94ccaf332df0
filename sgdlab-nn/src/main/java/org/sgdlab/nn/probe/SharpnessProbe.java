package org.sgdlab.nn.probe;

import java.util.Objects;
import org.sgdlab.nn.objective.SecondOrderObjective;
import org.sgdlab.objective.Objective;
import org.sgdlab.probe.Probe;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * The sharpness λ_max(∇²L(w)), the top eigenvalue of the loss Hessian at the probed iterate (the quantity that
 * full-batch GD drives to 2/η at the edge of stability, Cohen et al. 2021), estimated by a {@link TopEigensolver} on
 * exact Hessian-vector products. Each measurement starts from the previous one's Ritz vector (the top eigenvector moves
 * little between probe steps, so the solver converges in fewer products); the first from a seeded Gaussian vector, so
 * a run's values are the same bits for the same seed. Every value is recorded with its residual bound
 * r = ‖Hv − θv‖₂ by the companion probe {@link #residual()} ("sharpness_residual"): some eigenvalue of ∇²L lies within
 * r of the recorded value.
 *
 * <p>The Hessian is that of the objective the trainer passes (a {@link SecondOrderObjective}, e.g. a
 * {@code NetworkObjective}: the full-batch loss with its reduction), or of the objective given at construction (e.g. the
 * network form of a linear {@code EmpiricalRisk}). HVPs leave a network's dropout masks and batch-norm statistics
 * alone, so probing does not change the run. Not thread-safe; allocates its vectors once.
 */
public final class SharpnessProbe implements Probe, Checkpointable {
    /** The column name. */
    public static final String NAME = "sharpness";
    /** The residual column's name. */
    public static final String RESIDUAL_NAME = "sharpness_residual";

    private final TopEigensolver solver;
    private final SecondOrderObjective source;
    private final double[] vector;
    private boolean warm;
    private long lastStep = -1;
    private double lastValue = Double.NaN;
    private double lastResidual = Double.NaN;
    private int lastProducts;
    private double[] lastW;

    /**
     * A probe for objectives of {@code dimension} parameters using {@code solver}; the Hessian comes from {@code source}
     * when it is not null, else from the trainer's objective (which must then be a {@link SecondOrderObjective}). The
     * first start vector is drawn from {@code seed}.
     */
    public SharpnessProbe(int dimension, TopEigensolver solver, SecondOrderObjective source, long seed) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (source != null && source.dimension() != dimension) {
            throw new IllegalArgumentException("the Hessian source has " + source.dimension() + " parameters, expected " + dimension);
        }
        this.solver = Objects.requireNonNull(solver, "solver");
        this.source = source;
        this.vector = new RandomStream(seed).gaussians(new double[dimension]);
        this.lastW = new double[dimension];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double measure(long step, double[] w, Objective objective) {
        SecondOrderObjective f = source != null ? source : secondOrder(objective);
        if (w.length != vector.length) {
            throw new IllegalArgumentException("sharpness probe is for " + vector.length + " parameters, got " + w.length);
        }
        TopEigensolver.Estimate e = solver.largest(vector.length, (v, out) -> f.hessianVectorProduct(w, v, out), vector, vector);
        warm = true;
        lastStep = step;
        lastValue = e.value();
        lastResidual = e.residual();
        lastProducts = e.products();
        System.arraycopy(w, 0, lastW, 0, w.length);
        return e.value();
    }

    /** The warm-start vector and the last measurement, so a resumed run's next value has the same bits (checkpoints). */
    @Override
    public void fields(StateFields f) {
        f.doubles("vector", vector);
        warm = f.flag("warm", warm);
        lastStep = f.longValue("last_step", lastStep);
        lastValue = f.doubleValue("last_value", lastValue);
        lastResidual = f.doubleValue("last_residual", lastResidual);
        lastProducts = (int) f.longValue("last_products", lastProducts);
        f.doubles("last_w", lastW);
    }

    private static SecondOrderObjective secondOrder(Objective objective) {
        if (objective instanceof SecondOrderObjective s) {
            return s;
        }
        throw new IllegalArgumentException("the sharpness probe needs Hessian-vector products, which " + objective
                + " does not offer; give the probe a SecondOrderObjective");
    }

    /**
     * The companion probe "sharpness_residual": the residual bound of this probe's value at the same step and
     * parameters (measured then if this probe has not been, e.g. when only the residual is recorded).
     */
    public Probe residual() {
        return Probe.of(RESIDUAL_NAME, (t, w, f) -> {
            if (t != lastStep || !java.util.Arrays.equals(w, lastW)) {
                measure(t, w, f);
            }
            return lastResidual;
        });
    }

    /** True once a measurement has been made (later ones start from its vector). */
    public boolean isWarm() {
        return warm;
    }

    /** The last value (NaN before the first measurement). */
    public double lastValue() {
        return lastValue;
    }

    /** The residual bound of the last value. */
    public double lastResidual() {
        return lastResidual;
    }

    /** Hessian-vector products the last measurement used. */
    public int lastProducts() {
        return lastProducts;
    }

    /** The unit Ritz vector of the last measurement (a copy). */
    public double[] lastVector() {
        return vector.clone();
    }
}
