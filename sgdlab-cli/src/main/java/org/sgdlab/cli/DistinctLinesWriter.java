package org.sgdlab.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * A writer that passes each distinct line once: the runs of a sweep read the same data file, and its note (how the
 * header was read) would otherwise repeat once per run.
 */
final class DistinctLinesWriter extends PrintWriter {
    private final Set<String> seen = new HashSet<>();

    /** @param target receives the first occurrence of each line; written to and flushed */
    DistinctLinesWriter(PrintWriter target) {
        super(target, true);
    }

    @Override
    public void println(String line) {
        synchronized (lock) {
            if (seen.add(line)) {
                super.println(line);
            }
        }
    }
}
