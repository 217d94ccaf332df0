package org.sgdlab.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden siblings an atomic write goes through ({@code .<name>.tmp-<pid>-<random>} while the output is built,
 * {@code .<name>.old-<pid>-<random>} for the previous output while it is swapped), and their cleanup:
 * <ul>
 *   <li>on interrupt: a shutdown hook (run on SIGINT, SIGTERM and {@link System#exit}) deletes every temporary sibling
 *       of this process still in use and moves a backup back where it came from if the new output is not in place;</li>
 *   <li>on the next start: {@link #cleanStale} deletes the siblings of processes that are no longer alive (the pid is
 *       in the name) before a new write to the same place, restoring a stranded backup when the output is missing
 *       (a process killed with SIGKILL between the two renames of a swap).</li>
 * </ul>
 * Siblings are created with {@link Files#createDirectory} / {@link Files#createFile} without explicit permissions, so
 * they get the user's umask like every other file a tool writes (not the 0700 / 0600 of JDK temporary files).
 *
 * <p>Callers that rename or delete registered paths hold {@link #LOCK}, which the hook also takes, so the hook never
 * runs in the middle of a swap.
 */
public final class TempOutputs {
    /** Held by a swap of registered paths and by the shutdown hook. */
    public static final Object LOCK = new Object();

    private static final long PID = ProcessHandle.current().pid();
    /** Registered paths → the place to move them back to on interrupt (null: delete them). */
    private static final Map<Path, Path> LIVE = new LinkedHashMap<>();
    /** Sibling names of older versions ({@code .<name>.tmp-<digits>}) without a pid: removed once this old. */
    private static final Duration LEGACY_AGE = Duration.ofHours(1);
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private TempOutputs() {
    }

    /** Creates and registers an empty directory {@code .<name>.tmp-<pid>-<random>} in {@code parent}. */
    public static Path createDirectory(Path parent, String name) throws IOException {
        return createRegistered(parent, name, true);
    }

    /** Creates and registers an empty file {@code .<name>.tmp-<pid>-<random>} in {@code parent}. */
    public static Path createFile(Path parent, String name) throws IOException {
        return createRegistered(parent, name, false);
    }

    /** A new empty directory or file with a fresh temporary sibling name, registered for the hook. */
    private static Path createRegistered(Path parent, String name, boolean directory) throws IOException {
        synchronized (LOCK) {
            requireRunning();
            installHook();
            for (int attempt = 0; ; attempt++) {
                Path p = parent.resolve(siblingName(name, "tmp"));
                try {
                    if (directory) {
                        Files.createDirectory(p);
                    } else {
                        Files.createFile(p);
                    }
                    LIVE.put(p, null);
                    return p;
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) { // random names: a hundred clashes in a row means something else is wrong
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Moves {@code original} aside to a registered backup {@code .<name>.old-<pid>-<random>} that the hook moves back if
     * the process is interrupted before {@link #release} (call while holding {@link #LOCK}).
     */
    public static Path moveAside(Path original) throws IOException {
        synchronized (LOCK) {
            requireRunning();
            installHook();
            Path backup;
            do {
                backup = original.resolveSibling(siblingName(original.getFileName().toString(), "old"));
            } while (Files.exists(backup, LinkOption.NOFOLLOW_LINKS));
            move(original, backup);
            LIVE.put(backup, original);
            return backup;
        }
    }

    /** Forgets {@code p} (it was renamed into place, or is about to be deleted by the caller). */
    public static void release(Path p) {
        synchronized (LOCK) {
            LIVE.remove(p);
        }
    }

    /** Deletes {@code p} (a file or a folder tree) and forgets it. */
    public static void delete(Path p) throws IOException {
        release(p);
        deleteTree(p);
    }

    /** Fails once the JVM is shutting down, so that no new output is swapped in after the hook cleaned up. */
    public static void requireRunning() throws IOException {
        synchronized (LOCK) {
            if (shuttingDown) {
                throw new IOException("interrupted: the output was not written");
            }
        }
    }

    /**
     * Removes the siblings of {@code target} ({@code .<name>.tmp-*}, {@code .<name>.old-*}) left by processes that are no
     * longer alive; a stranded backup is moved back to {@code target} when {@code target} is missing. Siblings of live
     * processes (a concurrent write) and this process's registered ones are left alone. Best effort: a sibling that
     * cannot be removed is skipped.
     */
    public static void cleanStale(Path target) {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        Pattern current = Pattern.compile("\\." + Pattern.quote(name) + "\\.(tmp|old)-(\\d+)-[0-9a-f]+");
        // older versions: ReportWriter's .name.tmp-<digits>, .name.old-<digits>; AtomicFiles' .name<digits>.tmp
        Pattern legacy = Pattern.compile("\\." + Pattern.quote(name) + "(\\.(tmp|old)-\\d+|\\d+\\.tmp)");
        synchronized (LOCK) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + escapeGlob(name) + "*")) {
                for (Path p : ds) {
                    String f = p.getFileName().toString();
                    Matcher m = current.matcher(f);
                    boolean stale;
                    boolean backup;
                    if (m.matches()) {
                        long pid = Long.parseLong(m.group(2));
                        stale = pid == PID ? !LIVE.containsKey(p) : ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
                        backup = m.group(1).equals("old");
                    } else if (legacy.matcher(f).matches()) {
                        FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                        stale = t.toInstant().isBefore(Instant.now().minus(LEGACY_AGE));
                        backup = f.startsWith("." + name + ".old-");
                    } else {
                        continue;
                    }
                    if (!stale) {
                        continue;
                    }
                    try {
                        if (backup && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                            move(p, target);
                        } else {
                            deleteTree(p);
                        }
                    } catch (IOException | RuntimeException e) {
                        // best effort: a sibling that cannot be removed now is tried again next time
                    }
                }
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }
    }

    private static String escapeGlob(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    private static String siblingName(String name, String kind) {
        return "." + name + "." + kind + "-" + PID + "-" + Long.toHexString(
                // the pid makes a name unique among processes; the random part only among this process's outputs, which
                // does not need a cryptographic generator (SecureRandom's set-up cost 20 ms of a short run's start)
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempOutputs::cleanUpNow, "sgdlab-temp-cleanup"));
            hookInstalled = true;
        }
    }

    /** The shutdown hook: restores backups whose original is missing and deletes every other registered path. */
    static void cleanUpNow() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Map.Entry<Path, Path> e : LIVE.entrySet()) {
                Path p = e.getKey();
                Path restoreTo = e.getValue();
                try {
                    if (restoreTo != null && !Files.exists(restoreTo, LinkOption.NOFOLLOW_LINKS)) {
                        move(p, restoreTo);
                    } else {
                        // the main thread may still be writing files into it: retry a few times
                        for (int attempt = 0; ; attempt++) {
                            try {
                                deleteTree(p);
                                break;
                            } catch (IOException ex) {
                                if (attempt >= 20) {
                                    throw ex;
                                }
                                Thread.sleep(5);
                            }
                        }
                    }
                } catch (IOException | RuntimeException | InterruptedException ex) {
                    // nothing more can be done while the JVM exits; cleanStale removes it on the next start
                }
            }
            LIVE.clear();
        }
    }

    /** Why a file could not be created, in words (for "the folder … is not writable (why)"). */
    public static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not accept new files";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** True while {@code p} is registered (tests). */
    static boolean isLive(Path p) {
        synchronized (LOCK) {
            return LIVE.containsKey(p);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a file or a folder tree without following symbolic links; absent is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
