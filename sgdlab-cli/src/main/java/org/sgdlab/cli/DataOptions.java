package org.sgdlab.cli;

import java.nio.file.Path;
import org.sgdlab.data.DataFiles;
import org.sgdlab.data.Dataset;
import picocli.CommandLine.Mixin;
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

    @Mixin
    GeneratorOptions sizes;

    /** The dataset; exactly one of --data and --generate must be given. */
    Dataset load() {
        if ((file == null) == (generator == null)) {
            throw new Main.UsageException("give exactly one of --data FILE and --generate NAME");
        }
        return file != null ? DataFiles.read(file, label) : sizes.generate(generator);
    }

    /** A description for provenance. */
    String describe() {
        return file != null ? file.toString() : sizes.describe(generator);
    }
}
