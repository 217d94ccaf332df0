package org.sgdlab.theory;

import java.util.List;
import org.sgdlab.report.PlotSpec;

/** Shorthand for the plot specifications the claims use. */
final class Plots {
    private Plots() {
    }

    static PlotSpec logLog(String file, String title, String trace, List<String> ys, String yLabel) {
        return new PlotSpec(file, title, trace, "step", ys, true, true, "step t", yLabel);
    }

    static PlotSpec logX(String file, String title, String trace, List<String> ys, String yLabel) {
        return new PlotSpec(file, title, trace, "step", ys, true, false, "step t", yLabel);
    }
}
