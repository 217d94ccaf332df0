package org.sgdlab.nn.autodiff;

import java.util.Arrays;

/**
 * Standardization over a set of axes, the core of batch normalization (over the batch axis, training mode) and layer
 * normalization (over the feature axes): in each group of m entries,
 * <pre>
 *   μ = mean(x),  σ² = mean((x − μ)²)  (biased, as torch),  s = √(σ² + ε),  y = x̂ = (x − μ)/s
 * </pre>
 * The Jacobian is symmetric, J = (1/s)(I − 11ᵀ/m − x̂x̂ᵀ/m), so tangent and adjoint are the same map, and with
 * ṡ = mean(x̂ ẋ) (the μ̇ term drops since mean(x − μ) = 0) its derivative along ẋ is
 * J̇ = −(ṡ/s)J − (ẏx̂ᵀ + x̂ẏᵀ)/(s m):
 * <pre>
 *   ẏ = (ẋ − mean ẋ − x̂ mean(x̂ẋ))/s,     x̄ += (ȳ − mean ȳ − x̂ mean(x̂ȳ))/s
 *   R{x̄} += J R{ȳ} − (ṡ/s) J ȳ − (ẏ mean(x̂ȳ) + x̂ mean(ẏȳ))/s
 * </pre>
 * (Ioffe &amp; Szegedy 2015 for the forward map; seed 001 §3.4 eq. 29 with γ = 1, β = 0 — the affine part is a
 * separate broadcast multiply and add.) When built with {@link BatchNormStatistics}, the batch mean and biased
 * variance of the last forward pass are kept for {@link Graph#updateBatchNormStatisticsInPlace()}.
 */
final class Normalize extends Node {
    private final AxisGroups groups;
    private final double eps;
    private final boolean overBatch;
    final BatchNormStatistics statistics;
    final double[] mean;
    final double[] variance;
    private final double[] invStd;
    private double[] sDot;

    Normalize(String op, Node x, int[] axes, double eps, BatchNormStatistics statistics) {
        super(op + Arrays.toString(axes), x.shape, x);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be >= 0 and finite, got " + eps);
        }
        boolean[] reduced = AxisGroups.flags(x.shape, axes, op);
        this.groups = new AxisGroups(x.shape, reduced);
        if (groups.members < 2 && eps == 0) {
            throw new IllegalArgumentException(op + ": normalizing groups of one entry with eps = 0 divides by zero (shape "
                    + x.shape + ", axes " + Arrays.toString(axes) + ")");
        }
        this.eps = eps;
        this.overBatch = reduced.length > 0 && reduced[0];
        this.statistics = statistics;
        if (statistics != null && statistics.channels() != groups.groups) {
            throw new IllegalArgumentException(op + ": statistics for " + statistics.channels() + " channels, input "
                    + x.shape + " has " + groups.groups);
        }
        this.mean = new double[groups.groups];
        this.variance = new double[groups.groups];
        this.invStd = new double[groups.groups];
    }

    /** The number of entries per group. */
    int groupSize() {
        return groups.members;
    }

    @Override
    protected boolean couplesExamples() {
        return overBatch;
    }

    @Override
    void allocateSecondOrder() {
        super.allocateSecondOrder();
        if (differentiable && sDot == null) {
            sDot = new double[groups.groups];
        }
    }

    @Override
    protected void forward() {
        double[] x = inputs[0].value;
        int[] off = groups.memberOffset;
        double m = off.length;
        for (int g = 0; g < groups.groups; g++) {
            int b = groups.groupBase[g];
            double s = 0.0;
            for (int e = 0; e < off.length; e++) {
                s += x[b + off[e]];
            }
            double mu = s / m;
            double q = 0.0;
            for (int e = 0; e < off.length; e++) {
                double c = x[b + off[e]] - mu;
                q += c * c;
            }
            double var = q / m;
            double inv = 1.0 / Math.sqrt(var + eps);
            mean[g] = mu;
            variance[g] = var;
            invStd[g] = inv;
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                value[i] = (x[i] - mu) * inv;
            }
        }
    }

    /** out += J·u for one group (J the Jacobian above), returning nothing; u and out indexed like x. */
    private void addJacobian(double[] u, double[] out, int b, double inv) {
        int[] off = groups.memberOffset;
        double m = off.length;
        double su = 0.0;
        double sxu = 0.0;
        for (int e = 0; e < off.length; e++) {
            int i = b + off[e];
            su += u[i];
            sxu += value[i] * u[i];
        }
        double a = su / m;
        double c = sxu / m;
        for (int e = 0; e < off.length; e++) {
            int i = b + off[e];
            out[i] += (u[i] - a - value[i] * c) * inv;
        }
    }

    @Override
    protected void backward() {
        double[] xbar = inputs[0].grad;
        for (int g = 0; g < groups.groups; g++) {
            addJacobian(grad, xbar, groups.groupBase[g], invStd[g]);
        }
    }

    @Override
    protected void tangent() {
        double[] xdot = inputs[0].tangent;
        int[] off = groups.memberOffset;
        double m = off.length;
        for (int g = 0; g < groups.groups; g++) {
            int b = groups.groupBase[g];
            double su = 0.0;
            double sxu = 0.0;
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                su += xdot[i];
                sxu += value[i] * xdot[i];
            }
            double a = su / m;
            double c = sxu / m;
            double inv = invStd[g];
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                tangent[i] = (xdot[i] - a - value[i] * c) * inv;
            }
            sDot[g] = c;
        }
    }

    @Override
    protected void backwardTangent() {
        double[] rx = inputs[0].gradTangent;
        int[] off = groups.memberOffset;
        double m = off.length;
        for (int g = 0; g < groups.groups; g++) {
            int b = groups.groupBase[g];
            double inv = invStd[g];
            addJacobian(gradTangent, rx, b, inv);
            // −(ṡ/s) J ȳ − (ẏ mean(x̂ȳ) + x̂ mean(ẏȳ))/s
            double sy = 0.0;
            double sxy = 0.0;
            double sdy = 0.0;
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                sy += grad[i];
                sxy += value[i] * grad[i];
                sdy += tangent[i] * grad[i];
            }
            double a = sy / m;
            double c = sxy / m;
            double d = sdy / m;
            double k = sDot[g] * inv;
            for (int e = 0; e < off.length; e++) {
                int i = b + off[e];
                double jy = (grad[i] - a - value[i] * c) * inv;
                rx[i] += -k * jy - (tangent[i] * c + value[i] * d) * inv;
            }
        }
    }
}
