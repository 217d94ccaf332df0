package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import picocli.CommandLine.Option;

/**
 * The built-in data generators and their size options (shared by `train`, `solve` and `generate`). The options are
 * null when not given, so that one a generator does not read is a usage error instead of being silently ignored.
 */
final class GeneratorOptions {
    static final int DEFAULT_N = 50;
    static final double DEFAULT_MARGIN = 0.1;
    static final double DEFAULT_NOISE = 0.1;
    static final long DEFAULT_SEED = 1;

    @Option(names = "--n", description = "Samples for a generator (default: 50).")
    Integer n;

    @Option(names = "--d", description = "Features for a generator (default: 10 for separable, 4n for regression).")
    Integer d;

    @Option(names = "--margin", description = "Margin of the separable generator (default: 0.1).")
    Double margin;

    @Option(names = "--noise", description = "Noise level of the regression generator (default: 0.1).")
    Double noise;

    @Option(names = "--data-seed", description = "Seed of the generator (default: 1).")
    Long dataSeed;

    /** The data set of generator {@code name}: separable, regression or seed-exp1. */
    Dataset generate(String name) {
        rejectUnused(name);
        long seed = dataSeed != null ? dataSeed : DEFAULT_SEED;
        switch (name) {
            case "separable": {
                int rows = samples();
                int cols = d != null ? d : 10;
                Sizes.requireMatrix("generate separable", rows, cols, 8L * rows);
                return Generators.separableGaussians(rows, cols, margin != null ? margin : DEFAULT_MARGIN, seed);
            }
            case "regression": {
                int rows = samples();
                long cols = d != null ? d : 4L * rows;
                if (cols > Integer.MAX_VALUE) {
                    throw new Main.UsageException("generate regression: the default --d = 4n = " + cols + " is too large; give --d");
                }
                Sizes.requireMatrix("generate regression", rows, cols, 8L * (rows + cols));
                return Generators.underdeterminedRegression(rows, (int) cols, noise != null ? noise : DEFAULT_NOISE, seed);
            }
            case "seed-exp1":
                return Generators.seedExperiment1().data();
            default:
                throw new Main.UsageException("unknown generator \"" + name + "\"; choose separable, regression or seed-exp1");
        }
    }

    private int samples() {
        int rows = n != null ? n : DEFAULT_N;
        if (rows < 1) {
            throw new Main.UsageException("--n must be >= 1, got " + rows);
        }
        if (d != null && d < 1) {
            throw new Main.UsageException("--d must be >= 1, got " + d);
        }
        return rows;
    }

    /** Fails when an option was given that generator {@code name} does not read. */
    private void rejectUnused(String name) {
        List<String> unused = new ArrayList<>();
        boolean fixed = "seed-exp1".equals(name);
        if (fixed && n != null) {
            unused.add("--n");
        }
        if (fixed && d != null) {
            unused.add("--d");
        }
        if (fixed && dataSeed != null) {
            unused.add("--data-seed");
        }
        if (margin != null && !"separable".equals(name)) {
            unused.add("--margin");
        }
        if (noise != null && !"regression".equals(name)) {
            unused.add("--noise");
        }
        if (!unused.isEmpty() && List.of("separable", "regression", "seed-exp1").contains(name)) {
            throw new Main.UsageException(String.join(", ", unused) + (unused.size() == 1 ? " does" : " do") + " not apply to "
                    + "the " + name + " generator (--margin: separable; --noise: regression; seed-exp1 is fixed data)");
        }
    }

    /** The generator options that were given (for a usage error when the data come from elsewhere). */
    List<String> given() {
        List<String> g = new ArrayList<>();
        if (n != null) {
            g.add("--n");
        }
        if (d != null) {
            g.add("--d");
        }
        if (margin != null) {
            g.add("--margin");
        }
        if (noise != null) {
            g.add("--noise");
        }
        if (dataSeed != null) {
            g.add("--data-seed");
        }
        return g;
    }

    /** A description for provenance. */
    String describe(String name) {
        return name + "(n=" + (n != null ? n : DEFAULT_N) + ", d=" + (d != null ? d : "default") + ", margin="
                + (margin != null ? margin : DEFAULT_MARGIN) + ", noise=" + (noise != null ? noise : DEFAULT_NOISE) + ", seed="
                + (dataSeed != null ? dataSeed : DEFAULT_SEED) + ")";
    }
}
