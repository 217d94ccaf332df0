package org.sgdlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes {@link CsvReader} on arbitrary bytes with the default options (header and delimiter
 * detected) and two fixed others. Regression inputs: {@code CsvReaderFuzzTestInputs/csv/} (run by the
 * default tests); fuzzing: {@code JAZZER_FUZZ=1} (see CONTRIBUTING.md, "Fuzzing the readers").
 */
class CsvReaderFuzzTest {
    private static final String SRC = "fuzz.csv";
    private static final CsvReader.Options[] OPTIONS = {
        CsvReader.Options.defaults(),
        CsvReader.Options.defaults().withHeader(CsvReader.Header.ABSENT).withLabel("1"),
        CsvReader.Options.defaults().withHeader(CsvReader.Header.PRESENT).withDelimiter(CsvReader.WHITESPACE).withLabel("y"),
    };

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void csv(byte[] input) throws IOException {
        for (CsvReader.Options o : OPTIONS) {
            CsvReader.Table t = FuzzChecks.typedErrorsOnly(SRC,
                    () -> CsvReader.readTable(new ByteArrayInputStream(input), SRC, o));
            if (t != null) {
                FuzzChecks.checkDataset(t.data());
                t.layout().describe();
            }
        }
    }
}
