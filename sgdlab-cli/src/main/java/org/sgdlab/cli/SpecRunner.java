package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.train.ProgressListener;

/**
 * Runs a spec's configurations and returns their results in the configurations' order: the one seam between a spec and
 * where its runs execute. {@link #local} runs them one after the other in this JVM; a distributed runner (sgdlab-spark)
 * implements the same contract, and since each run is deterministic by its {@link SpecRunConfig#seed()}, its results are
 * the same bits.
 */
interface SpecRunner {
    /**
     * Runs {@code configs} of {@code spec}.
     *
     * @param progress receives the fraction of all runs' steps done
     */
    List<SpecRunResult> run(SpecFile spec, List<SpecRunConfig> configs, ProgressListener progress);

    /** One run after the other, in order, in this JVM. */
    static SpecRunner local() {
        return (spec, configs, progress) -> {
            List<SpecRunResult> out = new ArrayList<>();
            long total = 0;
            for (SpecRunConfig c : configs) {
                total += c.steps();
            }
            long before = 0;
            for (SpecRunConfig c : configs) {
                long offset = before;
                long all = Math.max(1, total);
                out.add(SpecRun.run(spec, c, (done, steps) -> progress.onProgress(offset + done, all)));
                before += c.steps();
            }
            return out;
        };
    }
}
