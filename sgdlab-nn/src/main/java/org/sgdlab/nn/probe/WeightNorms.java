package org.sgdlab.nn.probe;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.probe.Probe;

/**
 * Parameter norms: "weight_norm" = ‖θ‖₂ over every parameter (source 001 experiment 4's total weight norm
 * √Σ_p ‖p‖²), and "weight_norm_B" = ‖θ_B‖₂ (the Frobenius norm of a matrix block) for each block B of a layout, e.g.
 * the weights feeding a batch-norm layer, whose norm only grows under GD.
 */
public final class WeightNorms {
    /** The total norm's column name. */
    public static final String NAME = "weight_norm";

    private WeightNorms() {
    }

    /** ‖θ‖₂. */
    public static Probe total() {
        return Probe.of(NAME, (t, w, f) -> norm(w, 0, w.length));
    }

    /** ‖θ_B‖₂ of the block called {@code name} of {@code layout}, as "weight_norm_name". */
    public static Probe block(ParameterLayout layout, String name) {
        ParameterBlock b = layout.block(name);
        return Probe.of(NAME + "_" + name, (t, w, f) -> {
            layout.requireLength(w);
            return norm(w, b.offset(), b.size());
        });
    }

    /** The total norm, then one per block when the layout has more than one block. */
    public static List<Probe> all(ParameterLayout layout) {
        List<Probe> out = new ArrayList<>();
        out.add(total());
        if (layout.blocks().size() > 1) {
            for (ParameterBlock b : layout.blocks()) {
                out.add(block(layout, b.name()));
            }
        }
        return out;
    }

    /** √(Σ x²) over x[off, off + n), scaled by the largest |x| so that it neither overflows nor underflows. */
    static double norm(double[] x, int off, int n) {
        double max = 0;
        for (int i = off; i < off + n; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0;
        for (int i = off; i < off + n; i++) {
            double y = x[i] / max;
            s += y * y;
        }
        return max * Math.sqrt(s);
    }
}
