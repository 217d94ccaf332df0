package org.sgdlab.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the memory-mapped readers, which need a file: the bytes are written to one temporary file
 * and read as an SGDLABD1 file ({@link MappedDataset}) or, when they start like a .npy file, by
 * {@link MappedRows#npy}; chunks of at most 64 bytes so that small inputs span several mappings.
 * Every mapped value is read back ({@link MappedRows#requireFinite()}).
 */
class MappedDatasetFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        dir = Files.createTempDirectory("sgdlab-fuzz");
        file = dir.resolve("fuzz.bin");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void sgdlabBinary(byte[] input) throws IOException {
        Files.write(file, input);
        String src = file.toString();
        boolean npy = input.length > 0 && (input[0] & 0xFF) == 0x93;
        MappedRows rows = FuzzChecks.typedErrorsOnly(src, () -> npy ? MappedRows.npy(file, 64)
                : MappedDataset.sgdlabBinary(file, 64).x());
        if (rows != null) {
            FuzzChecks.typedErrorsOnly(src, rows::requireFinite);
        }
    }
}
