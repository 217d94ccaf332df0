package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sgdlab.data.Fixtures.assertDataError;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsHeaderCommentsBlankLinesAndDefaultLastLabel() {
        Path f = Fixtures.write(dir, "ok.csv", "# a comment\n\nx1, x2 ,y\r\n1,2.5,1\n\n  # indented comment\n-3e-1,+4,-1\n");
        Dataset d = CsvReader.read(f);
        assertEquals(2, d.n());
        assertEquals(List.of("x1", "x2"), d.featureNames());
        assertArrayEquals(new double[] {1, 2.5, -0.3, 4}, d.x().data());
        assertArrayEquals(new double[] {1, -1}, d.y());
        assertEquals(f.toString(), d.name());
    }

    @Test
    void labelByNameOrIndexAndOtherDelimiter() {
        Path f = Fixtures.write(dir, "semi.csv", "\"label\";\"a;b\";c\n1;2;3\n4;5;6\n");
        CsvReader.Options semi = CsvReader.Options.defaults().withDelimiter(';');
        Dataset byName = CsvReader.read(f, semi.withLabel("label"));
        assertEquals(List.of("a;b", "c"), byName.featureNames());
        assertArrayEquals(new double[] {1, 4}, byName.y());
        assertArrayEquals(new double[] {2, 3, 5, 6}, byName.x().data());
        Dataset byIndex = CsvReader.read(f, semi.withLabel(1));
        assertArrayEquals(new double[] {2, 5}, byIndex.y());
        assertEquals(List.of("label", "c"), byIndex.featureNames());
        Path g = Fixtures.write(dir, "comma.csv", "y,x\n1,2\n");
        assertArrayEquals(new double[] {1}, CsvReader.read(g, "y").y());
        assertArrayEquals(new double[] {1}, CsvReader.read(g, 0).y());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", new String[] {"line 1", "missing header"}),
                Arguments.of("# only a comment\n\n", new String[] {"line 2", "missing header"}),
                Arguments.of("a,b,c,y\n1,2,3,4\n1,2,3,4\n\n# c\n1,2,3,4\n1,2,3\n",
                        new String[] {"line 7", "expected 4 columns, found 3", "\"1,2,3\""}),
                Arguments.of("a,b,y\n1,2,3,4\n", new String[] {"line 2", "expected 3 columns, found 4"}),
                Arguments.of("a,b,y\n1,abc,0\n", new String[] {"line 2", "column \"b\"", "not a number", "\"abc\""}),
                Arguments.of("a,b,y\n\n1,NaN,0\n", new String[] {"line 3", "column \"b\"", "NaN or infinite", "\"NaN\""}),
                Arguments.of("a,b,y\n1,2,-inf\n", new String[] {"line 2", "column \"y\"", "\"-inf\""}),
                Arguments.of("a,b,y\n1,2,Infinity\n", new String[] {"line 2", "\"Infinity\""}),
                Arguments.of("a,b,y\n1,1e999,0\n", new String[] {"line 2", "overflows", "\"1e999\""}),
                Arguments.of("a,b,y\n1,,0\n", new String[] {"line 2", "column \"b\"", "\"\""}),
                Arguments.of("a,b,y\n1,1.5d,0\n", new String[] {"line 2", "\"1.5d\""}),
                Arguments.of("a,b,y\n1,0x10,0\n", new String[] {"line 2", "\"0x10\""}),
                Arguments.of("a,\"b,y\n1,2,0\n", new String[] {"line 1", "unterminated"}),
                Arguments.of("a,b,y\n", new String[] {"no data rows", "line 1"}),
                Arguments.of("y\n1\n", new String[] {"line 1", "at least 2 columns"}),
                Arguments.of("a,a,y\n1,2,3\n", new String[] {"line 1", "duplicate", "\"a\""}));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputNamesFileLocationAndValue(String content, String[] fragments) {
        Path f = Fixtures.write(dir, "bad.csv", content);
        DataFormatException e = assertDataError(() -> CsvReader.read(f), fragments);
        assertEquals(f.toString(), e.source());
        assertDataError(() -> CsvReader.read(f), f.toString());
    }

    @Test
    void unknownLabelColumn() {
        Path f = Fixtures.write(dir, "lab.csv", "a,b,y\n1,2,3\n");
        assertDataError(() -> CsvReader.read(f, "zz"), f.toString(), "line 1", "\"zz\"", "[a, b, y]");
        assertDataError(() -> CsvReader.read(f, 3), f.toString(), "index 3", "3 columns");
        assertDataError(() -> CsvReader.read(f, -2), f.toString(), "-2");
    }
}
