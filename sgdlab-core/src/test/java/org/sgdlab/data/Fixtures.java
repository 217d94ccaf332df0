package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers for the reader tests. */
final class Fixtures {
    private Fixtures() {}

    /** A committed test resource under /data/ as a file path. */
    static Path resource(String name) {
        URL url = Fixtures.class.getResource("/data/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource /data/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(String resource, Path dir) {
        try {
            return Files.copy(resource(resource), dir.resolve(resource(resource).getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a DataFormatException whose message contains every fragment. */
    static DataFormatException assertDataError(Executable call, String... fragments) {
        DataFormatException e = assertThrows(DataFormatException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
        }
        return e;
    }
}
