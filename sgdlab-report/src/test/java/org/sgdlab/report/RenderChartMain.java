package org.sgdlab.report;

import java.nio.file.Path;
import java.util.List;
import org.sgdlab.probe.Trace;

/**
 * A child process for {@link ChartFontLoadingTest}: renders {@code train}'s two charts (loss and ‖w_t‖, with a legend
 * and a wrapped title added) into folder {@code args[0]}, with {@code args[1]} appended to the title.
 */
final class RenderChartMain {
    private RenderChartMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String extra = args.length > 1 ? args[1] : "";
        Trace t = Fixtures.curve("trace", 300);
        Plots.renderPng(PlotSpec.logLog("loss.png").title("loss" + extra).trace("trace").x("step", "step t")
                .y(List.of("loss", "angle"), "loss").legend("angle", "∠(w_t, ŵ) in rad").build(), t,
                out.resolve("loss.png"));
        Plots.renderPng(PlotSpec.semiLogX("norm.png").title("‖w_t‖ against step t, over a long title that needs wrapping"
                + " to a second line because it does not fit in eight hundred pixels of bold type").trace("trace")
                .x("step", "step t").y("loss", "‖w‖").build(), t, out.resolve("norm.png"));
        System.out.println("rendered");
    }
}
