package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link Main#main} in JVMs of their own, with the fast parser and with {@code -Dsgdlab.parser=picocli}: the
 * same exit codes and the same bytes on stdout and stderr (picocli's console writers and their charset), and picocli's
 * model is not built on the fast path (no {@code picocli.CommandLine$Model} class is loaded).
 */
class FastTrainProcessTest {
    @TempDir
    Path dir;

    private Process start(String name, boolean picocli, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + dir.resolve(name + ".classes"), "-Djava.awt.headless=true"));
        if (picocli) {
            cmd.add("-D" + Main.PARSER_PROPERTY + "=picocli");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.replaceAll(a -> a.replace("@out", dir.resolve("out").toString()));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private void assertSameProcess(String name, int code, Process fast, Process picocli) throws IOException, InterruptedException {
        assertTrue(fast.waitFor(120, TimeUnit.SECONDS) && picocli.waitFor(120, TimeUnit.SECONDS), name + " timed out");
        assertEquals(code, picocli.exitValue(), read(name + "-picocli.err"));
        assertEquals(code, fast.exitValue(), read(name + "-fast.err"));
        for (String stream : List.of(".out", ".err")) {
            byte[] a = Files.readAllBytes(dir.resolve(name + "-picocli" + stream));
            byte[] b = Files.readAllBytes(dir.resolve(name + "-fast" + stream));
            assertArrayEquals(a, b, name + stream + ": " + new String(b, StandardCharsets.UTF_8));
        }
        String classes = read(name + "-fast.classes");
        assertFalse(classes.contains("picocli.CommandLine$Model"), "the fast path built picocli's model");
        assertTrue(read(name + "-picocli.classes").contains("picocli.CommandLine$Model$CommandSpec"), "the check sees the model");
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void mainPrintsAndExitsAsWithPicocli() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("sep.csv"), "x1,x2,y\n1,2,1\n-1,-2,-1\n2,1,1\n-2,-1,-1\n1.5,1,1\n-1,-1.5,-1\n");
        // a run with a note on stderr and non-ASCII output (‖∇L‖), then a usage error found after parsing (exit 2)
        String[] run = {"train", "--data", "sep.csv", "--label", "y", "--loss", "logistic", "--reduction", "sum", "--lr", "0.1",
            "--steps", "200", "--init", "zeros", "--out", "@out/run"};
        String[] usage = {"train", "--generate", "regression", "--steps", "5", "--batch", "4", "--out", "@out/usage"};
        Process runPicocli = start("run-picocli", true, run);
        Process usageFast = start("usage-fast", false, usage);
        Process usagePicocli = start("usage-picocli", true, usage);
        assertSameProcess("usage", Main.EXIT_USAGE, usageFast, usagePicocli);
        assertTrue(runPicocli.waitFor(120, TimeUnit.SECONDS), "timed out");
        // the same output folder: the report path is printed (the first run's report is replaced)
        Process runFast = start("run-fast", false, run);
        assertSameProcess("run", 0, runFast, runPicocli);
        assertTrue(read("run-fast.out").contains("Report: "), read("run-fast.out"));
        assertTrue(read("usage-fast.err").startsWith("sgdlab: error: --batch 4"), read("usage-fast.err"));
    }
}
