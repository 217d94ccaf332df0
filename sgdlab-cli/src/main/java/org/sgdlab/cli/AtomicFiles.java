package org.sgdlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.sgdlab.report.TempOutputs;

/**
 * Writes a file through a hidden sibling ({@code .<name>.tmp-<pid>-*}) and a rename, so a failure or an interrupt never
 * leaves half a file behind: the sibling is deleted on failure, by a shutdown hook on SIGINT/SIGTERM, and (when the JVM
 * was killed outright) by the next write to the same place. The file gets the user's umask.
 */
final class AtomicFiles {
    /** What to write: the content, streamed to {@code out} (so a large CSV is never held in memory as one string). */
    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void writeString(Path target, String content) throws IOException {
        write(target, w -> w.write(content));
    }

    static void write(Path target, Body body) throws IOException {
        checkWritable(target);
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        TempOutputs.cleanStale(abs);
        Path tmp = TempOutputs.createFile(dir, abs.getFileName().toString());
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.writeTo(w);
            }
            synchronized (TempOutputs.LOCK) {
                TempOutputs.requireRunning();
                if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(target + " is a folder; give a file name");
                }
                try {
                    Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                TempOutputs.release(tmp);
            }
        } finally {
            TempOutputs.delete(tmp);
        }
    }

    /**
     * Fails with a readable message unless {@code target} can be written: it is not a folder, and the nearest existing
     * folder on its path is a folder that accepts a new file (probed by creating and deleting a hidden file). Commands
     * call it before they compute, so a bad --out fails at once and leaves nothing behind.
     */
    static void checkWritable(Path target) throws IOException {
        if (target.toString().isEmpty()) {
            throw new IOException("the output file is an empty path; give a file name");
        }
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw new IOException("cannot write to " + target + ": give a file name");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write to " + target + ": it is a folder; give a file name");
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs)) {
            throw new IOException("cannot write to " + target + ": it exists and is not a regular file");
        }
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("cannot write to " + target + ": no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException("cannot write to " + target + ": " + existing + " is a file, not a folder");
        }
        Path probe;
        try {
            probe = TempOutputs.createFile(existing, abs.getFileName().toString());
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot write to " + target + ": the folder " + existing + " is not writable ("
                    + TempOutputs.reason(e) + ")");
        }
        TempOutputs.delete(probe);
    }
}
