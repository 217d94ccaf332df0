package org.sgdlab.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import org.sgdlab.train.ProgressListener;

/**
 * A one-line progress bar on standard error, drawn only when standard error is a terminal
 * (so logs and pipes stay clean), redrawn at most every 100 ms.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, String label, boolean enabled) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
    }

    /** True when the process is attached to an interactive terminal. */
    static boolean interactive() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // JDK 22+: System.console() may exist without a terminal; ask it (method absent on 17)
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void onProgress(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (now - startNanos) / 1e9;
        String eta = frac > 0.02 && frac < 1 ? String.format(" ETA %.0fs", elapsed / frac - elapsed) : "";
        out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3.0f%%", frac * 100) + String.format(" %.1fs", elapsed) + eta + "   ");
        out.flush();
        drawn = true;
    }

    /** Erases the bar line. */
    void clear() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 40) + "\r");
            out.flush();
            drawn = false;
        }
    }
}
