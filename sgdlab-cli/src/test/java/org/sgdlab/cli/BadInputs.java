package org.sgdlab.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A catalog of bad inputs and faults across the commands (missing, folder and unreadable files, malformed data,
 * malformed and out-of-range numbers, unknown names, conflicting and silently ignored flags, bad output paths, sizes
 * that overflow or exceed the heap), each run in-process through {@link Main}'s command line in a fresh sandbox and
 * classified: a clear error (exit 2, one line "sgdlab: error: …" naming the problem, optionally followed by the
 * "Try `… --help`." hint, no Java exception class, frame or temporary file name), a stack trace (Java frames or a
 * "Caused by"), a raw Java exception (its class name printed, or an exception escaping the command line), a wrong exit
 * code (anything but 2), and partial outputs (any file or folder that appeared or changed in the sandbox or in the
 * working directory's {@code sgdlab-out}).
 *
 * <p>Placeholders in the arguments: {@code @in/NAME} is an input fixture (see {@link #fixtures}), {@code @out/NAME} a
 * path in the sandbox's output folder.
 */
final class BadInputs {
    /** One bad input: a name, the arguments, and its family (readers: data-file errors fixed in sgdlab-core/data). */
    record Case(String name, String family, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What one case did. */
    record Outcome(Case c, int code, boolean clear, boolean stackTrace, boolean rawException, boolean partialOutput,
                   String firstLine, String skipped) {
        boolean wrongExitCode() {
            return skipped == null && code != Main.EXIT_USAGE;
        }
    }

    /** The counts of a run of cases. */
    record Counts(int tried, int skipped, int clear, int stackTraces, int rawExceptions, int wrongExitCodes, int partialOutputs) {
        static Counts of(List<Outcome> outcomes) {
            int skipped = 0;
            int clear = 0;
            int st = 0;
            int raw = 0;
            int wrong = 0;
            int partial = 0;
            for (Outcome o : outcomes) {
                if (o.skipped() != null) {
                    skipped++;
                    continue;
                }
                clear += o.clear() ? 1 : 0;
                st += o.stackTrace() ? 1 : 0;
                raw += o.rawException() ? 1 : 0;
                wrong += o.wrongExitCode() ? 1 : 0;
                partial += o.partialOutput() ? 1 : 0;
            }
            return new Counts(outcomes.size() - skipped, skipped, clear, st, raw, wrong, partial);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "tried %d (skipped %d), clear errors %d, stack traces %d, raw Java exceptions %d, "
                    + "wrong exit codes %d, partial outputs %d", tried, skipped, clear, stackTraces, rawExceptions,
                    wrongExitCodes, partialOutputs);
        }
    }

    private static final Pattern FRAME = Pattern.compile("(?m)^\\s*at [\\w$.]+\\(|Caused by:|Exception in thread");
    private static final Pattern JAVA_CLASS = Pattern.compile("\\b(java|javax|jdk|sun|picocli|org\\.sgdlab)\\.[\\w.$]+"
            + "|\\b\\w+(Exception|Error)\\b(?!\\s*\\()|\\[[DIJ]@");
    private static final Pattern TEMP_NAME = Pattern.compile("\\.tmp-|\\.old-|\\d{6,}\\.tmp");

    private BadInputs() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // fixtures

    /** Writes the input files every case may refer to as {@code @in/NAME}. */
    static void fixtures(Path in) throws IOException {
        Files.createDirectories(in);
        SpecBadInputs.fixtures(in);
        Files.writeString(in.resolve("sep.csv"), "x1,x2,y\n1,2,1\n-1,-2,-1\n2,1,1\n-2,-1,-1\n1.5,1,1\n-1,-1.5,-1\n");
        StringBuilder reg = new StringBuilder("x1,x2,x3,x4,x5,x6,y\n");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 6; j++) {
                reg.append((i * 7 + j * 3) % 5 - 2).append(',');
            }
            reg.append(i % 3 - 1).append('\n');
        }
        Files.writeString(in.resolve("reg.csv"), reg);
        Files.writeString(in.resolve("empty.csv"), "");
        Files.writeString(in.resolve("blank.csv"), "\n\n  \n");
        Files.writeString(in.resolve("header-only.csv"), "x1,x2,y\n");
        Files.writeString(in.resolve("ragged.csv"), "x1,x2,y\n1,2,1\n3,4\n");
        Files.writeString(in.resolve("text-cell.csv"), "x1,x2,y\n1,abc,1\n2,3,-1\n");
        Files.writeString(in.resolve("nan-cell.csv"), "x1,x2,y\n1,NaN,1\n2,3,-1\n");
        Files.writeString(in.resolve("inf-cell.csv"), "x1,x2,y\n1,Infinity,1\n2,3,-1\n");
        Files.writeString(in.resolve("dup-header.csv"), "x,x,y\n1,2,1\n2,3,-1\n");
        Files.writeString(in.resolve("labels-3.csv"), "x1,x2,y\n1,2,1\n2,3,2\n3,1,3\n");
        Files.writeString(in.resolve("one-column.csv"), "y\n1\n-1\n");
        Files.write(in.resolve("binary.csv"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 0, 7, 10});
        Files.write(in.resolve("utf16.csv"), "x1,x2,y\n1,2,1\n".getBytes(StandardCharsets.UTF_16));
        Files.writeString(in.resolve("entries.csv"), "i,j,value\n0,0,1\n1,1,2\n0,1,0.5\n");
        Files.writeString(in.resolve("entries-neg.csv"), "i,j,value\n0,-1,1\n1,1,2\n");
        Files.writeString(in.resolve("entries-frac.csv"), "i,j,value\n0,0.5,1\n1,1,2\n");
        Files.writeString(in.resolve("entries-dup.csv"), "i,j,value\n0,0,1\n0,0,2\n");
        Files.writeString(in.resolve("bad.svm"), "1 1:0.5 2:abc\n-1 1:1\n");
        Files.writeString(in.resolve("bad-index.svm"), "1 -2:0.5\n-1 1:1\n"); // 0-based files (index 0) are valid: sklearn
        Files.writeString(in.resolve("unsorted.svm"), "1 3:1 2:1\n-1 1:1\n");
        Files.writeString(in.resolve("nolabel.svm"), "1:0.5 2:1\n");
        Files.writeString(in.resolve("empty.svm"), "");
        Files.write(in.resolve("garbage.npy"), "this is not numpy".getBytes(StandardCharsets.US_ASCII));
        Files.write(in.resolve("truncated.npy"), truncatedNpy());
        Files.write(in.resolve("X.npy"), npy(3, 2)); // without X_y.npy beside it
        Files.write(in.resolve("garbage.idx"), new byte[] {0, 0, 8, 3, 0, 0, 0, 5});
        Files.write(in.resolve("images-idx3-ubyte"), idxImages()); // without a labels file
        Files.writeString(in.resolve("garbage.sgdlab"), "SGDLABD1 but not really");
        Files.createDirectories(in.resolve("folder.csv"));
        Path locked = Files.writeString(in.resolve("unreadable.csv"), "x1,y\n1,1\n2,-1\n");
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the case is skipped below
        }
        Files.writeString(in.resolve("plain-file"), "a file where a folder is expected");
        Path foreign = Files.createDirectories(in.resolve("foreign-dir"));
        Files.writeString(foreign.resolve("thesis.tex"), "mine");
        Path oldReport = Files.createDirectories(in.resolve("report-with-notes"));
        Files.writeString(oldReport.resolve("result.json"), "{\"kind\": \"run\"}\n");
        Files.writeString(oldReport.resolve("notes.txt"), "mine");
    }

    private static byte[] npy(int rows, int cols) {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = 16 - (10 + header.length() + 1) % 16;
        header = header + " ".repeat(pad % 16) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < rows * cols; i++) {
            b.putDouble(i);
        }
        return b.array();
    }

    private static byte[] truncatedNpy() {
        byte[] full = npy(4, 3);
        return java.util.Arrays.copyOf(full, full.length - 20);
    }

    private static byte[] idxImages() {
        ByteBuffer b = ByteBuffer.allocate(16 + 2 * 4).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x00000803).putInt(2).putInt(2).putInt(2);
        b.put(new byte[8]);
        return b.array();
    }

    // ------------------------------------------------------------------------------------------------------------
    // the catalog

    private static final List<String> TRAIN_SMALL = List.of("train", "--generate", "regression", "--n", "5", "--d", "8",
            "--probes", "loss");
    private static final List<String> TRAIN_SEP = List.of("train", "--generate", "separable", "--n", "10", "--d", "3",
            "--loss", "logistic", "--probes", "loss");

    /** Every case of the harness. */
    static List<Case> all() {
        List<Case> cs = new ArrayList<>();
        numbers(cs);
        names(cs);
        conflicts(cs);
        files(cs);
        outputs(cs);
        sizes(cs);
        SpecBadInputs.cases(cs);
        return cs;
    }

    private static void add(List<Case> cs, String family, List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        if (args.get(0).equals("train") && !args.contains("--out")) {
            args.addAll(List.of("--out", "@out/run"));
        }
        if (args.get(0).equals("check") && !args.contains("--out")) {
            args.addAll(List.of("--out", "@out/check"));
        }
        cs.add(new Case(family + ": " + String.join(" ", args), family, args));
    }

    /** Malformed and out-of-range numbers. */
    private static void numbers(List<Case> cs) {
        List<String> steps = new ArrayList<>(TRAIN_SMALL);
        steps.addAll(List.of("--lr", "0.01"));
        for (String v : List.of("abc", "", "1.5", "1.5e0", "0", "-5", "NaN", "1e999", "99999999999999999999", "0x10", "1,000",
                "Infinity", "1e-3", "+-1")) {
            add(cs, "number", steps, "--steps", v);
        }
        for (String v : List.of("abc", "0", "-1", "2.5", "NaN")) {
            add(cs, "number", steps, "--epochs", v);
        }
        List<String> sgd = new ArrayList<>(steps);
        sgd.addAll(List.of("--optimizer", "sgd", "--steps", "5"));
        for (String v : List.of("abc", "0", "-3", "1.5", "NaN", "1e10")) {
            add(cs, "number", sgd, "--batch", v);
        }
        for (String v : List.of("abc", "1.5", "NaN", "1e30")) {
            add(cs, "number", steps, "--seed", v, "--steps", "5");
        }
        List<String> five = new ArrayList<>(TRAIN_SMALL);
        five.addAll(List.of("--steps", "5"));
        for (String v : List.of("abc", "0", "-0.1", "NaN", "Infinity", "-Infinity", "1e999", "", "0x1p-3", "1d", "auto2")) {
            add(cs, "number", five, "--lr", v);
        }
        for (String v : List.of("abc", "0", "-1", "NaN", "Infinity")) {
            add(cs, "number", five, "--lr", "0.01", "--schedule", "inverse-time", "--tau", v);
        }
        for (String v : List.of("abc", "0", "-1", "NaN", "Infinity", "-Infinity", "1e400")) {
            add(cs, "number", five, "--lr", "0.01", "--init", "random", "--init-scale", v);
        }
        for (String v : List.of("abc", "0", "-1", "1.5")) {
            add(cs, "number", five, "--lr", "0.01", "--probes-per-decade", v);
        }
        for (String v : List.of("abc", "0", "-2", "1.5")) {
            add(cs, "number", five, "--lr", "0.01", "--threads", v);
        }
        for (String v : List.of("abc", "0", "-5", "1.5", "1e10", "NaN", "1")) {
            add(cs, "number", List.of("generate", "separable", "--out", "@out/g.csv", "--n", v));
        }
        for (String v : List.of("abc", "0", "-1", "2.5")) {
            add(cs, "number", List.of("generate", "separable", "--out", "@out/g.csv", "--d", v));
        }
        for (String v : List.of("abc", "-1", "NaN", "Infinity")) {
            add(cs, "number", List.of("generate", "separable", "--out", "@out/g.csv", "--margin", v));
            add(cs, "number", List.of("generate", "regression", "--n", "4", "--out", "@out/g.csv", "--noise", v));
        }
        for (String v : List.of("abc", "1.5")) {
            add(cs, "number", List.of("generate", "separable", "--out", "@out/g.csv", "--data-seed", v));
        }
        add(cs, "number", List.of("generate", "regression", "--n", "10", "--d", "5", "--out", "@out/g.csv"));
        List<String> h = new ArrayList<>(five);
        h.add("--lr");
        h.add("0.01");
        for (String v : List.of("momentum=abc", "momentum=NaN", "momentum=-1", "momentum", "=3", "momentum=Infinity",
                "nesterov=2", "weight_decay=-1")) {
            add(cs, "number", h, "-H", v);
        }
        for (String v : List.of("beta2=2", "beta1=-0.1", "eps=-1", "beta2=NaN")) {
            add(cs, "number", h, "--optimizer", "adam", "-H", v);
        }
        for (String v : List.of("p=0.5", "p=1", "p=NaN", "p=abc")) {
            add(cs, "number", h, "--optimizer", "steepest-lp", "-H", v);
        }
        add(cs, "number", h, "--optimizer", "stiefel", "--init", "random", "-H", "rows=0");
        add(cs, "number", h, "--optimizer", "stiefel", "--init", "random", "-H", "rows=3");
        add(cs, "number", h, "--optimizer", "mirror-hyperbolic", "-H", "alpha=0");
        add(cs, "number", h, "--optimizer", "mirror-hyperbolic", "-H", "alpha=-1");
        add(cs, "number", h, "--optimizer", "lp-sgd");
        add(cs, "number", h, "-H", "lr=0.1");
        add(cs, "number", h, "-H", "learning_rate=0.1");
        add(cs, "number", List.of("check", "min-norm", "--quick", "--seed", "abc"));
        add(cs, "number", List.of("check", "min-norm", "--quick", "--seed", "1.5"));
        add(cs, "number", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--rcond", "abc"));
        add(cs, "number", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--rcond", "-1"));
        add(cs, "number", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--rcond", "NaN"));
        add(cs, "number", List.of("solve", "min-p-norm", "--generate", "regression", "--n", "4", "--p", "1"));
        add(cs, "number", List.of("solve", "min-p-norm", "--generate", "regression", "--n", "4", "--p", "0.5"));
        add(cs, "number", List.of("solve", "min-p-norm", "--generate", "regression", "--n", "4", "--p", "NaN"));
        add(cs, "number", List.of("solve", "min-p-norm", "--generate", "regression", "--n", "4", "--p", "Infinity"));
        add(cs, "number", List.of("solve", "bregman", "--generate", "regression", "--n", "4", "--alpha", "0"));
        add(cs, "number", List.of("solve", "bregman", "--generate", "regression", "--n", "4", "--alpha", "-1"));
        add(cs, "number", List.of("solve", "logistic-reg", "--generate", "separable", "--n", "6", "--lambda", "0"));
        add(cs, "number", List.of("solve", "logistic-reg", "--generate", "separable", "--n", "6", "--lambda", "-1"));
        add(cs, "number", List.of("solve", "logistic-reg", "--generate", "separable", "--n", "6", "--lambda", "NaN"));
        add(cs, "number", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "0", "--cols", "2"));
        add(cs, "number", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "2", "--cols", "-1"));
        add(cs, "number", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "abc", "--cols", "2"));
        add(cs, "number", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "1", "--cols", "1"));
    }

    /** Unknown names. */
    private static void names(List<Case> cs) {
        List<String> five = new ArrayList<>(TRAIN_SMALL);
        five.addAll(List.of("--steps", "5", "--lr", "0.01"));
        for (String[] o : new String[][] {{"--optimizer", "nope"}, {"--loss", "nope"}, {"--reduction", "nope"},
            {"--schedule", "nope"}, {"--sampler", "nope"}, {"--init", "nope"}, {"--reference", "nope"}, {"--model", "nope"},
            {"--model", "mlp:"}, {"--model", "mlp:0"}, {"--model", "mlp:4,x"}, {"--model", "deep-linear:0"},
            {"--model", "diagonal:2,3"}, {"--model", "linear:2"}, {"--probes", "nope"}, {"--probes", "sharpness:every=0"},
            {"--probes", "sharpness:every=x"}, {"--probes", "loss:every=3"}, {"--probes", ""}, {"--probes", "loss,,norm"},
            {"--generate", "nope"}, {"--builtin", "nope"}, {"--builtin", "fashion:1,1"}, {"--builtin", "fashion:0"},
            {"--builtin", "fashion:1,12"}, {"--builtin", "fashion:1,2:train"}, {"--loss", "softmax-cross-entropy"}}) {
            List<String> base = new ArrayList<>(five);
            if (o[0].equals("--generate") || o[0].equals("--builtin")) {
                base = new ArrayList<>(List.of("train", "--steps", "5", "--lr", "0.01", "--probes", "loss"));
            }
            add(cs, "name", base, o[0], o[1]);
        }
        List<String> mlp = new ArrayList<>(TRAIN_SEP);
        mlp.addAll(List.of("--steps", "5", "--lr", "0.01", "--model", "mlp:3"));
        add(cs, "name", mlp, "--activation", "nope");
        add(cs, "name", mlp, "--activation", "leaky-relu:abc");
        add(cs, "name", mlp, "--norm", "nope");
        add(cs, "name", mlp, "--init", "orthogonal");
        List<String> diag = new ArrayList<>(five);
        diag.addAll(List.of("--model", "diagonal:2"));
        add(cs, "name", diag, "--form", "nope");
        List<String> fac = new ArrayList<>(five);
        fac.addAll(List.of("--model", "factorized:2"));
        add(cs, "name", fac, "--matrix", "nope");
        add(cs, "name", fac, "--matrix", "0x3");
        add(cs, "name", fac, "--matrix", "2x2");
        add(cs, "name", List.of("generate", "nope", "--out", "@out/g.csv"));
        add(cs, "name", List.of("generate", "--out", "@out/g.csv"));
        add(cs, "name", List.of("generate", "separable"));
        add(cs, "name", List.of("solve", "nope", "--generate", "regression"));
        add(cs, "name", List.of("solve", "--generate", "regression"));
        add(cs, "name", List.of("solve", "margin", "--generate", "separable", "--norm", "l7"));
        add(cs, "name", List.of("solve", "bregman", "--generate", "regression", "--n", "4", "--potential", "nope"));
        add(cs, "name", List.of("check", "no.such-claim", "--quick"));
        add(cs, "name", List.of("check", "min-norm", "--quick", "--budget", "x"));
        add(cs, "name", List.of("list", "nope"));
        add(cs, "name", List.of("nope"));
        add(cs, "name", List.of("--nope"));
        for (String cmd : List.of("train", "solve", "generate", "check", "list")) {
            add(cs, "name", List.of(cmd, "--bogus-option"));
        }
        add(cs, "name", List.of("help", "nope"));
    }

    /** Conflicting, missing and silently ignored flags. */
    private static void conflicts(List<Case> cs) {
        List<String> t = List.of("train", "--steps", "5", "--lr", "0.01", "--probes", "loss");
        add(cs, "conflict", t);
        add(cs, "conflict", t, "--data", "@in/reg.csv", "--generate", "regression");
        add(cs, "conflict", t, "--generate", "regression", "--builtin", "mnist49");
        add(cs, "conflict", t, "--data", "@in/reg.csv", "--builtin", "mnist49");
        List<String> five = new ArrayList<>(TRAIN_SMALL);
        five.addAll(List.of("--lr", "0.01"));
        add(cs, "conflict", five, "--steps", "100", "--epochs", "2");
        add(cs, "conflict", five, "--steps", "5", "--batch", "2");
        add(cs, "conflict", five, "--steps", "5", "--optimizer", "adam", "--batch", "2");
        add(cs, "conflict", five, "--steps", "5", "--sampler", "full", "--batch", "2");
        add(cs, "conflict", five, "--steps", "5", "--tau", "10");
        add(cs, "conflict", five, "--steps", "5", "--init-scale", "0.1");
        add(cs, "conflict", five, "--steps", "5", "--init", "seed-exp1");
        add(cs, "conflict", five, "--steps", "5", "--label", "y");
        add(cs, "conflict", five, "--steps", "5", "--margin", "0.5");
        add(cs, "conflict", five, "--steps", "5", "--mmap");
        add(cs, "conflict", five, "--steps", "5", "--fashion-dir", "@in");
        add(cs, "conflict", five, "--steps", "5", "--reference", "svm");
        add(cs, "conflict", five, "--steps", "5", "--optimizer", "riemannian-sphere");
        add(cs, "conflict", five, "--steps", "5", "--optimizer", "stiefel", "-H", "rows=8");
        add(cs, "conflict", five, "--steps", "5", "--model", "mlp:3", "--reference", "min-norm");
        add(cs, "conflict", five, "--steps", "5", "--model", "mlp:3", "--intercept");
        add(cs, "conflict", five, "--steps", "5", "--model", "mlp:3", "--width", "4");
        add(cs, "conflict", five, "--steps", "5", "--activation", "tanh");
        add(cs, "conflict", five, "--steps", "5", "--form", "product");
        add(cs, "conflict", five, "--steps", "5", "--model", "diagonal:2", "--loss", "softmax-cross-entropy");
        add(cs, "conflict", five, "--steps", "5", "--model", "deep-linear:2", "--width", "3,4,5");
        add(cs, "conflict", five, "--steps", "5", "--model", "factorized:2");
        List<String> fiveAuto = new ArrayList<>(TRAIN_SEP);
        fiveAuto.addAll(List.of("--steps", "5"));
        add(cs, "conflict", fiveAuto, "--loss", "hinge", "--lr", "auto");
        add(cs, "conflict", fiveAuto, "--model", "mlp:3");
        add(cs, "conflict", List.of("train", "--data", "@in/reg.csv", "--steps", "5", "--lr", "0.01", "--n", "4"));
        add(cs, "conflict", List.of("train", "--data", "@in/reg.csv", "--steps", "5", "--lr", "0.01", "--mmap"));
        add(cs, "conflict", List.of("train", "--data", "@in/X.npy", "--steps", "5", "--lr", "0.01", "--mmap", "--label", "y"));
        add(cs, "conflict", List.of("train", "--generate", "seed-exp1", "--n", "5", "--steps", "5"));
        add(cs, "conflict", List.of("train", "--generate", "separable", "--noise", "0.5", "--steps", "5"));
        add(cs, "conflict", List.of("train", "--data", "@in/reg.csv", "--loss", "logistic", "--reference", "svm", "--steps", "5",
                "--lr", "0.01"));
        add(cs, "conflict", List.of("train", "--data", "@in/sep.csv", "--model", "mlp:3", "--loss", "softmax-cross-entropy",
                "--steps", "5", "--lr", "0.01"));
        List<String> s = List.of("solve", "--generate", "regression", "--n", "4");
        add(cs, "conflict", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--intercept"));
        add(cs, "conflict", List.of("solve", "svm", "--generate", "separable", "--n", "6", "--p", "2"));
        add(cs, "conflict", List.of("solve", "svm", "--generate", "separable", "--n", "6", "--lambda", "2"));
        add(cs, "conflict", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--rows", "2"));
        add(cs, "conflict", List.of("solve", "bregman", "--generate", "regression", "--n", "4", "--potential", "lp", "--p", "3",
                "--alpha", "1"));
        add(cs, "conflict", List.of("solve", "bregman", "--generate", "regression", "--n", "4", "--potential", "euclidean",
                "--p", "3"));
        add(cs, "conflict", List.of("solve", "min-p-norm", "--generate", "regression", "--n", "4"));
        add(cs, "conflict", List.of("solve", "logistic-reg", "--generate", "separable", "--n", "6"));
        add(cs, "conflict", List.of("solve", "svm", "--generate", "regression", "--n", "4"));
        add(cs, "conflict", List.of("solve", "svm", "--data", "@in/labels-3.csv"));
        add(cs, "conflict", List.of("solve", "multiclass-svm", "--data", "@in/nan-cell.csv"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "2", "--cols", "2",
                "--sensing"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/entries-neg.csv", "--rows", "2", "--cols", "2"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/entries-frac.csv", "--rows", "2", "--cols", "2"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/entries-dup.csv", "--rows", "2", "--cols", "2"));
        add(cs, "conflict", List.of("solve", "nuclear-norm", "--data", "@in/sep.csv", "--rows", "2", "--cols", "2"));
        add(cs, "conflict", List.of("solve", "basis-pursuit", "--data", "@in/sep.csv"));
        add(cs, "conflict", s);
        add(cs, "conflict", List.of("solve", "min-norm", "--mmap", "--data", "@in/X.npy"));
        add(cs, "conflict", List.of("generate", "separable", "--noise", "0.3", "--out", "@out/g.csv"));
        add(cs, "conflict", List.of("generate", "regression", "--margin", "0.3", "--out", "@out/g.csv"));
        add(cs, "conflict", List.of("generate", "seed-exp1", "--n", "30", "--out", "@out/g.csv"));
        add(cs, "conflict", List.of("generate", "regression", "--n", "10", "--d", "10", "--out", "@out/g.csv"));
        add(cs, "conflict", List.of("check", "--quick", "--json", "min-norm", "no.such"));
    }

    /** Input files: missing, folders, unreadable, malformed (the readers' family). */
    private static void files(List<Case> cs) {
        List<String> files = List.of("nope.csv", "folder.csv", "unreadable.csv", "empty.csv", "blank.csv", "header-only.csv",
                "ragged.csv", "text-cell.csv", "nan-cell.csv", "inf-cell.csv", "dup-header.csv", "one-column.csv", "binary.csv",
                "utf16.csv", "bad.svm", "bad-index.svm", "unsorted.svm", "nolabel.svm", "empty.svm", "garbage.npy",
                "truncated.npy", "X.npy", "garbage.idx", "images-idx3-ubyte", "garbage.sgdlab", "nope.npy", "nope.svm",
                "plain-file/x.csv");
        for (String f : files) {
            add(cs, "readers", List.of("train", "--data", "@in/" + f, "--steps", "5", "--lr", "0.01", "--probes", "loss"));
        }
        for (String f : List.of("nope.csv", "folder.csv", "empty.csv", "ragged.csv", "text-cell.csv", "garbage.npy", "X.npy",
                "bad.svm", "binary.csv", "unreadable.csv")) {
            add(cs, "readers", List.of("solve", "min-norm", "--data", "@in/" + f));
        }
        for (String f : List.of("nope.npy", "garbage.npy", "truncated.npy", "X.npy", "reg.csv", "garbage.sgdlab", "folder.csv")) {
            add(cs, "readers", List.of("train", "--data", "@in/" + f, "--mmap", "--steps", "5", "--lr", "0.01", "--probes", "loss"));
        }
        add(cs, "readers", List.of("train", "--data", "@in/reg.csv", "--label", "nope", "--steps", "5", "--lr", "0.01"));
        add(cs, "readers", List.of("train", "--data", "@in/reg.csv", "--label", "99", "--steps", "5", "--lr", "0.01"));
        add(cs, "readers", List.of("train", "--data", "@in/reg.csv", "--label", "-1", "--steps", "5", "--lr", "0.01"));
        add(cs, "readers", List.of("train", "--data", "", "--steps", "5", "--lr", "0.01"));
        add(cs, "input", List.of("train", "--builtin", "fashion:1,2", "--fashion-dir", "@in/nope", "--steps", "5", "--lr", "0.01"));
        add(cs, "input", List.of("train", "--builtin", "fashion:1,2", "--fashion-dir", "@in/plain-file", "--steps", "5", "--lr",
                "0.01"));
        add(cs, "input", List.of("train", "--builtin", "fashion:1,2:test", "--fashion-dir", "@in", "--steps", "5", "--lr", "0.01"));
    }

    /** Output paths that cannot take the output. */
    private static void outputs(List<Case> cs) {
        List<String> t = new ArrayList<>(TRAIN_SMALL);
        t.addAll(List.of("--steps", "5", "--lr", "0.01"));
        for (String o : List.of("@in/plain-file", "@in/plain-file/sub", "/proc/sgdlab-out", "@in/foreign-dir",
                "@in/report-with-notes", "", "/", "@in/sep.csv", "/proc/self/sgdlab")) {
            add(cs, "output", t, "--out", o);
        }
        for (String o : List.of("@in/plain-file", "@in/plain-file/sub", "/proc/sgdlab-out", "@in/foreign-dir",
                "@in/report-with-notes", "")) {
            add(cs, "output", List.of("check", "min-norm.gd-finds-min-norm", "--quick", "--out", o));
        }
        for (String o : List.of("@in/folder.csv", "@in/plain-file/g.csv", "/proc/g.csv", "", "@in", "/")) {
            add(cs, "output", List.of("generate", "separable", "--n", "10", "--out", o));
        }
        for (String o : List.of("@in/folder.csv", "@in/plain-file/w.json", "/proc/w.json", "", "@in")) {
            add(cs, "output", List.of("solve", "min-norm", "--generate", "regression", "--n", "4", "--out", o));
        }
    }

    /** Sizes that overflow an int or exceed the heap, and models too large to build. */
    private static void sizes(List<Case> cs) {
        add(cs, "size", List.of("generate", "separable", "--n", "2000000000", "--d", "1000", "--out", "@out/g.csv"));
        add(cs, "size", List.of("generate", "regression", "--n", "1000000000", "--out", "@out/g.csv"));
        add(cs, "size", List.of("generate", "regression", "--n", "100000", "--d", "100000", "--out", "@out/g.csv"));
        add(cs, "size", List.of("generate", "separable", "--n", "3000000000", "--out", "@out/g.csv"));
        add(cs, "size", List.of("train", "--generate", "regression", "--n", "50000", "--d", "80000", "--steps", "5"));
        add(cs, "size", List.of("train", "--generate", "separable", "--n", "46341", "--d", "46341", "--steps", "5"));
        add(cs, "size", List.of("solve", "min-norm", "--generate", "regression", "--n", "60000", "--d", "60000"));
        List<String> five = new ArrayList<>(TRAIN_SMALL);
        five.addAll(List.of("--steps", "5", "--lr", "0.01"));
        add(cs, "size", five, "--model", "mlp:1000000000");
        add(cs, "size", five, "--model", "mlp:100000,100000");
        add(cs, "size", five, "--model", "deep-linear:2", "--width", "2000000000");
        add(cs, "size", five, "--model", "deep-linear:100000000");
        add(cs, "size", five, "--steps", "9223372036854775808");
        add(cs, "size", List.of("solve", "nuclear-norm", "--data", "@in/entries.csv", "--rows", "100000", "--cols", "100000"));
        add(cs, "size", List.of("train", "--generate", "separable", "--n", "10", "--d", "3", "--loss", "logistic", "--optimizer",
                "sgd", "--epochs", "9223372036854775807", "--lr", "0.01"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // running and classifying

    /** Runs {@code c} in a fresh sandbox under {@code root} and classifies it. */
    static Outcome run(Case c, Path root) throws IOException {
        Path sandbox = Files.createTempDirectory(root, "case");
        Path in = sandbox.resolve("in");
        Path out = Files.createDirectories(sandbox.resolve("out"));
        fixtures(in);
        if (c.args().stream().anyMatch(a -> a.contains("unreadable")) && Files.isReadable(in.resolve("unreadable.csv"))) {
            return new Outcome(c, -1, false, false, false, false, "", "unreadable files are readable here (running as root)");
        }
        String[] args = c.args().stream().map(a -> a.startsWith("@in") ? in + a.substring(3) : a.startsWith("@out")
                ? out + a.substring(4) : a).toArray(String[]::new);
        Map<String, String> before = snapshot(sandbox);
        boolean cwdOut = Files.exists(Path.of("sgdlab-out"));
        int code;
        String text;
        boolean escaped = false;
        try {
            CliTest.Result r = CliTest.run(args);
            code = r.code();
            text = r.err() + "\n" + r.console() + "\n" + r.out();
        } catch (RuntimeException | Error e) {
            // an exception escaping the command line: the real main prints its stack trace and exits 1
            escaped = true;
            code = 1;
            java.io.StringWriter sw = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(sw));
            text = sw.toString();
        }
        Map<String, String> after = snapshot(sandbox);
        boolean partial = !before.equals(after) || !cwdOut && Files.exists(Path.of("sgdlab-out"));
        String err = text.strip();
        String first = err.isEmpty() ? "" : err.lines().filter(l -> !l.contains("incubator")).findFirst().orElse("");
        boolean stack = escaped || FRAME.matcher(text).find();
        boolean raw = escaped || JAVA_CLASS.matcher(text).find();
        List<String> errLines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.contains("incubator"))
                .filter(l -> !l.startsWith("Try `") && !l.startsWith("sgdlab check:") && !l.startsWith("sgdlab sweep:") && !l.startsWith("sgdlab: note:"))
                .toList();
        boolean clear = code == Main.EXIT_USAGE && !stack && !raw && !TEMP_NAME.matcher(text).find() && errLines.size() == 1
                && errLines.get(0).startsWith("sgdlab: error: ") && errLines.get(0).length() > "sgdlab: error: ".length() + 10;
        if (!clear) { // name the offending line too (a frame, an exception class), which may come from another thread
            String offending = text.lines().filter(l -> FRAME.matcher(l).find() || JAVA_CLASS.matcher(l).find())
                    .findFirst().orElse(null);
            if (offending != null && !offending.equals(first)) {
                first = first + " [" + offending.strip() + "]";
            }
        }
        deleteTree(sandbox);
        return new Outcome(c, code, clear, stack, raw, partial, first, null);
    }

    /** Every path under {@code dir} with its size and modification time (folders: their entries are listed). */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                boolean d = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                m.put(dir.relativize(p).toString(), d ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p,
                        LinkOption.NOFOLLOW_LINKS).toMillis());
            }
        }
        return m;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.setPosixFilePermissions(q, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException | IOException e) {
                    // best effort
                }
                Files.deleteIfExists(q);
            }
        }
    }

    /** A tab-separated line per outcome (for the report of the full harness). */
    static String table(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("family\tcode\tclear\tstack_trace\traw_exception\tpartial_output\targs\tfirst_line\n");
        for (Outcome o : outcomes) {
            sb.append(o.c().family()).append('\t').append(o.skipped() != null ? "skipped" : Integer.toString(o.code()))
                    .append('\t').append(o.clear()).append('\t').append(o.stackTrace()).append('\t').append(o.rawException())
                    .append('\t').append(o.partialOutput()).append('\t').append(String.join(" ", o.c().args())).append('\t')
                    .append(o.skipped() != null ? o.skipped() : o.firstLine().replace('\t', ' ')).append('\n');
        }
        return sb.toString();
    }

    /** Runs every case (or those whose name contains args[0]) and prints the counts and each case that is not clear. */
    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("bad-inputs");
        List<Outcome> outcomes = new ArrayList<>();
        for (Case c : all()) {
            if (args.length == 0 || c.name().contains(args[0])) {
                long t0 = System.nanoTime();
                Outcome o = run(c, root);
                outcomes.add(o);
                if (Boolean.getBoolean("verbose")) {
                    System.out.println((o.clear() ? "clear  " : "NOT    ") + c + "\n        " + o.firstLine());
                } else if (o.skipped() == null && (!o.clear() || o.wrongExitCode() || o.partialOutput())) {
                    System.out.printf(Locale.ROOT, "NOT CLEAR (%.1fs) %s → exit %d%s: %s%n", (System.nanoTime() - t0) / 1e9, c,
                            o.code(), o.partialOutput() ? ", partial output" : "", o.firstLine());
                }
            }
        }
        System.out.println("all: " + Counts.of(outcomes));
        byFamily(outcomes).forEach((k, v) -> System.out.println(k + ": " + v));
        deleteTree(root);
    }

    /** Counts per family. */
    static Map<String, Counts> byFamily(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            groups.computeIfAbsent(o.c().family(), k -> new ArrayList<>()).add(o);
        }
        Map<String, Counts> m = new LinkedHashMap<>();
        groups.forEach((k, v) -> m.put(k, Counts.of(v)));
        return m;
    }
}
