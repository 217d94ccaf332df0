package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sgdlab.data.Fixtures.assertDataError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.random.RandomStream;

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
                Arguments.of("", new String[] {"line 1", "no data", "only blank lines and # comments"}),
                Arguments.of("# only a comment\n\n", new String[] {"line 2", "no data"}),
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

    // ---- header rule (issue 12): a first line of numbers is data, not a header ----

    @Test
    void numericFirstLineIsDataWithPositionalNames() {
        Path f = Fixtures.write(dir, "nums.csv", "1,2,3\n4,5,6\n");
        CsvReader.Table t = CsvReader.readTable(f, CsvReader.Options.defaults());
        assertEquals(2, t.data().n(), "the first row is not lost");
        assertArrayEquals(new double[] {1, 2, 4, 5}, t.data().x().data());
        assertArrayEquals(new double[] {3, 6}, t.data().y());
        assertEquals(List.of("x0", "x1"), t.data().featureNames());
        CsvReader.Layout l = t.layout();
        assertFalse(l.header());
        assertTrue(l.headerDetected());
        assertEquals(List.of("x0", "x1", "x2"), l.columns());
        assertEquals(f + ": first line is numeric, read as data (no header); 3 columns x0..x2, label = x2 (the last column)",
                l.describe());
    }

    @Test
    void textInTheFirstLineMakesItTheHeader() {
        Path f = Fixtures.write(dir, "h.csv", "# made by hand\n1,b,y\n4,5,6\n");
        CsvReader.Table t = CsvReader.readTable(f, CsvReader.Options.defaults());
        assertEquals(1, t.data().n());
        assertEquals(List.of("1", "b"), t.data().featureNames());
        assertTrue(t.layout().header());
        assertEquals(2, t.layout().firstLine());
        assertEquals(f + ": first line (line 2) read as the header (\"b\" is not a number); 3 columns, label = \"y\""
                + " (the last column)", t.layout().describe());
    }

    @Test
    void numericLookingHeaderNeedsHeaderPresent() {
        Path f = Fixtures.write(dir, "numhead.csv", "1,2,3\n4,5,6\n7,8,9\n");
        assertEquals(3, CsvReader.read(f).n());
        CsvReader.Table t = CsvReader.readTable(f, CsvReader.Options.defaults().withHeader(CsvReader.Header.PRESENT));
        assertEquals(2, t.data().n());
        assertEquals(List.of("1", "2"), t.data().featureNames());
        assertArrayEquals(new double[] {6, 9}, t.data().y());
        assertFalse(t.layout().headerDetected());
        assertEquals(f + ": first line read as the header (as asked); 3 columns, label = \"3\" (the last column)",
                t.layout().describe());
        // by header name "2": the name wins over the index 2
        assertArrayEquals(new double[] {5, 8}, CsvReader.read(f, CsvReader.Options.defaults()
                .withHeader(CsvReader.Header.PRESENT).withLabel("2")).y());
    }

    @Test
    void headerAbsentReadsAnyFirstLineAsData() {
        Path f = Fixtures.write(dir, "abs.csv", "a,b,y\n1,2,3\n");
        CsvReader.Options absent = CsvReader.Options.defaults().withHeader(CsvReader.Header.ABSENT);
        assertDataError(() -> CsvReader.read(f, absent), f.toString(), "line 1", "column \"x0\"", "\"a\"");
        Path g = Fixtures.write(dir, "abs2.csv", "1,2,3\n");
        CsvReader.Table t = CsvReader.readTable(g, absent);
        assertEquals(1, t.data().n());
        assertEquals(g + ": first line read as data (no header, as asked); 3 columns x0..x2, label = x2 (the last column)",
                t.layout().describe());
    }

    @Test
    void badValuesInANumericFirstLineAreDataErrorsNotAHeader() {
        // NaN and an empty cell read as numbers-with-a-problem: the row is data, and the error names it
        assertDataError(() -> CsvReader.read(Fixtures.write(dir, "nan.csv", "1,nan,3\n4,5,6\n")), "line 1",
                "column \"x1\"", "NaN", "\"nan\"");
        assertDataError(() -> CsvReader.read(Fixtures.write(dir, "gap.csv", "1,,3\n4,5,6\n")), "line 1",
                "column \"x1\"", "not a number", "\"\"");
    }

    @Test
    void quotesDoNotDecideButTheirContentDoes() {
        Path nums = Fixtures.write(dir, "qnum.csv", "\"1\",\"2\",\"3\"\n\"4\",\"5\",\"6\"\n");
        assertEquals(2, CsvReader.read(nums).n(), "csv.QUOTE_ALL data without a header");
        Path names = Fixtures.write(dir, "qname.csv", "\"x\",\"a,b\",\"y\"\n1,2,3\n");
        Dataset d = CsvReader.read(names);
        assertEquals(List.of("x", "a,b"), d.featureNames());
        assertEquals(1, d.n());
    }

    @Test
    void labelByPositionalNameOrIndexWithoutHeader() {
        Path f = Fixtures.write(dir, "lab.csv", "1,2,3\n4,5,6\n");
        assertArrayEquals(new double[] {1, 4}, CsvReader.read(f, "x0").y());
        assertArrayEquals(new double[] {2, 5}, CsvReader.read(f, "1").y());
        assertArrayEquals(new double[] {2, 5}, CsvReader.read(f, 1).y());
        CsvReader.Table t = CsvReader.readTable(f, CsvReader.Options.defaults().withLabel("x0"));
        assertEquals(List.of("x1", "x2"), t.data().featureNames());
        assertTrue(t.layout().describe().endsWith("label = x0 (column 0)"), t.layout().describe());
        assertDataError(() -> CsvReader.read(f, "y"), f.toString(), "no label column named \"y\"", "no header", "x0..x2");
        assertDataError(() -> CsvReader.read(f, "3"), f.toString(), "index 3 out of range", "3 columns");
    }

    @Test
    void delimiterIsDetectedFromTheFirstLine() {
        Path ws = Fixtures.write(dir, "ws.csv", "  1.5 2   3\n 4 5   6  \n");
        CsvReader.Table t = CsvReader.readTable(ws, CsvReader.Options.defaults());
        assertArrayEquals(new double[] {1.5, 2, 4, 5}, t.data().x().data());
        assertEquals(CsvReader.WHITESPACE, t.layout().delimiter());
        assertTrue(t.layout().describe().endsWith("; cells separated by whitespace"), t.layout().describe());
        Path tabs = Fixtures.write(dir, "t.tsv", "a\tb\n1\t2\n");
        assertEquals('\t', CsvReader.readTable(tabs, CsvReader.Options.defaults()).layout().delimiter());
        Path semi = Fixtures.write(dir, "s.csv", "1;2\n3;4\n");
        assertArrayEquals(new double[] {2, 4}, CsvReader.read(semi).y());
        Path quotedComma = Fixtures.write(dir, "q.csv", "\"a,b\"\ty\n1\t2\n");
        assertEquals(List.of("a,b"), CsvReader.read(quotedComma).featureNames());
    }

    @Test
    void aHeaderlessTableWithRepeatedValuesIsNotADuplicateHeader() {
        // issue 12: a 65-column numeric CSV failed with "duplicate column name"
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 65; j++) {
                sb.append(j == 0 ? "" : ",").append(j < 64 ? "0.0" : String.valueOf(i));
            }
            sb.append('\n');
        }
        Dataset d = CsvReader.read(Fixtures.write(dir, "wide.csv", sb.toString()));
        assertEquals(3, d.n());
        assertEquals(64, d.d());
        assertArrayEquals(new double[] {0, 1, 2}, d.y());
    }

    @Test
    void aWideHeaderlessTableKeepsEveryRow() {
        // issue 12: a 300 × 1001 numeric CSV lost its first row (and `solve min-norm` reported rank 299)
        RandomStream rs = new RandomStream(12);
        StringBuilder sb = new StringBuilder();
        double[] first = new double[1001];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 1001; j++) {
                double v = rs.nextGaussian();
                if (i == 0) {
                    first[j] = v;
                }
                sb.append(j == 0 ? "" : ",").append(v);
            }
            sb.append('\n');
        }
        Dataset d = CsvReader.read(Fixtures.write(dir, "wide300.csv", sb.toString()));
        assertEquals(300, d.n());
        assertEquals(1000, d.d());
        assertArrayEquals(Arrays.copyOf(first, 1000), d.x().row(0));
        assertEquals(first[1000], d.y()[0]);
    }

    @Test
    void invalidUtf8NamesTheLineAndByteOffset() {
        byte[] bytes = "a,b,y\n1,2,3\n1,\u00e9,3\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = (byte) 0xFF; // the second byte of é, now not a continuation byte
        Path f = Fixtures.write(dir, "latin.csv", bytes);
        assertDataError(() -> CsvReader.read(f), f.toString(), "line 3", "byte offset 14", "not valid UTF-8", "C3");
        Path bom = Fixtures.write(dir, "bom.csv", "\uFEFF1,2\n3,4\n");
        assertEquals(2, CsvReader.read(bom).n(), "a byte-order mark is not a header cell");
    }

    @Test
    void tooManyValuesForMemoryIsATypedErrorNamingTheSize() {
        Path f = Fixtures.write(dir, "big.csv", "1,2,3\n4,5,6\n7,8,9\n");
        DataFormatException e = assertDataError(() -> CsvReader.read(f, CsvReader.Options.defaults().withMaxEntries(5)),
                f.toString(), "line 3", "3 rows × 2 features = 6 values", "limit of 5");
        assertInstanceOf(DataFileException.class, e);
        assertEquals(3, CsvReader.read(f, CsvReader.Options.defaults().withMaxEntries(6)).n());
    }

    @Test
    void missingDirectoryAndUnreadableInputsAreTypedErrors() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertInstanceOf(DataFileException.class, assertDataError(() -> CsvReader.read(missing), missing.toString(),
                "cannot open", "no such file"));
        assertDataError(() -> CsvReader.read(dir.resolve("no/such/dir/a.csv")), "no such file", "does not exist");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertDataError(() -> CsvReader.read(folder), folder.toString(), "is a directory");
        Path locked = Fixtures.write(dir, "locked.csv", "1,2\n");
        assertTrue(locked.toFile().setReadable(false, false));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
            assertDataError(() -> CsvReader.read(locked), locked.toString(), "permission denied");
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }
}
