package org.sgdlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes {@link NpyReader} on arbitrary bytes, with the length known (as for a file: the shape is
 * checked against it before allocating) and unknown (as for a stream), then as a matrix and a vector.
 */
class NpyReaderFuzzTest {
    private static final String SRC = "fuzz.npy";

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void npy(byte[] input) throws IOException {
        for (long size : new long[] {input.length, -1}) {
            NpyReader.Npy a = FuzzChecks.typedErrorsOnly(SRC, () -> NpyReader.parse(new ByteArrayInputStream(input), SRC, size));
            if (a != null) {
                for (double v : a.values()) {
                    if (!Double.isFinite(v)) {
                        throw new AssertionError("non-finite value " + v);
                    }
                }
                FuzzChecks.typedErrorsOnly(SRC, () -> NpyReader.matrix(a, SRC));
                FuzzChecks.typedErrorsOnly(SRC, () -> NpyReader.vector(a, SRC));
            }
        }
    }
}
