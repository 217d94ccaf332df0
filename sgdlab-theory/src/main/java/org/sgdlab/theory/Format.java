package org.sgdlab.theory;

import java.util.Locale;

/** Number formatting for verdict texts: 3 significant digits, scientific when small or large. */
public final class Format {
    private Format() {
    }

    /** e.g. 0.0123, 1.23e-09, 4.56e+06. */
    public static String g(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v).replace("e-0", "e-").replace("e+0", "e+");
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
