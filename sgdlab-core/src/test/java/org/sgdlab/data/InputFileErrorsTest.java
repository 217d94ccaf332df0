package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, §3: a file that cannot be used at all (missing, a directory, unreadable, a missing
 * companion file, a header whose sizes do not fit in memory) is a {@link DataFileException} whose
 * one-line message names the file, for every reader; never an UncheckedIOException, a
 * NoSuchFileException, a NegativeArraySizeException or an OutOfMemoryError.
 */
class InputFileErrorsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("a.csv", (Function<Path, Object>) CsvReader::read),
                Arguments.of("a.svm", (Function<Path, Object>) LibsvmReader::read),
                Arguments.of("a.npy", (Function<Path, Object>) NpyReader::readMatrix),
                Arguments.of("a.idx", (Function<Path, Object>) IdxReader::readImages),
                Arguments.of("a.bin", (Function<Path, Object>) MappedDataset::open),
                Arguments.of("b.npy", (Function<Path, Object>) MappedRows::npy),
                Arguments.of("c.csv", (Function<Path, Object>) f -> DataFiles.read(f, null)),
                Arguments.of("c.txt", (Function<Path, Object>) f -> DataFiles.read(f, null)),
                Arguments.of("c.npy", (Function<Path, Object>) f -> DataFiles.read(f, null)),
                Arguments.of("c-images-idx3-ubyte", (Function<Path, Object>) f -> DataFiles.read(f, null)));
    }

    /** Asserts that reading {@code file} fails with a one-line {@link DataFileException} that starts with its name. */
    private static DataFileException assertFileError(Path file, Function<Path, Object> read, String... fragments) {
        DataFileException e = assertThrows(DataFileException.class, () -> read.apply(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), m);
        assertEquals(file.toString(), e.source());
        assertEquals(-1, m.indexOf('\n'), "one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message lacks \"" + f + "\": " + m);
        }
        return e;
    }

    @ParameterizedTest
    @MethodSource("readers")
    void missingFile(String name, Function<Path, Object> read) {
        assertFileError(dir.resolve(name), read, "cannot open", "no such file");
        assertFileError(dir.resolve("gone").resolve(name), read, "no such file", "(folder " + dir.resolve("gone") + " does not exist)");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void directory(String name, Function<Path, Object> read) throws IOException {
        assertFileError(Files.createDirectory(dir.resolve(name)), read, "cannot open", "is a directory, not a data file");
    }

    @Test
    void unreadableFileIsNamedWhateverTheUser() {
        // the permission check itself cannot be exercised as root (the CI user); the mapping of the JDK's exception can
        Path f = dir.resolve("locked.csv");
        DataFileException e = DataInputs.openFailure(f, new AccessDeniedException(f.toString()), "");
        assertEquals(f + ": cannot open: permission denied: the file is not readable", e.getMessage());
        assertEquals(f + ": cannot open: no such file",
                DataInputs.openFailure(f, new NoSuchFileException(f.toString()), "").getMessage());
    }

    @Test
    void missingCompanionFilesAreNamed() {
        Path x = Fixtures.copy("npy/pair_X.npy", dir);
        Path y = dir.resolve("pair_y.npy");
        assertFileError(y, f -> DataFiles.read(x, null), "cannot open: no such file", "(the targets of " + x + " are read from it");
        assertFileError(y, f -> MappedDataset.open(x), "cannot open: no such file", "the targets of " + x);
        Path images = Fixtures.copy("idx/tiny-images-idx3-ubyte", dir);
        assertFileError(dir.resolve("tiny-labels-idx1-ubyte"), f -> DataFiles.read(images, null), "cannot open: no such file",
                "the labels of " + images);
        assertFileError(dir.resolve("my-labels"), f -> DataFiles.read(images, "my-labels"), "cannot open: no such file",
                "the labels file given as the label column");
    }

    @Test
    void npyShapesBeyondAnArrayAreNamedBeforeAllocating() {
        Path big = Fixtures.write(dir, "big.npy", NpyReaderTest.npy(1, NpyReaderTest.hdr("<f8", false, "(100000, 100000)"), new byte[0]));
        DataFileException e = assertFileError(big, NpyReader::readMatrix, "array too large: shape (100000, 100000)",
                "= 10000000000 values", "memory-map");
        assertEquals("header", e.location());
        Path huge = Fixtures.write(dir, "huge.npy",
                NpyReaderTest.npy(1, NpyReaderTest.hdr("<f8", false, "(4294967296, 4294967296, 4294967296)"), new byte[0]));
        assertFileError(huge, NpyReader::readMatrix, "more than 2^63");
        // a zero dimension does not excuse another that alone exceeds an array
        Path zero = Fixtures.write(dir, "zero.npy", NpyReaderTest.npy(1, NpyReaderTest.hdr("<f8", false, "(0, 3000000000)"), new byte[0]));
        assertFileError(zero, NpyReader::readMatrix, "array too large: shape (0, 3000000000) of <f8: a dimension of 3000000000");
    }

    @Test
    void aMappedNpyHeaderCannotSizeAnArrayBeforeTheFileIsChecked() {
        // one row per 1 GB chunk: 2^31 - 1 chunk references were allocated before the size check (OutOfMemoryError)
        Path f = Fixtures.write(dir, "huge.npy", NpyReaderTest.npy(1, NpyReaderTest.hdr("<f8", false, "(2147483647, 134217728)"),
                new byte[8]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MappedRows.npy(f));
        assertTrue(e.getMessage().contains("file ends early: 2147483647 × 134217728 doubles"), e.getMessage());
    }

    @Test
    void idxDimensionsBeyondAnArrayAreNamedBeforeAllocating() {
        ByteBuffer b = ByteBuffer.allocate(4 + 12).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0, 0, 0x08, 3}).putInt(70000).putInt(70000).putInt(28);
        Path f = Fixtures.write(dir, "big-images-idx3-ubyte", b.array());
        assertFileError(f, IdxReader::readImages, "data too large: dimensions [70000, 70000", "more than an in-memory array");
    }

    @Test
    void sgdlabBinarySizesThatOverflowALongAreAShapeMismatch() {
        ByteBuffer b = ByteBuffer.allocate(24 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MappedDataset.SGDLAB_MAGIC).putLong(Integer.MAX_VALUE - 9L).putLong(Integer.MAX_VALUE);
        Path f = Fixtures.write(dir, "big.bin", b.array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> MappedDataset.open(f));
        assertTrue(e.getMessage().contains("file size 40 does not match the header's 2147483638 × 2147483647 (more than 2^63 bytes)"),
                e.getMessage());
    }

    @Test
    void aTableLargerThanTheLimitIsAFileErrorNamingTheLine() {
        Path f = Fixtures.write(dir, "t.csv", "1,2,3\n4,5,6\n");
        assertInstanceOf(DataFileException.class, assertThrows(DataFormatException.class,
                () -> CsvReader.read(f, CsvReader.Options.defaults().withMaxEntries(3))));
    }
}
