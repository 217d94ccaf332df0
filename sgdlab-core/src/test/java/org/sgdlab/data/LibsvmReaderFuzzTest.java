package org.sgdlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes {@link LibsvmReader} on arbitrary bytes: indices detected, 1-based with a fixed dimension,
 * and 0-based. The dense limit is lowered to 2²⁰ entries so that a 10-byte input cannot ask for the
 * default 400 MB (which it may: that is the documented cap, not a bug) and slow the fuzzer down.
 */
class LibsvmReaderFuzzTest {
    private static final String SRC = "fuzz.svm";
    private static final LibsvmReader.Options[] OPTIONS = {
        new LibsvmReader.Options(0, 1 << 20, LibsvmReader.IndexBase.AUTO),
        new LibsvmReader.Options(3, 1 << 20, LibsvmReader.IndexBase.ONE),
        new LibsvmReader.Options(0, 1 << 20, LibsvmReader.IndexBase.ZERO),
    };

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void libsvm(byte[] input) throws IOException {
        for (LibsvmReader.Options o : OPTIONS) {
            LibsvmReader.Result r = FuzzChecks.typedErrorsOnly(SRC,
                    () -> LibsvmReader.read(new ByteArrayInputStream(input), SRC, o));
            if (r != null) {
                FuzzChecks.checkDataset(r.data());
                r.note();
            }
        }
    }
}
