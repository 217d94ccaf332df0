package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.sgdlab.linalg.Matrix;

/**
 * What every reader fuzz test checks (issue 12, §3): a reader either returns data that keep its
 * documented promises or fails with sgdlab's typed input error, {@link DataFormatException} (or its
 * subclass {@link DataFileException}), whose message starts with the source's name. Any other
 * exception or error escapes to Jazzer and is a finding, i.e. a reader bug.
 */
final class FuzzChecks {
    private FuzzChecks() {}

    /** A read that may throw only the typed error (an {@link IOException} from an in-memory stream is a bug too). */
    interface Read<T> {
        T run() throws IOException;
    }

    /** The result of {@code read}, or null if it failed with a typed error naming {@code src}. */
    static <T> T typedErrorsOnly(String src, Read<T> read) throws IOException {
        try {
            return read.run();
        } catch (DataFormatException e) {
            String m = e.getMessage();
            assertNotNull(m);
            assertTrue(m.startsWith(src + ": "), () -> "the typed error does not start with the source name: " + m);
            assertEquals(src, e.source());
            return null;
        }
    }

    /** Every value finite (readers reject NaN and infinities), the shape consistent. */
    static void checkDataset(Dataset d) {
        assertEquals(d.n(), d.y().length);
        assertTrue(d.n() >= 1, "a dataset read from a file has at least one sample");
        checkFinite(d.x());
        for (double v : d.y()) {
            assertTrue(Double.isFinite(v), "non-finite label " + v);
        }
    }

    static void checkFinite(Matrix m) {
        assertEquals((long) m.rows() * m.cols(), m.data().length);
        for (double v : m.data()) {
            assertTrue(Double.isFinite(v), "non-finite value " + v);
        }
    }
}
