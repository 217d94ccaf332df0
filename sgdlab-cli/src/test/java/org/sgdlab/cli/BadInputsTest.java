package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default-suite part of the bad-input harness: a representative subset of {@link BadInputs#all()} (every ninth
 * case, so each family is sampled) must give zero stack traces, zero raw Java exceptions, zero wrong exit codes and
 * zero partial outputs, each a clear one-line error; and the examples of issue 12 §3 one by one, with what their
 * message must say. The full harness is {@link BadInputsHarnessTest} (slow).
 */
class BadInputsTest {
    @TempDir
    Path dir;

    @Test
    void aRepresentativeSubsetGivesOnlyClearErrors() throws IOException {
        List<BadInputs.Case> all = BadInputs.all();
        List<BadInputs.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 9) {
            outcomes.add(BadInputs.run(all.get(i), dir));
        }
        BadInputs.Counts counts = BadInputs.Counts.of(outcomes);
        StringBuilder bad = new StringBuilder();
        for (BadInputs.Outcome o : outcomes) {
            if (o.skipped() == null && (!o.clear() || o.wrongExitCode() || o.partialOutput())) {
                bad.append("\n  ").append(o.c()).append(" → exit ").append(o.code()).append(": ").append(o.firstLine());
            }
        }
        assertTrue(counts.tried() >= 30, counts.toString());
        assertEquals(0, counts.stackTraces(), counts + bad.toString());
        assertEquals(0, counts.rawExceptions(), counts + bad.toString());
        assertEquals(0, counts.wrongExitCodes(), counts + bad.toString());
        assertEquals(0, counts.partialOutputs(), counts + bad.toString());
        assertEquals(counts.tried(), counts.clear(), counts + bad.toString());
    }

    /** Runs {@code args} and returns its single error line after checking exit 2 and that nothing was written. */
    private String error(String... args) throws IOException {
        BadInputs.Outcome o = BadInputs.run(new BadInputs.Case(String.join(" ", args), "issue-12", List.of(args)), dir);
        assertEquals(2, o.code(), String.join(" ", args) + ": " + o.firstLine());
        assertTrue(o.clear(), String.join(" ", args) + ": " + o.firstLine());
        assertFalse(o.partialOutput(), String.join(" ", args));
        return o.firstLine();
    }

    @Test
    void sizesThatOverflowOrExceedTheHeapNameTheSizeAndTheWayOut() throws IOException {
        String a = error("generate", "separable", "--n", "2000000000", "--d", "1000", "--out", "@out/g.csv");
        assertTrue(a.contains("2000000000 × 1000") && a.contains("more than a Java array holds"), a);
        String b = error("train", "--generate", "regression", "--n", "50000", "--d", "80000", "--out", "@out/run");
        assertTrue(b.contains("50000 × 80000"), b);
        long tooBig = Runtime.getRuntime().maxMemory() / 8 / 1000 + 1000; // rows of 1000 doubles beyond the heap
        if (tooBig * 1000 <= Sizes.MAX_ARRAY) {
            String c = error("generate", "separable", "--n", Long.toString(tooBig), "--d", "1000", "--out", "@out/g.csv");
            assertTrue(c.contains("SGDLAB_JAVA_OPTS=-Xmx") && c.contains("heap"), c);
        }
        assertTrue(Main.outOfMemoryMessage("sgdlab train").contains("SGDLAB_JAVA_OPTS=-Xmx"));
        // a network too deep or too wide for the heap is refused before it is built (not an OutOfMemoryError after GC)
        String d = error("train", "--generate", "regression", "--n", "5", "--d", "8", "--steps", "5", "--lr", "0.01",
                "--model", "deep-linear:100000000", "--out", "@out/run");
        assertTrue(d.contains("100000000 layers") && d.contains("SGDLAB_JAVA_OPTS=-Xmx"), d);
        String w = error("train", "--generate", "regression", "--n", "5", "--d", "8", "--steps", "5", "--lr", "0.01",
                "--model", "mlp:1000000000", "--out", "@out/run");
        assertTrue(w.contains("more than one Java array holds"), w);
    }

    @Test
    void fashionWithoutTheDebianPackageNamesThePackageAndFashionDir() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(org.sgdlab.data.MnistDigits.DEFAULT_FASHION_DIR),
                "dataset-fashion-mnist is installed");
        String m = error("train", "--builtin", "fashion:0,6", "--lr", "0.01", "--steps", "5", "--out", "@out/run");
        assertTrue(m.contains("dataset-fashion-mnist") && m.contains("--fashion-dir"), m);
        String d = error("train", "--builtin", "fashion:0,6", "--fashion-dir", "@in", "--lr", "0.01", "--steps", "5", "--out",
                "@out/run");
        assertTrue(d.contains("train-images-idx3-ubyte.gz"), d);
    }

    @Test
    void outputPathErrorsAreWordsNotJavaExceptionsAndComeFirst() throws IOException {
        String proc = error("train", "--generate", "regression", "--steps", "5", "--out", "/proc/sgdlab-run");
        assertTrue(proc.contains("/proc is not writable"), proc);
        String file = error("check", "min-norm", "--quick", "--out", "@in/plain-file/sub");
        assertTrue(file.contains("is a file, not a folder"), file);
        String foreign = error("train", "--generate", "regression", "--steps", "5", "--out", "@in/report-with-notes");
        assertTrue(foreign.contains("notes.txt") && foreign.contains("did not write"), foreign);
        String folder = error("generate", "separable", "--out", "@in");
        assertTrue(folder.contains("is a folder"), folder);
    }

    @Test
    void silentlyIgnoredFlagsAreUsageErrors() throws IOException {
        assertTrue(error("train", "--generate", "regression", "--steps", "100", "--epochs", "2", "--out", "@out/run")
                .contains("either --steps or --epochs"));
        assertTrue(error("train", "--generate", "regression", "--batch", "4", "--steps", "5", "--out", "@out/run")
                .contains("--batch 4 applies to stochastic samplers"));
        assertTrue(error("solve", "min-norm", "--generate", "regression", "--intercept")
                .contains("--intercept does not apply to min-norm"));
        assertTrue(error("train", "--generate", "regression", "--steps", "5", "--activation", "tanh", "--out", "@out/run")
                .contains("--activation"));
    }

    @Test
    void numbersScientificWholeNumbersAndNonFiniteValues() throws IOException {
        assertTrue(error("train", "--generate", "regression", "--steps", "1.5e0", "--out", "@out/run")
                .contains("'1.5e0' is not a whole number"));
        assertTrue(error("train", "--generate", "regression", "--init", "random", "--init-scale", "NaN", "--steps", "5",
                "--out", "@out/run").contains("'NaN' is not a finite number"));
        assertTrue(error("train", "--generate", "regression", "-H", "lr=0.1", "--steps", "5", "--out", "@out/run")
                .contains("use --lr 0.1"));
        Path out = dir.resolve("sci");
        CliTest.Result ok = CliTest.run("train", "--generate", "regression", "--n", "4", "--d", "8", "--steps", "1e3", "--lr",
                "0.01", "--probes", "loss", "--out", out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("1000 steps"), ok.out());
        assertEquals(1_000_000L, NumberConverters.parseLong("1e6"));
        assertEquals(2500L, NumberConverters.parseLong("2.5e3"));
    }
}
