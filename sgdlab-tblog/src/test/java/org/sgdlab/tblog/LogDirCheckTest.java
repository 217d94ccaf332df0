package org.sgdlab.tblog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunLog#requireUsable}: a bad --log-dir fails before a run, naming the option, the folder and the reason. */
class LogDirCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aNewOrEmptyFolderIsUsableAndNothingIsCreated() throws IOException {
        assertDoesNotThrow(() -> RunLog.requireUsable(tmp.resolve("a/b/c"), "--log-dir"));
        assertTrue(Files.notExists(tmp.resolve("a")));
        try (var s = Files.list(tmp)) {
            assertTrue(s.findAny().isEmpty(), "the write probe is removed");
        }
    }

    @Test
    void aFolderUnderAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLog.requireUsable(file.resolve("logs"), "--log-dir"));
        assertTrue(e.getMessage().startsWith("--log-dir " + file.resolve("logs")), e.getMessage());
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunLog.requireUsable(Path.of(""), "--log-dir"));
        assertTrue(e.getMessage().contains("--log-dir"), e.getMessage());
    }

    @Test
    void aFolderWithEventFilesIsRefused() throws IOException {
        try (EventWriter w = EventWriter.create(tmp.resolve("runs/claim-a"))) {
            w.scalar("x", 0, 1);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLog.requireUsable(tmp.resolve("runs"), "--log-dir"));
        assertTrue(e.getMessage().contains("already holds TensorBoard event files (claim-a/events.out.tfevents."), e.getMessage());
    }
}
