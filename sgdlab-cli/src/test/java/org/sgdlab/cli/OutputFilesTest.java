package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands leave on disk: the umask, no hidden siblings, no file deleted that sgdlab did not write. */
class OutputFilesTest {
    @TempDir
    Path dir;

    private Set<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void generateWritesWithTheUmaskAndLeavesNoSibling() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ref = Files.createFile(dir.resolve("ref")); // what the umask gives a new file here
        Path csv = dir.resolve("g.csv");
        CliTest.Result r = CliTest.run("generate", "separable", "--n", "6", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.getPosixFilePermissions(ref), Files.getPosixFilePermissions(csv));
        assertEquals(Set.of("ref", "g.csv"), names());
        assertEquals(7, Files.readAllLines(csv).size(), "header and 6 rows");
    }

    @Test
    void aSiblingLeftByAKilledWriteIsRemovedByTheNextOne() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        Assumptions.assumeFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
        Files.writeString(dir.resolve(".g.csv.tmp-" + p.pid() + "-ab12"), "half a file");
        CliTest.Result r = CliTest.run("generate", "separable", "--n", "6", "--out", dir.resolve("g.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of("g.csv"), names());
    }

    @Test
    void checkRefusesAnUnusableOutBeforeAnyClaimRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        for (String out : List.of(file.resolve("report").toString(), "/proc/sgdlab-check")) {
            if (out.startsWith("/proc") && !Files.isDirectory(Path.of("/proc/self"))) {
                continue;
            }
            CliTest.Result r = CliTest.run("check", "--out", out); // every claim at the full budget, were it to start
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("sgdlab: error: cannot write the report to " + out), r.err());
            assertFalse(r.console().contains("claim"), "no claim ran: " + r.console());
        }
    }

    @Test
    void trainNeverDeletesAFileItDidNotWrite() throws IOException {
        Path out = dir.resolve("run");
        String[] args = {"train", "--generate", "regression", "--n", "4", "--d", "8", "--steps", "5", "--lr", "0.01", "--probes",
            "loss", "--out", out.toString()};
        assertEquals(0, CliTest.run(args).code());
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliTest.Result refused = CliTest.run(args);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("notes.txt") && refused.err().contains("did not write"), refused.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(Set.of("run"), names(), "no sibling left");
        Files.delete(out.resolve("notes.txt"));
        assertEquals(0, CliTest.run(args).code(), "a report replaces its own earlier files");
    }
}
