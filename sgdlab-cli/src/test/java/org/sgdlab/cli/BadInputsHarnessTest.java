package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full bad-input harness ({@link BadInputs#all()}, ≥ 250 cases, in-process) plus faults that need their own JVM
 * (a heap too small for the data: the OutOfMemoryError message). Writes {@code target/bad-inputs/outcomes.tsv} (one line
 * per case) and {@code summary.txt} (the counts, per family), and asserts: stack traces = 0, raw Java exceptions = 0,
 * wrong exit codes = 0, partial outputs = 0, every case a clear error. Run with {@code tools/bad-inputs/run.sh} or
 * {@code ./mvnw -B -Pslow -pl sgdlab-cli -am verify -Dtest=BadInputsHarnessTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class BadInputsHarnessTest {
    @TempDir
    Path dir;

    @Test
    void everyBadInputGetsAClearErrorAndExitTwoAndLeavesNothing(TestReporter reporter) throws Exception {
        List<BadInputs.Case> cases = BadInputs.all();
        assertTrue(cases.size() >= 250, "at least 250 cases, got " + cases.size());
        List<BadInputs.Outcome> outcomes = new ArrayList<>();
        for (BadInputs.Case c : cases) {
            outcomes.add(BadInputs.run(c, dir));
        }
        outcomes.addAll(childJvmFaults());
        BadInputs.Counts all = BadInputs.Counts.of(outcomes);
        Path report = Files.createDirectories(Path.of("target", "bad-inputs"));
        Files.writeString(report.resolve("outcomes.tsv"), BadInputs.table(outcomes), StandardCharsets.UTF_8);
        StringBuilder summary = new StringBuilder("all: " + all + "\n");
        for (Map.Entry<String, BadInputs.Counts> e : BadInputs.byFamily(outcomes).entrySet()) {
            summary.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Files.writeString(report.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        reporter.publishEntry("bad inputs", summary.toString());
        StringBuilder bad = new StringBuilder();
        for (BadInputs.Outcome o : outcomes) {
            if (o.skipped() == null && (!o.clear() || o.wrongExitCode() || o.partialOutput())) {
                bad.append("\n  ").append(o.c()).append(" → exit ").append(o.code()).append(o.partialOutput() ? ", partial output" : "")
                        .append(": ").append(o.firstLine());
            }
        }
        assertEquals(0, all.stackTraces(), all + bad.toString());
        assertEquals(0, all.rawExceptions(), all + bad.toString());
        assertEquals(0, all.wrongExitCodes(), all + bad.toString());
        assertEquals(0, all.partialOutputs(), all + bad.toString());
        assertEquals(all.tried(), all.clear(), all + bad.toString());
    }

    /**
     * Faults that need a JVM of their own, a heap of 48 MB: data that pass the size check (they fit) but whose reference
     * solution does not, so the OutOfMemoryError itself must be turned into the message (this one takes minutes: the
     * collector works hard before the JVM gives up), and data the size check refuses before allocating.
     */
    private List<BadInputs.Outcome> childJvmFaults() throws IOException, InterruptedException {
        List<BadInputs.Outcome> out = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<List<String>> cases = List.of(
                List.of("train", "--generate", "regression", "--n", "1500", "--d", "3000", "--steps", "2", "--reference",
                        "min-norm", "--out", "@out/run"),
                List.of("generate", "regression", "--n", "3000", "--d", "6000", "--out", "@out/g.csv"));
        for (List<String> args : cases) {
            Path sandbox = Files.createTempDirectory(dir, "jvm");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-Djava.awt.headless=true", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            for (String a : args) {
                cmd.add(a.startsWith("@out") ? sandbox + a.substring(4) : a);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.contains("incubator"))
                    .filter(l -> !l.startsWith("sgdlab: note:")).toList(); // notes (e.g. --lr auto's progress) are not errors
            boolean stack = text.contains("\tat ") || text.contains("Exception in thread");
            boolean raw = text.matches("(?s).*\\b\\w+(Exception|Error)\\b.*");
            boolean partial;
            try (var s = Files.list(sandbox)) {
                partial = s.findAny().isPresent();
            }
            boolean clear = p.exitValue() == Main.EXIT_USAGE && !stack && !raw && lines.size() == 1
                    && lines.get(0).startsWith("sgdlab: error: ") && lines.get(0).contains("SGDLAB_JAVA_OPTS");
            out.add(new BadInputs.Outcome(new BadInputs.Case("jvm -Xmx48m: " + String.join(" ", args), "heap", args),
                    p.exitValue(), clear, stack, raw, partial, lines.isEmpty() ? "" : lines.get(0), null));
        }
        return out;
    }
}
