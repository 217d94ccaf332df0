package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.sgdlab.data.CsvReader;
import org.sgdlab.data.DataFiles;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.MnistDigits;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a command's data come from: a file, or one of the built-in generators. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Data file: a table (.csv, .tsv, .dat; comma, tab, ';' or whitespace separated, header detected; "
                    + "label column by --label), LIBSVM/SVMlight (.svm, .libsvm), .txt (LIBSVM if it has index:value "
                    + "tokens, else a table, e.g. numpy.savetxt's output), .npy (X.npy with X_y.npy beside it) or IDX.")
    Path file;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column of a table: a header name or a 0-based index (x0, x1, ... without a header; "
                    + "default: the last column).")
    String label;

    @Option(names = "--header", negatable = true,
            description = "Whether the first line of a table is a header (--header) or data (--no-header). Default: "
                    + "detected, a first line of numbers is data; the choice is reported on stderr.")
    Boolean header;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Where notes go when {@link FastTrainParser} parsed the arguments (then {@link #command} is null). */
    PrintWriter err;

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Generate data instead: separable (Gaussian clouds through the origin with a margin), "
                    + "regression (under-determined, d > n), seed-exp1 (seed 001 experiment 1, bit for bit).")
    String generator;

    @Option(names = "--builtin", paramLabel = "NAME",
            description = "Real data shipped or packaged: mnist49 (MNIST 4 → −1, 9 → +1, 1958 digits shipped with sgdlab) or "
                    + "fashion:A,B[:test] (Fashion-MNIST classes A → −1, B → +1 from Debian's dataset-fashion-mnist; train split "
                    + "unless :test).")
    String builtin;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-…) "
                    + "for --builtin fashion:A,B (default: /usr/share/datasets/fashion-mnist, where Debian's "
                    + "dataset-fashion-mnist puts them).")
    Path fashionDir;

    @Option(names = "--mmap",
            description = "Memory-map the --data file instead of reading it into the heap (for data larger than -Xmx): "
                    + "a 2-D float64 C-order .npy (targets in X_y.npy beside it) or an sgdlab binary file (SGDLABD1). "
                    + "Training gives the same bits as in memory.")
    boolean mmap;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for full-batch gradients of large problems (n·d ≥ 2^18); results are the same bits for "
                    + "every N (default: -Dsgdlab.threads, else the number of processors).")
    Integer threads;

    @Mixin
    GeneratorOptions sizes;

    /** Applies --threads (call before any computation). */
    void applyThreads() {
        if (threads != null) {
            if (threads < 1) {
                throw new Main.UsageException("--threads must be >= 1, got " + threads);
            }
            org.sgdlab.parallel.Parallel.setThreads(threads);
        }
    }

    /** The mapped dataset of --data with --mmap. */
    org.sgdlab.data.MappedDataset loadMapped() {
        applyThreads();
        if (file == null || generator != null || builtin != null) {
            throw new Main.UsageException("--mmap needs --data FILE (and neither --generate nor --builtin)");
        }
        if (label != null || header != null) {
            throw new Main.UsageException("--mmap reads X.npy with X_y.npy beside it or an sgdlab binary file; "
                    + (label != null ? "--label" : header ? "--header" : "--no-header") + " does not apply");
        }
        return org.sgdlab.data.MappedDataset.open(file);
    }

    /** The dataset; exactly one of --data and --generate must be given. */
    Dataset load() {
        applyThreads();
        if (mmap) {
            throw new Main.UsageException("--mmap is supported by `sgdlab train` only");
        }
        int given = (file != null ? 1 : 0) + (generator != null ? 1 : 0) + (builtin != null ? 1 : 0);
        if (given != 1) {
            throw new Main.UsageException("give exactly one of --data FILE, --generate NAME and --builtin NAME");
        }
        rejectUnused();
        if (file != null) {
            DataFiles.Loaded loaded = DataFiles.load(file, label, headerMode());
            if (loaded.note() != null) {
                PrintWriter err = command != null ? command.commandLine().getErr()
                        : this.err != null ? this.err : new PrintWriter(System.err, true);
                err.println("sgdlab: note: " + loaded.note() + overrideHint(loaded.csvLayout()));
                err.flush();
            }
            return loaded.data();
        }
        if (header != null) {
            throw new Main.UsageException((header ? "--header" : "--no-header") + " applies to a table given with --data FILE");
        }
        return generator != null ? sizes.generate(generator) : builtin(builtin, fashionDir);
    }

    /** Fails on options that the chosen data source would silently ignore. */
    private void rejectUnused() {
        if (label != null && file == null) {
            throw new Main.UsageException("--label chooses the label column of a --data file; it does not apply to "
                    + (generator != null ? "--generate" : "--builtin"));
        }
        if (generator == null && !sizes.given().isEmpty()) {
            throw new Main.UsageException(String.join(", ", sizes.given()) + " set" + (sizes.given().size() == 1 ? "s" : "")
                    + " the size of a --generate data set; it does not apply to " + (file != null ? "--data" : "--builtin"));
        }
        if (fashionDir != null && (builtin == null || !builtin.startsWith("fashion:"))) {
            throw new Main.UsageException("--fashion-dir applies to --builtin fashion:A,B only");
        }
    }

    /** --header → PRESENT, --no-header → ABSENT, neither → AUTO. */
    CsvReader.Header headerMode() {
        return header == null ? CsvReader.Header.AUTO : header ? CsvReader.Header.PRESENT : CsvReader.Header.ABSENT;
    }

    /** How to reverse a detected header decision, appended to the note. */
    static String overrideHint(CsvReader.Layout layout) {
        if (layout == null || !layout.headerDetected()) {
            return "";
        }
        return layout.header() ? "; --no-header to override" : "; --header to override";
    }

    /** mnist49, or fashion:A,B with an optional :test (from {@code fashionDir}, null for Debian's folder). */
    static Dataset builtin(String name, Path fashionDir) {
        if ("mnist49".equals(name)) {
            return MnistDigits.fourVsNine();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fashion:(\\d),(\\d)(:test)?").matcher(name);
        if (m.matches()) {
            Path dir = fashionDir != null ? fashionDir : MnistDigits.DEFAULT_FASHION_DIR;
            String set = m.group(3) == null ? "train" : "t10k";
            for (String f : new String[] {set + "-images-idx3-ubyte.gz", set + "-labels-idx1-ubyte.gz"}) {
                if (!java.nio.file.Files.isRegularFile(dir.resolve(f))) {
                    throw new Main.UsageException("--builtin " + name + ": Fashion-MNIST's " + f + " is not in " + dir + "; "
                            + (fashionDir == null ? "install Debian's package dataset-fashion-mnist (sudo apt-get install "
                            + "dataset-fashion-mnist), or give the folder that holds the files with --fashion-dir DIR"
                            : "--fashion-dir must name the folder with the gzipped IDX files (" + set + "-images-idx3-ubyte.gz, "
                            + set + "-labels-idx1-ubyte.gz)"));
                }
            }
            return MnistDigits.fashionPair(dir, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null);
        }
        throw new Main.UsageException("unknown --builtin \"" + name + "\"; choose mnist49 or fashion:A,B[:test] with classes 0..9");
    }

    /** A description for provenance. */
    String describe() {
        return file != null ? file.toString() : generator != null ? sizes.describe(generator) : "builtin " + builtin;
    }
}
