package org.sgdlab.theory;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.probe.Trace;

/** Combining traces recorded on the same probe steps, for plots that compare runs. */
public final class Traces {
    private Traces() {
    }

    /**
     * A trace named {@code name} whose columns are {@code column} of each input trace, labelled by
     * the input traces' names. All inputs must share their step column.
     */
    public static Trace mergeColumn(String name, List<Trace> traces, String column) {
        List<String> labels = new ArrayList<>();
        for (Trace t : traces) {
            labels.add(t.name());
        }
        Trace out = new Trace(name, labels);
        double[] steps = traces.get(0).column("step");
        double[][] cols = new double[traces.size()][];
        for (int k = 0; k < traces.size(); k++) {
            double[] s = traces.get(k).column("step");
            if (!java.util.Arrays.equals(s, steps)) {
                throw new IllegalArgumentException("trace " + traces.get(k).name() + " was probed on other steps than "
                        + traces.get(0).name());
            }
            cols[k] = traces.get(k).column(column);
        }
        for (int i = 0; i < steps.length; i++) {
            double[] row = new double[traces.size() + 1];
            row[0] = steps[i];
            for (int k = 0; k < traces.size(); k++) {
                row[k + 1] = cols[k][i];
            }
            out.add(row);
        }
        return out;
    }
}
