package org.sgdlab.cli;

import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import picocli.CommandLine.Option;

/** The built-in data generators and their size options (shared by `train`, `solve` and `generate`). */
final class GeneratorOptions {
    @Option(names = "--n", description = "Samples for a generator (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int n;

    @Option(names = "--d", description = "Features for a generator (default: 10 for separable, 4n for regression).")
    Integer d;

    @Option(names = "--margin", description = "Margin of the separable generator (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double margin;

    @Option(names = "--noise", description = "Noise level of the regression generator (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double noise;

    @Option(names = "--data-seed", description = "Seed of the generator (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long dataSeed;

    /** The data set of generator {@code name}: separable, regression or seed-exp1. */
    Dataset generate(String name) {
        switch (name) {
            case "separable":
                return Generators.separableGaussians(n, d != null ? d : 10, margin, dataSeed);
            case "regression":
                return Generators.underdeterminedRegression(n, d != null ? d : 4 * n, noise, dataSeed);
            case "seed-exp1":
                return Generators.seedExperiment1().data();
            default:
                throw new Main.UsageException("unknown generator \"" + name + "\"; choose separable, regression or seed-exp1");
        }
    }

    /** A description for provenance. */
    String describe(String name) {
        return name + "(n=" + n + ", d=" + (d != null ? d : "default") + ", margin=" + margin + ", noise=" + noise + ", seed=" + dataSeed + ")";
    }
}
