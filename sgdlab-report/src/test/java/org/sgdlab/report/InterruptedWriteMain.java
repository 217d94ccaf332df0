package org.sgdlab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;

/** A child process for {@link ReportOutputSafetyTest}: writes run reports to {@code args[0]} until it is interrupted. */
final class InterruptedWriteMain {
    private InterruptedWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Trace> traces = new ArrayList<>();
        List<PlotSpec> plots = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            traces.add(Fixtures.curve("t" + k, 20_000));
            plots.add(PlotSpec.semiLogY("p" + k + ".png").title("p").trace("t" + k).x("step").y("loss", "loss").build());
        }
        System.out.println("writing");
        System.out.flush();
        while (true) {
            ReportWriter.writeRun(out, "interrupted", Map.of(), traces, plots, Fixtures.provenance());
        }
    }
}
