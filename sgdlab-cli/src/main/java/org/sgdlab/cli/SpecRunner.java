package org.sgdlab.cli;

import java.io.PrintWriter;
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

    /** One run after the other, in order, in this JVM; notes (e.g. how a data file's header was read) go to stderr. */
    static SpecRunner local() {
        return (spec, configs, progress) -> local(new PrintWriter(System.err, true)).run(spec, configs, progress);
    }

    /**
     * One run after the other, in order, in this JVM; each distinct note line goes to {@code notes} once per call of
     * {@link #run} (the runs of a sweep read the same data file and would repeat its note).
     */
    static SpecRunner local(PrintWriter notes) {
        return (spec, configs, progress) -> {
            PrintWriter once = new DistinctLinesWriter(notes);
            List<SpecRunResult> out = new ArrayList<>();
            long total = 0;
            for (SpecRunConfig c : configs) {
                total += c.steps();
            }
            long before = 0;
            for (SpecRunConfig c : configs) {
                long offset = before;
                long all = Math.max(1, total);
                out.add(SpecRun.run(spec, c, (done, steps) -> progress.onProgress(offset + done, all), once));
                before += c.steps();
            }
            return out;
        };
    }
}
