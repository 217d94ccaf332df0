package org.sgdlab.nn.autodiff;

import java.util.Arrays;
import org.sgdlab.nn.tensor.Shape;

/**
 * Sum or mean over a set of axes: y_g = c Σ_{e} x_{g,e} with c = 1 (sum) or 1/|group| (mean), summed in row-major
 * order of the reduced axes (in {@link Sums}'s interleaved order when a group's members are contiguous). Linear, so
 * the tangent is the same map on ẋ and R{x̄} the adjoint map on R{ȳ}: x̄_{g,e} += c ȳ_g.
 */
final class Reduce extends Node {
    private final AxisGroups groups;
    private final double scale;
    /** The members of a group are consecutive entries (the reduced axes are the trailing ones). */
    private final boolean contiguous;
    /** A pointwise loss this node sums whole: its forward pass leaves the sum in Sums's order (null otherwise). */
    private final PointwiseLossNode summedLoss;

    Reduce(Node x, int[] axes, boolean mean, boolean keepDims) {
        this(x, AxisGroups.flags(x.shape, axes, mean ? "mean" : "sum"), mean, keepDims);
    }

    private Reduce(Node x, boolean[] reduced, boolean mean, boolean keepDims) {
        super((mean ? "mean" : "sum") + Arrays.toString(reducedAxes(reduced)), outShape(x.shape, reduced, keepDims), x);
        this.groups = new AxisGroups(x.shape, reduced);
        this.scale = mean ? 1.0 / groups.members : 1.0;
        boolean c = true;
        for (int e = 0; e < groups.members; e++) {
            c &= groups.memberOffset[e] == e;
        }
        this.contiguous = c;
        if (x instanceof PointwiseLossNode l && c && groups.groups == 1 && groups.members == x.size) {
            l.summed = true;
            this.summedLoss = l;
        } else {
            this.summedLoss = null;
        }
    }

    /** True when this node sums all of loss {@code l}'s entries from the sum its forward pass leaves. */
    boolean sumsWhole(PointwiseLossNode l) {
        return summedLoss == l;
    }

    private static int[] reducedAxes(boolean[] reduced) {
        int[] a = new int[reduced.length];
        int n = 0;
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i]) {
                a[n++] = i;
            }
        }
        return Arrays.copyOf(a, n);
    }

    private static Shape outShape(Shape in, boolean[] reduced, boolean keepDims) {
        int[] d = in.dims();
        if (keepDims) {
            for (int a = 0; a < d.length; a++) {
                if (reduced[a]) {
                    d[a] = 1;
                }
            }
            return Shape.of(d);
        }
        int[] kept = new int[d.length];
        int n = 0;
        for (int a = 0; a < d.length; a++) {
            if (!reduced[a]) {
                kept[n++] = d[a];
            }
        }
        return Shape.of(Arrays.copyOf(kept, n));
    }

    private void apply(double[] x, double[] y) {
        int[] base = groups.groupBase;
        int[] off = groups.memberOffset;
        if (contiguous) {
            for (int g = 0; g < groups.groups; g++) {
                y[g] = Sums.sum(x, base[g], off.length) * scale;
            }
            return;
        }
        for (int g = 0; g < groups.groups; g++) {
            int b = base[g];
            double s = 0.0;
            for (int e = 0; e < off.length; e++) {
                s += x[b + off[e]];
            }
            y[g] = s * scale;
        }
    }

    private void applyAdjoint(double[] ybar, double[] xbar) {
        int[] base = groups.groupBase;
        int[] off = groups.memberOffset;
        for (int g = 0; g < groups.groups; g++) {
            int b = base[g];
            double v = ybar[g] * scale;
            if (contiguous) {
                for (int e = b, end = b + off.length; e < end; e++) {
                    xbar[e] += v;
                }
                continue;
            }
            for (int e = 0; e < off.length; e++) {
                xbar[b + off[e]] += v;
            }
        }
    }

    /** x̄ = 0 + c ȳ_g on every entry (the groups partition x, so each entry is written once): a zeroed x̄'s bits. */
    private void writeAdjoint(double[] ybar, double[] xbar) {
        int[] base = groups.groupBase;
        int[] off = groups.memberOffset;
        for (int g = 0; g < groups.groups; g++) {
            int b = base[g];
            double v = 0.0 + ybar[g] * scale;
            if (contiguous) {
                java.util.Arrays.fill(xbar, b, b + off.length, v);
                continue;
            }
            for (int e = 0; e < off.length; e++) {
                xbar[b + off[e]] = v;
            }
        }
    }

    @Override
    boolean canOverwriteAdjoint(int i) {
        return true;
    }

    @Override
    protected void forward() {
        if (summedLoss != null) {
            // the loss's forward pass, just run, summed its entries in the order apply would (LossSumTest)
            value[0] = summedLoss.total * scale;
            return;
        }
        apply(inputs[0].value, value);
    }

    @Override
    protected void backward() {
        if (overwrites(0)) {
            writeAdjoint(grad, inputs[0].grad);
        } else {
            applyAdjoint(grad, inputs[0].grad);
        }
    }

    @Override
    protected void tangent() {
        apply(inputs[0].tangent, tangent);
    }

    @Override
    protected void backwardTangent() {
        applyAdjoint(gradTangent, inputs[0].gradTangent);
    }
}
