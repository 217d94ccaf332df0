package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sgdlab train} run through {@link FastTrainParser} and {@link Main#executeTrain} must print what picocli's
 * command line prints, exit with the same code and write the same files: every second train case of the bad-input
 * catalog ({@link BadInputs}: exit 2 and its message) and runs that succeed (exit 0, with notes on stderr), diverge (exit 1) or
 * write TensorBoard logs, each run both ways in the same sandbox.
 */
class FastTrainExecutionTest {
    @TempDir
    Path dir;

    /** Runs that get past parsing and validation: success, notes, divergence, networks, logs. */
    private static final List<List<String>> RUNS = List.of(
            List.of("train", "--data", "@in/sep.csv", "--label", "y", "--loss", "logistic", "--reduction", "sum", "--optimizer",
                    "gd", "--lr", "0.1", "--steps", "50", "--out", "@out/run"),
            List.of("--blas", "java", "train", "--generate", "seed-exp1", "--loss", "logistic", "--reduction", "sum", "--lr", "0.1",
                    "--steps", "1e2", "--init", "seed-exp1", "--reference", "svm", "--out=@out/run"),
            List.of("train", "--data", "@in/reg.csv", "--optimizer", "riemannian-sphere", "--init", "random", "--lr", "0.01", "--steps", "5", "--probes",
                    "loss,norm", "--out", "@out/run"),
            List.of("train", "--generate", "regression", "--n", "20", "--d", "40", "--loss", "squared", "--reduction", "sum",
                    "--lr", "5", "--steps", "100000", "--out", "@out/run"),
            List.of("train", "--generate", "separable", "--n", "10", "--d", "3", "--loss", "logistic", "--model", "mlp:4",
                    "--no-bias", "--lr", "0.05", "--steps", "20", "--probes", "loss", "--log-dir", "@out/logs", "--out", "@out/run"),
            List.of("train", "--generate", "regression", "--n", "6", "--d", "12", "--optimizer", "adam", "-H", "beta2=0.99",
                    "--hyper=beta1=0.8", "--lr", "0.01", "--steps", "30", "--checkpoint-every", "10", "--reference", "min-norm",
                    "--out", "@out/run"),
            List.of("train", "--generate", "regression", "--n", "5", "--d", "8", "--steps", "5", "--lr", "0.01", "--model",
                    "deep-linear:2", "--width", "3", "--init", "orthogonal", "--init-scale", "0.5", "--out", "@out/run"));

    /** The exit code of each of {@link #RUNS} and whether it prints a note on stderr (the CSV's header, the projected start). */
    private static final List<Integer> RUN_CODES = List.of(0, 0, 0, 1, 0, 0, 0);
    private static final List<Boolean> RUN_NOTES = List.of(true, false, true, false, false, false, false);

    /** {@link #RUNS} and every second train case of the bad-input catalog (all of them take ~40 s under load). */
    static Stream<List<String>> cases() {
        List<List<String>> train = BadInputs.all().stream().map(BadInputs.Case::args).filter(a -> a.get(0).equals("train"))
                .toList();
        return Stream.concat(RUNS.stream(), java.util.stream.IntStream.range(0, train.size()).filter(i -> i % 2 == 0)
                .mapToObj(train::get));
    }

    /** One run's exit code, writers, console (System.out/err) and the files it left in its sandbox. */
    record Run(int code, String out, String err, String console, TreeSet<String> files) {
    }

    @ParameterizedTest
    @MethodSource("cases")
    void printsExitsAndWritesAsPicocli(List<String> args) throws IOException {
        Path box = dir.resolve("box");
        Run picocli = run(box, args, false);
        Run fast = run(box, args, true);
        if (fast == null) {
            // declined: picocli parses it in production; only a parse error or a form left to picocli gets here
            assertTrue(picocli.err().contains("Try `sgdlab train --help`.") || leftToPicocli(args),
                    "declined " + args + ", which picocli parses: " + picocli);
            return;
        }
        assertEquals(picocli, fast, String.join(" ", args));
        int run = RUNS.indexOf(args);
        if (run >= 0) { // the runs do what they are here for
            assertEquals(RUN_CODES.get(run), picocli.code(), picocli.toString());
            assertEquals(RUN_NOTES.get(run), picocli.err().contains("sgdlab: note: "), picocli.toString());
        }
    }

    /**
     * The forms FastTrainParser leaves to picocli that the cases hold (decided apart from the parser): a value starting
     * with '-' (a token that is no option name) and a comma-separated value with an empty element.
     */
    private static boolean leftToPicocli(List<String> args) {
        java.util.Set<String> names = new java.util.HashSet<>();
        var model = Main.commandLine("train").getSubcommands().get("train").getCommandSpec();
        model.options().forEach(o -> names.addAll(List.of(o.names())));
        names.addAll(model.negatedOptionsMap().keySet());
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && !names.contains(a) || (args.get(i - 1).equals("--probes") || args.get(i - 1).equals("--width"))
                    && java.util.Arrays.asList(a.split(",", -1)).contains("")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCasesRunThroughTheFastParser() {
        int fast = 0;
        int all = 0;
        for (List<String> args : cases().toList()) {
            all++;
            fast += parse(args) != null ? 1 : 0;
        }
        // the rest are mostly malformed numbers, which picocli reports
        assertTrue(all >= 40 && fast >= all * 2 / 3, fast + " of " + all + " handled by the fast parser");
        for (List<String> args : RUNS) {
            assertNotNull(parse(args), String.join(" ", args));
        }
    }

    /** FastTrainParser's parse of {@code template}, its placeholders made relative paths. */
    private static TrainCommand parse(List<String> template) {
        String[] args = template.stream().map(s -> s.replace("@in", "in").replace("@out", "out")).toArray(String[]::new);
        return FastTrainParser.parse(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void anExceptionNotHandledPrintsItsStackTraceAndExitsOneAsPicocli() {
        TrainCommand broken = FastTrainParser.parse(new String[] {"train", "--generate", "regression"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        broken.models = null; // call() fails with a NullPointerException, which no handler of sgdlab's takes
        StringWriter err = new StringWriter();
        int code = Main.executeTrain(broken, new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("java.lang.NullPointerException") && err.toString().contains("\tat org.sgdlab.cli"),
                err.toString());
    }

    /** Runs {@code args} in a fresh sandbox {@code box} (fixtures in box/in, outputs in box/out); null when declined. */
    private static Run run(Path box, List<String> template, boolean fast) throws IOException {
        deleteTree(box);
        Path in = box.resolve("in");
        Path out = Files.createDirectories(box.resolve("out"));
        BadInputs.fixtures(in);
        String[] args = template.stream().map(a -> a.replace("@in", in.toString()).replace("@out", out.toString()))
                .toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int code;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            if (fast) {
                PrintWriter err = new PrintWriter(e, true);
                TrainCommand train = FastTrainParser.parse(args, new PrintWriter(o, true), err);
                if (train == null) {
                    return null;
                }
                code = Main.executeTrain(train, err);
            } else {
                CliTest.Result r = CliTest.run(args);
                code = r.code();
                o.write(r.out());
                e.write(r.err());
                console.write(r.console().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.walk(box)) {
            // TensorBoard's event file is named by the time and a per-process counter
            s.forEach(p -> files.add(box.relativize(p).toString().replaceAll("tfevents\\..*", "tfevents.*")));
        }
        return new Run(code, o.toString(), e.toString(), console.toString(StandardCharsets.UTF_8), files);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                q.toFile().setWritable(true);
                q.toFile().setReadable(true);
                q.toFile().setExecutable(true);
                Files.delete(q);
            }
        }
    }
}
