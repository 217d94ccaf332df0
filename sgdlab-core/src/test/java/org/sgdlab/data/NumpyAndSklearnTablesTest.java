package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.linalg.Matrix;

/**
 * Files exactly as numpy.savetxt and scikit-learn's dump_svmlight_file write them (fixtures from
 * tools/testdata/text_table_fixtures.py) read back bit for bit: the 6 × 4 table T of expected.npy,
 * features in the first three columns, the label last.
 */
class NumpyAndSklearnTablesTest {
    @TempDir
    Path dir;

    private static final Matrix T = NpyReader.readMatrix(Fixtures.resource("text/expected.npy"));

    private static void assertIsT(Dataset d) {
        assertEquals(6, d.n());
        assertEquals(3, d.d());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(new double[] {T.get(i, 0), T.get(i, 1), T.get(i, 2)}, d.x().row(i), "row " + i);
            assertEquals(T.get(i, 3), d.y()[i], "label of row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"savetxt_default.txt", "savetxt_default.csv", "savetxt_comma.csv", "savetxt_tab.tsv",
            "savetxt_hash_header.csv", "savetxt_fmt_g.txt"})
    void headerlessNumpyOutputIsReadWhole(String name) {
        Path f = Fixtures.copy("text/" + name, dir);
        DataFiles.Loaded loaded = DataFiles.load(f, null, CsvReader.Header.AUTO);
        assertIsT(loaded.data());
        assertFalse(loaded.csvLayout().header(), name);
        assertEquals(List.of("x0", "x1", "x2"), loaded.data().featureNames());
        assertTrue(loaded.note().contains("first line" + (name.contains("hash") ? " (line 2)" : "")
                + " is numeric, read as data (no header); 4 columns x0..x3, label = x3 (the last column)"), loaded.note());
    }

    @Test
    void numpyHeaderWithoutCommentPrefixNamesTheColumns() {
        Dataset d = DataFiles.read(Fixtures.copy("text/savetxt_real_header.csv", dir), "y");
        assertIsT(d);
        assertEquals(List.of("a", "b", "c"), d.featureNames());
    }

    @Test
    void numericHeaderNamesAreDataUnlessTheHeaderIsDeclared() {
        Path f = Fixtures.copy("text/savetxt_numeric_header.csv", dir);
        assertEquals(7, DataFiles.read(f, null).n(), "1,2,3,4 reads as a data row by default");
        DataFiles.Loaded asHeader = DataFiles.load(f, null, CsvReader.Header.PRESENT);
        assertIsT(asHeader.data());
        assertEquals(List.of("1", "2", "3"), asHeader.data().featureNames());
        assertNull(asHeader.note(), "nothing was guessed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sklearn_default.svm", "sklearn_default.txt", "sklearn_comment.svm"})
    void sklearnZeroBasedExportsAreDetected(String name) {
        Path f = Fixtures.copy("text/" + name, dir);
        DataFiles.Loaded loaded = DataFiles.load(f, null, CsvReader.Header.AUTO);
        Matrix expected = NpyReader.readMatrix(Fixtures.resource("text/sklearn_expected.npy"));
        Dataset d = loaded.data();
        assertEquals(6, d.n());
        assertEquals(3, d.d());
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(new double[] {expected.get(i, 0), expected.get(i, 1), expected.get(i, 2)}, d.x().row(i));
            assertEquals(expected.get(i, 3), d.y()[i]);
        }
        assertTrue(loaded.note().contains("feature indices read as 0-based ("
                + (name.contains("comment") ? "the comment on line 2 says so" : "index 0 on line 1") + ")"), loaded.note());
    }

    @Test
    void sklearnOneBasedExportIsReadAsLibsvm() {
        Path f = Fixtures.copy("text/sklearn_one_based.svm", dir);
        LibsvmReader.Result r = LibsvmReader.readResult(f, LibsvmReader.Options.defaults());
        assertFalse(r.zeroBased());
        assertNull(r.note());
        Matrix expected = NpyReader.readMatrix(Fixtures.resource("text/sklearn_expected.npy"));
        assertArrayEquals(new double[] {expected.get(0, 0), expected.get(0, 1), expected.get(0, 2)}, r.data().x().row(0));
        // told it is 0-based, the same file has one more (empty) leading column
        Dataset shifted = LibsvmReader.read(f, LibsvmReader.Options.defaults().withIndexBase(LibsvmReader.IndexBase.ZERO));
        assertEquals(4, shifted.d());
        assertEquals(0.0, shifted.x().get(0, 0));
    }
}
