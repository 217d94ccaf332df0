package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No user data lost by a report: a file the report did not write is never deleted (the manifest), the user's umask is
 * honoured, and no hidden temporary sibling survives an interrupt (shutdown hook) or a killed process (next write).
 */
class ReportOutputSafetyTest {
    @TempDir
    Path root;

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theManifestListsEveryFileOfTheReport() throws IOException {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        Set<String> listed = new TreeSet<>(Files.readAllLines(out.resolve(ReportWriter.MANIFEST)).stream()
                .filter(l -> !l.startsWith("#")).toList());
        listed.add(ReportWriter.MANIFEST);
        listed.add("");
        assertEquals(listing(out), listed);
    }

    @Test
    void aFileTheReportDidNotWriteIsNeverDeletedAndIsNamed() throws IOException {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        String claim = Fixtures.claims().get(0).id();
        for (Path mine : List.of(out.resolve("notes.txt"), out.resolve(claim).resolve("my-plot.png"))) {
            Files.writeString(mine, "mine");
            Set<String> before = listing(root);
            IOException e = assertThrows(IOException.class, () -> ReportWriter.writeCheck(out, Fixtures.claims(),
                    Fixtures.provenance()));
            assertTrue(e.getMessage().contains(out.relativize(mine).toString().replace('\\', '/')), e.getMessage());
            assertTrue(e.getMessage().contains("did not write"), e.getMessage());
            assertEquals(before, listing(root), "nothing written, nothing deleted");
            assertEquals("mine", Files.readString(mine));
            Files.delete(mine);
        }
        // without the foreign files the report is replaced as before
        ReportWriter.writeCheck(out, Fixtures.claims().subList(0, 1), Fixtures.provenance());
        assertTrue(Files.isRegularFile(out.resolve(ReportWriter.MANIFEST)));
    }

    @Test
    void aReportOfAVersionWithoutManifestIsReplacedOnlyWhenItHoldsItsOwnFiles() throws IOException {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        Files.delete(out.resolve(ReportWriter.MANIFEST)); // as written before the manifest existed
        Files.writeString(out.resolve("thesis.tex"), "mine");
        IOException e = assertThrows(IOException.class, () -> ReportWriter.writeCheck(out, Fixtures.claims(),
                Fixtures.provenance()));
        assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        Files.delete(out.resolve("thesis.tex"));
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        assertTrue(Files.isRegularFile(out.resolve(ReportWriter.MANIFEST)));
    }

