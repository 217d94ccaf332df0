package org.sgdlab.nn.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.linalg.Kernels;

/**
 * Everything a {@link Graph}'s forward values and first-order adjoints depend on, recorded when a pass computed them,
 * so that the next Hessian-vector product at the same point can skip the forward and backward passes and run only the
 * tangent and adjoint-tangent passes (Lanczos multiplies by ∇²f(w) many times at one w). The recorded state:
 * <ul>
 *   <li>the parameters w, bit for bit (0.0 and −0.0 differ; a NaN's payload counts);</li>
 *   <li>the contents of every data input (the caller fills their buffers directly, so they are compared, not
 *   trusted); constants are never written after the build and are left out;</li>
 *   <li>the draw count of every dropout mask (a mask changes only when it is redrawn);</li>
 *   <li>the running statistics read by every evaluation-mode batch norm (shared with other graphs and checkpoints,
 *   so compared bit for bit).</li>
 * </ul>
 * The graph itself {@link #invalidate()}s the record whenever another pass writes its buffers (any pass that sets
 * parameters, a change of the written-adjoints plan). Allocates its copies once, when made.
 */
final class LinearizationPoint {
    private final double[] w;
    private final double[][] inputs;
    private final double[][] inputCopies;
    private final Dropout[] dropouts;
    private final long[] draws;
    private final BatchNormStatistics[] statistics;
    private final double[][] statisticsCopies;
    private boolean valid;

    /** A point for {@code parameters} parameters over the given nodes (read only; their buffers are compared later). */
    LinearizationPoint(int parameters, Node[] nodes) {
        this.w = new double[parameters];
        List<double[]> in = new ArrayList<>();
        List<Dropout> ds = new ArrayList<>();
        List<BatchNormStatistics> stats = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof InputNode i && !i.isConstant()) {
                in.add(i.value);
            } else if (n instanceof Dropout d) {
                ds.add(d);
            } else if (n instanceof FixedNormalize f && !stats.contains(f.statistics())) {
                stats.add(f.statistics());
            }
        }
        this.inputs = in.toArray(new double[0][]);
        this.inputCopies = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            inputCopies[k] = new double[inputs[k].length];
        }
        this.dropouts = ds.toArray(new Dropout[0]);
        this.draws = new long[dropouts.length];
        this.statistics = stats.toArray(new BatchNormStatistics[0]);
        this.statisticsCopies = new double[2 * statistics.length][];
        for (int k = 0; k < statistics.length; k++) {
            statisticsCopies[2 * k] = new double[statistics[k].channels()];
            statisticsCopies[2 * k + 1] = new double[statistics[k].channels()];
        }
    }

    /** Forgets the record: the graph's buffers no longer hold a pass at it. */
    void invalidate() {
        valid = false;
    }

    /** Records that the graph's buffers now hold the forward values and first-order adjoints at {@code w} (read only). */
    void record(double[] w) {
        System.arraycopy(w, 0, this.w, 0, this.w.length);
        for (int k = 0; k < inputs.length; k++) {
            System.arraycopy(inputs[k], 0, inputCopies[k], 0, inputs[k].length);
        }
        for (int k = 0; k < dropouts.length; k++) {
            draws[k] = dropouts[k].draws();
        }
        for (int k = 0; k < statistics.length; k++) {
            double[] mean = statistics[k].runningMeanBuffer();
            double[] var = statistics[k].runningVarianceBuffer();
            System.arraycopy(mean, 0, statisticsCopies[2 * k], 0, mean.length);
            System.arraycopy(var, 0, statisticsCopies[2 * k + 1], 0, var.length);
        }
        valid = true;
    }

    /** True when a record is held and {@code w} (read only) and everything else the forward pass reads are as recorded. */
    boolean matches(double[] w) {
        if (!valid || !Kernels.sameBits(w, this.w)) {
            return false;
        }
        for (int k = 0; k < inputs.length; k++) {
            if (!Kernels.sameBits(inputs[k], inputCopies[k])) {
                return false;
            }
        }
        for (int k = 0; k < dropouts.length; k++) {
            if (dropouts[k].draws() != draws[k]) {
                return false;
            }
        }
        for (int k = 0; k < statistics.length; k++) {
            if (!Kernels.sameBits(statistics[k].runningMeanBuffer(), statisticsCopies[2 * k])
                    || !Kernels.sameBits(statistics[k].runningVarianceBuffer(), statisticsCopies[2 * k + 1])) {
                return false;
            }
        }
        return true;
    }
}
