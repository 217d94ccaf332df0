package org.sgdlab.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sgdlab.probe.Trace;

/**
 * Writes a {@link Trace} as CSV (UTF-8, {@code \n} line ends): a header of the column names, then one line per row.
 *
 * <p>Values are written so that {@link Double#parseDouble} returns the identical double: integral values of
 * magnitude below 10<sup>15</sup> as plain integers (e.g. {@code 100} for step 100), everything else by
 * {@link Double#toString}; non-finite values as {@code NaN}, {@code Infinity}, {@code -Infinity}. Column names
 * containing a comma, quote or line break are quoted as in RFC 4180.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /**
     * Writes {@code trace} to {@code file} in a folder that exists, replacing an existing file. Parent folders are never
     * created: a report is written into a temporary folder that an interrupt's shutdown hook may delete meanwhile, and
     * re-creating it would leave that folder behind.
     */
    public static void write(Trace trace, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> cols = trace.columns();
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    line.append(',');
                }
                line.append(field(cols.get(j)));
            }
            w.write(line.append('\n').toString());
            for (int i = 0; i < trace.size(); i++) {
                double[] row = trace.row(i);
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(format(row[j]));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    /** A double as a CSV cell that parses back to the identical value. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0.0 && 1.0 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // also "NaN", "Infinity", "-Infinity", "-0.0"
    }

    private static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
