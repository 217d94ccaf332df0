package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./sgdlab}, run in a scratch copy of the repository's layout with a stand-in {@code java}
 * that prints its arguments: it passes the commit (and "-dirty" when a tracked file differs from it) for the
 * provenance, runs the JVM options the command needs (check: no profiled loop predicates; a collector in SGDLAB_JAVA_OPTS replaces its own: the JVM refuses
 * two), and rebuilds only when a POM or a main source is newer than the jar (here the rebuild fails at once: the scratch root has no Maven wrapper, which is how the test sees it tried).
 */
class LauncherScriptTest {

    @TempDir
    Path root;

    private Path javaHome;

    @BeforeEach
    void scratchRepository() throws Exception {
        assumeTrue(runs("git", "--version") && runs("bash", "--version"), "needs git and bash on the PATH");
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("sgdlab");
        assumeTrue(Files.isRegularFile(launcher), "launcher not found at " + launcher);
        Files.copy(launcher, root.resolve("sgdlab"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path main = Files.createDirectories(root.resolve("sgdlab-core/src/main/java"));
        Files.writeString(root.resolve("sgdlab-core/pom.xml"), "<project/>\n");
        Files.writeString(main.resolve("A.java"), "class A {}\n");
        Path test = Files.createDirectories(root.resolve("sgdlab-core/src/test/java"));
        Files.writeString(test.resolve("ATest.java"), "class ATest {}\n");
        Files.writeString(root.resolve(".gitignore"), "target/\n");
        git("init", "-q");
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "scratch");
        Path jar = Files.createDirectories(root.resolve("sgdlab-cli/target")).resolve("sgdlab.jar");
        Files.writeString(jar, "not a jar");
        Instant past = Instant.now().minusSeconds(3600);
        for (Path p : List.of(root.resolve("pom.xml"), root.resolve("sgdlab-core/pom.xml"), main.resolve("A.java"),
                test.resolve("ATest.java"))) {
            Files.setLastModifiedTime(p, FileTime.from(past));
        }
        // older than any file the tests write next (file times can be as coarse as a clock tick)
        Files.setLastModifiedTime(jar, FileTime.from(past.plusSeconds(1800)));
        javaHome = Files.createDirectories(root.resolve("jdk/bin")).getParent();
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"ARG $a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"17.0.99\"\n");
    }

    @Test
    void passesTheCommitAndMarksADirtyTree() throws Exception {
        String head = git("rev-parse", "--short=12", "HEAD").trim();
        Result clean = launch("train", "--steps", "1");
        assertEquals(0, clean.code, clean.output);
        assertTrue(clean.output.contains("ARG -Dsgdlab.commit=" + head + "\n"), clean.output);
        assertTrue(clean.output.contains("ARG --add-modules\nARG jdk.incubator.vector\n"), clean.output);
        assertTrue(clean.output.contains("ARG train\nARG --steps\nARG 1\n"), clean.output);

        Files.writeString(root.resolve(".gitignore"), "target/\njdk/\n"); // a tracked file changed: dirty
        Result dirty = launch("--version");
        assertTrue(dirty.output.contains("ARG -Dsgdlab.commit=" + head + "-dirty\n"), dirty.output);
        assertTrue(dirty.output.contains("ARG -XX:TieredStopAtLevel=1\n"), dirty.output);
    }

    @Test
    void anUntrackedOrTestFileDoesNotRebuildButAMainSourceDoes() throws Exception {
        Files.writeString(root.resolve("sgdlab-core/src/test/java/ATest.java"), "class ATest { }\n");
        Files.writeString(root.resolve("notes.txt"), "untracked\n");
        Result quiet = launch("--version");
        assertEquals(0, quiet.code, quiet.output);
        assertTrue(!quiet.output.contains("building the command line"), quiet.output);

        Files.writeString(root.resolve("sgdlab-core/src/main/java/A.java"), "class A { }\n");
        Result rebuild = launch("--version");
        assertTrue(rebuild.output.contains("building the command line"), rebuild.output);
        assertTrue(rebuild.code != 0, "no Maven wrapper in the scratch root, so the build must fail: " + rebuild.output);
    }

    @Test
    void aCollectorChosenInTheUsersOptionsReplacesTheLaunchersOwn() throws Exception {
        Result plain = launch("--version");
        assertTrue(plain.output.contains("ARG -XX:+UseParallelGC\n"), plain.output);
        Result serial = launchWith("-Xmx1g -XX:+UseSerialGC", "train", "--steps", "1");
        assertEquals(0, serial.code, serial.output);
        assertTrue(serial.output.contains("ARG -Xmx1g\nARG -XX:+UseSerialGC\n"), serial.output);
        assertTrue(!serial.output.contains("UseParallelGC"), "the JVM refuses two collectors: " + serial.output);
        Result heapOnly = launchWith("-Xmx1g", "--version");
        assertTrue(heapOnly.output.contains("ARG -XX:+UseParallelGC\n") && heapOnly.output.contains("ARG -Xmx1g\n"),
                heapOnly.output);
    }

    @Test
    void checkRunsWithoutProfiledLoopPredicatesAndTheUsersOptionsComeAfter() throws Exception {
        String flag = "ARG -XX:-UseProfiledLoopPredicate\n";
        Result check = launch("check", "--quick");
        assertEquals(0, check.code, check.output);
        assertTrue(check.output.contains(flag), check.output);
        assertTrue(!launch("train", "--steps", "1").output.contains(flag), "only check: a JIT flag measured there");
        Result back = launchWith("-XX:+UseProfiledLoopPredicate", "check", "--quick");
        int off = back.output.indexOf(flag);
        int on = back.output.indexOf("ARG -XX:+UseProfiledLoopPredicate\n");
        assertTrue(off >= 0 && on > off, "the user's option must come later and win: " + back.output);
    }

    @Test
    void outsideAGitRepositoryTheCommitIsUnknown() throws Exception {
        deleteTree(root.resolve(".git"));
        Result r = launch("--version");
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("ARG -Dsgdlab.commit=unknown\n"), r.output);
    }

    private record Result(int code, String output) {}

    private Result launch(String... args) throws Exception {
        return launchWith(null, args);
    }

    /** Runs the launcher with SGDLAB_JAVA_OPTS = {@code javaOpts} (unset when null). */
    private Result launchWith(String javaOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("sgdlab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("SGDLAB_CDS", "0");
        pb.environment().remove("SGDLAB_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("SGDLAB_JAVA_OPTS", javaOpts);
        }
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("SGDLAB_BLAS");
        pb.environment().put("GIT_CEILING_DIRECTORIES", root.getParent().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish: " + out);
        return new Result(p.exitValue(), out);
    }

    private String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + String.join(" ", args) + ": " + out);
        return out;
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