    @Test
    void aFolderThatIsNotAReportIsRefusedWithoutWalkingIt() throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve("precious.txt"), "data");
        IOException e = assertThrows(IOException.class, () -> ReportWriter.checkReplaceable(home));
        assertTrue(e.getMessage().contains("precious.txt") && e.getMessage().contains("no previous report"), e.getMessage());
    }

    @Test
    void anOutputUnderAFileOrInAFolderThatTakesNoFilesFailsBeforeWriting() throws IOException {
        Path file = Files.writeString(root.resolve("plain.txt"), "x");
        IOException under = assertThrows(IOException.class, () -> ReportWriter.checkReplaceable(file.resolve("out")));
        assertTrue(under.getMessage().contains("is a file, not a folder"), under.getMessage());
        IOException onFile = assertThrows(IOException.class, () -> ReportWriter.checkReplaceable(file));
        assertTrue(onFile.getMessage().contains("not a folder"), onFile.getMessage());
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux's /proc, a folder that takes no new files");
        IOException ro = assertThrows(IOException.class, () -> ReportWriter.checkReplaceable(proc.resolve("sgdlab-report")));
        assertTrue(ro.getMessage().contains("/proc is not writable"), ro.getMessage());
        assertFalse(ro.getMessage().contains(".tmp-"), "no temporary names in the message: " + ro.getMessage());
        // writing without checkReplaceable first: the same message (the probe runs only when the folder refuses)
        IOException write = assertThrows(IOException.class, () -> ReportWriter.writeRun(proc.resolve("sgdlab-report"), "t",
                Map.of(), List.of(), List.of(), Fixtures.provenance()));
        assertTrue(write.getMessage().contains("/proc is not writable"), write.getMessage());
    }

    @Test
    void aReadOnlyFolderIsRefusedUpFront() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ro = Files.createDirectories(root.resolve("ro"));
        Files.setPosixFilePermissions(ro, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: permissions do not stop writes");
            IOException e = assertThrows(IOException.class, () -> ReportWriter.checkReplaceable(ro.resolve("out")));
            assertTrue(e.getMessage().contains("not writable (permission denied)"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
    }

    @Test
    void filesAndFoldersGetTheUmaskLikeAnyOtherFile() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        // what the umask gives a plain new file and folder here
        Path refFile = Files.createFile(root.resolve("ref.txt"));
        Path refDir = Files.createDirectory(root.resolve("ref.d"));
        Path out = root.resolve("run");
        ReportWriter.writeCheck(out, Fixtures.claims(), Fixtures.provenance());
        assertEquals(Files.getPosixFilePermissions(refDir), Files.getPosixFilePermissions(out), "the report folder");
        assertEquals(Files.getPosixFilePermissions(refDir), Files.getPosixFilePermissions(out.resolve(Fixtures.claims()
                .get(0).id())), "a claim folder");
        for (String f : List.of(ReportWriter.RESULT_JSON, ReportWriter.INDEX_HTML, ReportWriter.MANIFEST)) {
            assertEquals(Files.getPosixFilePermissions(refFile), Files.getPosixFilePermissions(out.resolve(f)), f);
        }
        Assumptions.assumeTrue(Files.getPosixFilePermissions(refFile).contains(PosixFilePermission.GROUP_READ),
                "a umask that lets the group read (e.g. 022) shows the difference to JDK temp files' 0600");
    }

    /** The pid of a process that has exited (for siblings left by a dead process). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        long pid = p.pid();
        Assumptions.assumeFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }

    @Test
    void siblingsOfDeadProcessesAreRemovedByTheNextWriteAndLiveOnesKept() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path stale = Files.createDirectories(root.resolve(".check.tmp-" + dead + "-1a2b"));
        Files.writeString(stale.resolve("half.csv"), "1,2");
        Path staleFile = Files.writeString(root.resolve(".check.tmp-" + dead + "-77"), "half");
        Path legacy = Files.createDirectories(root.resolve(".check.tmp-123456789"));
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(7200)));
        Path recentLegacy = Files.createDirectories(root.resolve(".check.tmp-987654321"));
        Path alive = Files.createDirectories(root.resolve(".check.tmp-" + live + "-ff"));
        Path other = Files.createDirectories(root.resolve(".other.tmp-" + dead + "-1"));
        ReportWriter.writeCheck(root.resolve("check"), Fixtures.claims(), Fixtures.provenance());
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleFile));
        assertFalse(Files.exists(legacy));
        assertTrue(Files.exists(recentLegacy), "a recent sibling of an older version may be in use");
        assertTrue(Files.exists(alive), "a live process's sibling is left alone");
        assertTrue(Files.exists(other), "only the siblings of this output");
    }

    @Test
    void aBackupStrandedByAKilledSwapIsPutBack() throws Exception {
        Path out = root.resolve("check");
        ReportWriter.writeCheck(out, Fixtures.claims().subList(0, 1), Fixtures.provenance());
        Path backup = root.resolve(".check.old-" + deadPid() + "-5");
        Files.move(out, backup); // killed after the first rename of the swap
        TempOutputs.cleanStale(out.toAbsolutePath());
        assertTrue(Files.isRegularFile(out.resolve(ReportWriter.RESULT_JSON)));
        assertFalse(Files.exists(backup));
    }

    /** True if process {@code pid} ignores SIGINT (Linux: bit 1 of SigIgn in /proc/PID/status; false elsewhere). */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String l : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    @Test
    void sigintWhileWritingLeavesNoTemporaryFolder() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "needs kill(1) to send SIGINT");
        Path out = root.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                InterruptedWriteMain.class.getName(), out.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertEquals("writing", line, "the child started writing");
            // a process started as a background job of a shell without job control (e.g. `nohup cmd &`) inherits SIGINT
            // as ignored, and the JVM keeps an ignored SIGINT ignored: there is then no SIGINT to test
            Assumptions.assumeFalse(ignoresSigint(child.pid()), "SIGINT is ignored in this process tree (inherited from a "
                    + "background job): the JVM does not handle it, so an interrupt cannot be sent");
            Thread.sleep(400); // in the middle of the writes (each report takes tens of milliseconds)
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child exits on SIGINT");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(130, child.exitValue(), "killed by SIGINT");
        try (Stream<Path> s = Files.list(root)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), left, "hidden temporary or backup siblings left behind");
        }
        if (Files.exists(out)) { // the last complete report, never half of one
            assertTrue(Files.isRegularFile(out.resolve(ReportWriter.MANIFEST)), listing(out).toString());
        }
    }
}
