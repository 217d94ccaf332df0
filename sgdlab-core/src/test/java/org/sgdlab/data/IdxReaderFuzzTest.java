package org.sgdlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.sgdlab.linalg.Matrix;

/**
 * Fuzzes {@link IdxReader} on arbitrary bytes: images and labels from a stream (gzip detected), and
 * every other row from data of known length (as for a file).
 */
class IdxReaderFuzzTest {
    private static final String SRC = "fuzz.idx";

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void idx(byte[] input) throws IOException {
        Matrix m = FuzzChecks.typedErrorsOnly(SRC, () -> IdxReader.readImages(new ByteArrayInputStream(input), SRC));
        if (m != null) {
            FuzzChecks.checkFinite(m);
        }
        FuzzChecks.typedErrorsOnly(SRC, () -> IdxReader.readLabels(new ByteArrayInputStream(input), SRC));
        IdxReader.Idx half = FuzzChecks.typedErrorsOnly(SRC,
                () -> IdxReader.parse(SRC, new ByteArrayInputStream(input), r -> r % 2 == 0, input.length));
        if (half != null) {
            FuzzChecks.checkFinite(half.matrix());
        }
    }
}
