package org.sgdlab.nn.autodiff;

/**
 * Batch normalization in evaluation mode: y = (x − μ_c)/√(v_c + ε) with the running statistics of
 * {@link BatchNormStatistics} (read at every forward pass, constants for differentiation). Linear in x:
 * ẏ = ẋ/s_c, x̄ += ȳ/s_c.
 */
final class FixedNormalize extends Node {
    private final AxisGroups groups;
    private final BatchNormStatistics statistics;
    private final double[] invStd;

    FixedNormalize(Node x, int[] axes, BatchNormStatistics statistics) {
        super("batch norm (eval)", x.shape, x);
        this.groups = new AxisGroups(x.shape, AxisGroups.flags(x.shape, axes, "batch norm"));
        this.statistics = statistics;
        if (statistics.channels() != groups.groups) {
            throw new IllegalArgumentException("batch norm: statistics for " + statistics.channels() + " channels, input "
                    + x.shape + " has " + groups.groups);
        }
        this.invStd = new double[groups.groups];
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        double[] mu = statistics.runningMeanBuffer();
        double[] var = statistics.runningVarianceBuffer();
        int[] off = groups.memberOffset;
        for (int g = 0; g < groups.groups; g++) {
            int b = groups.groupBase[g];
            double inv = 1.0 / Math.sqrt(var[g] + statistics.eps());
            invStd[g] = inv;
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                value[i] = (x[i] - mu[g]) * inv;
            }
        }
    }

    /** The running statistics this node reads at every forward pass (shared, mutable elsewhere). */
    BatchNormStatistics statistics() {
        return statistics;
    }

    private void scaleInto(double[] u, double[] out, boolean add) {
        int[] off = groups.memberOffset;
        for (int g = 0; g < groups.groups; g++) {
            int b = groups.groupBase[g];
            double inv = invStd[g];
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                out[i] = add ? out[i] + u[i] * inv : u[i] * inv;
            }
        }
    }

    @Override
    protected void backward() {
        scaleInto(grad, inputs[0].grad, true);
    }

    @Override
    protected void tangent() {
        scaleInto(inputs[0].tangent, tangent, false);
    }

    @Override
    protected void backwardTangent() {
        scaleInto(gradTangent, inputs[0].gradTangent, true);
    }
}
