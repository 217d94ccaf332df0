package org.sgdlab.cli;

import java.nio.file.Path;
import org.sgdlab.data.DataFiles;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import picocli.CommandLine.Option;

/** Where a command's data come from: a file, or one of the built-in generators. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Data file: .csv (header; label column by --label), LIBSVM/SVMlight (.svm, .libsvm, .txt), "
                    + ".npy (X.npy with X_y.npy beside it) or IDX.")
    Path file;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column of a CSV: a header name or a 0-based index (default: the last column).")
    String label;

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Generate data instead: separable (Gaussian clouds through the origin with a margin), "
                    + "regression (under-determined, d > n), seed-exp1 (seed 001 experiment 1, bit for bit).")
    String generator;

    @Option(names = "--n", description = "Samples for --generate (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int n;

    @Option(names = "--d", description = "Features for --generate (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int d;

    @Option(names = "--margin", description = "Margin for --generate separable (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double margin;

    @Option(names = "--noise", description = "Noise level for --generate regression (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double noise;

    @Option(names = "--data-seed", description = "Seed of the generator (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long dataSeed;

    /** The dataset; exactly one of --data and --generate must be given. */
    Dataset load() throws java.io.IOException {
        if ((file == null) == (generator == null)) {
            throw new Main.UsageException("give exactly one of --data FILE and --generate NAME");
        }
        if (file != null) {
            return DataFiles.read(file, label);
        }
        switch (generator) {
            case "separable":
                return Generators.separableGaussians(n, d, margin, dataSeed);
            case "regression":
                return Generators.underdeterminedRegression(n, d, noise, dataSeed);
            case "seed-exp1":
                return Generators.seedExperiment1().data();
            default:
                throw new Main.UsageException("unknown generator \"" + generator + "\"; choose separable, regression or seed-exp1");
        }
    }

    /** A description for provenance. */
    String describe() {
        return file != null ? file.toString() : generator + "(n=" + n + ", d=" + d + ", seed=" + dataSeed + ")";
    }
}
