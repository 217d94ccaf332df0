package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sgdlab.data.Fixtures.assertDataError;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LibsvmReaderTest {
    @TempDir
    Path dir;

    private static final String OK = "# header comment\n+1 1:0.5 3:2 # trailing comment\n\n-1 qid:3 2:1.5\t3:-1e-2\n1\n";

    @Test
    void readsSparseLinesIntoDenseRows() {
        Path f = Fixtures.write(dir, "ok.svm", OK);
        Dataset d = LibsvmReader.read(f);
        assertEquals(3, d.n());
        assertEquals(3, d.d());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, 1.5, -0.01, 0, 0, 0}, d.x().data());
        assertArrayEquals(new double[] {1, -1, 1}, d.y());
    }

    @Test
    void givenDimensionPadsWithZeros() {
        Path f = Fixtures.write(dir, "ok.svm", OK);
        Dataset d = LibsvmReader.read(f, 5);
        assertEquals(5, d.d());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, 0}, d.x().row(0));
        assertDataError(() -> LibsvmReader.read(f, 2), f.toString(), "line 2", "\"3:2\"", "dimension 2");
    }

    @Test
    void denseLimit() {
        Path f = Fixtures.write(dir, "big.svm", OK);
        assertDataError(() -> LibsvmReader.read(f, new LibsvmReader.Options(5, 10)), f.toString(), "3 samples × 5 features",
                "15", "limit of 10");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("1 1:0.5\n1 1:0.5 x\n", new String[] {"line 2", "bad token \"x\""}),
                Arguments.of("1 2:1 2:3\n", new String[] {"line 1", "\"2:3\"", "strictly increasing"}),
                Arguments.of("\n\n1 3:1 2:1\n", new String[] {"line 3", "\"2:1\"", "previous index 3"}),
                Arguments.of("1 -2:1\n", new String[] {"line 1", "\"-2:1\"", "negative"}),
                Arguments.of("1 qid:x 1:1\n", new String[] {"line 1", "\"qid:x\"", "query id"}),
                Arguments.of("# Column indices are one-based\n1 1:1\n1 0:1\n", new String[] {"line 3", "index 0", "line 1"}),
                Arguments.of("1 a:1\n", new String[] {"line 1", "\"a:1\"", "bad feature index"}),
                Arguments.of("1 :5\n", new String[] {"line 1", "\":5\""}),
                Arguments.of("1 5:\n", new String[] {"line 1", "\"5:\""}),
                Arguments.of("1 1:abc\n", new String[] {"line 1", "\"1:abc\"", "\"abc\"", "not a number"}),
                Arguments.of("abc 1:1\n", new String[] {"line 1", "label", "\"abc\""}),
                Arguments.of("1 1:nan\n", new String[] {"line 1", "NaN or infinite", "\"nan\""}),
                Arguments.of("-inf 1:1\n", new String[] {"line 1", "label", "\"-inf\""}),
                Arguments.of("1 99999999999:1\n", new String[] {"line 1", "\"99999999999:1\""}),
                Arguments.of("# nothing\n", new String[] {"line 1", "no samples"}));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputNamesFileLineAndToken(String content, String[] fragments) {
        Path f = Fixtures.write(dir, "bad.libsvm", content);
        assertDataError(() -> LibsvmReader.read(f), fragments);
        assertDataError(() -> LibsvmReader.read(f), f.toString());
    }

    @Test
    void tokensMatchTheRegexSplitTheyReplace() {
        // the naive reference: String.split("\\s+") on the stripped line, as the reader did before
        java.util.Random rnd = new java.util.Random(7);
        char[] alphabet = {'1', ':', '.', '-', 'e', ' ', ' ', '\t', '\u000B', '\f', '\r', '\n', '\u2003', '\u00A0', 'q', '#'};
        for (int trial = 0; trial < 20_000; trial++) {
            char[] c = new char[rnd.nextInt(12)];
            for (int k = 0; k < c.length; k++) {
                c[k] = alphabet[rnd.nextInt(alphabet.length)];
            }
            String content = new String(c).strip();
            if (content.isEmpty()) {
                continue;
            }
            assertArrayEquals(content.split("\\s+"), LibsvmReader.tokens(content), "\"" + content + "\"");
        }
    }
}
