package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.data.CsvReader;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;

/** Input validation of the completion and sensing problems: every error names the entry and the value. */
class MatrixCompletionProblemTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void entriesAreSortedAndIdenticalDuplicatesMerged() {
        MatrixCompletionProblem p = MatrixCompletionProblem.of(3, 3, new int[] {2, 0, 1, 0}, new int[] {1, 2, 0, 2},
                new double[] {5, 7, 6, 7});
        assertEquals(3, p.size());
        assertArrayEquals(new double[] {7, 6, 5}, p.values());
        assertEquals(0, p.row(0));
        assertEquals(2, p.col(0));
        assertEquals(2, p.row(2));
    }

    @Test
    void duplicateWithADifferentValueNamesBothEntries() {
        String m = error(() -> MatrixCompletionProblem.of(3, 3, new int[] {1, 0, 1}, new int[] {2, 0, 2},
                new double[] {4, 1, 4.5}));
        assertEquals("entry 2 (i = 1, j = 2, value = 4.5) repeats entry 0 (i = 1, j = 2) with a different value 4.0", m);
    }

    /** The exception says which input entries, so a file reader can name their lines. */
    @Test
    void badEntriesCarryTheirPositions() {
        MatrixCompletionProblem.InvalidEntryException e = assertThrows(MatrixCompletionProblem.InvalidEntryException.class,
                () -> MatrixCompletionProblem.of(3, 3, new int[] {1, 0, 1}, new int[] {2, 0, 2}, new double[] {4, 1, 4.5}));
        assertEquals(2, e.entry());
        assertEquals(0, e.earlierEntry());
        e = assertThrows(MatrixCompletionProblem.InvalidEntryException.class,
                () -> MatrixCompletionProblem.of(3, 4, new int[] {0, 3}, new int[] {0, 0}, new double[] {1, 2}));
        assertEquals(1, e.entry());
        assertEquals(-1, e.earlierEntry());
        e = assertThrows(MatrixCompletionProblem.InvalidEntryException.class,
                () -> MatrixCompletionProblem.fromColumns(2, 2, new double[] {0, 1, 0.5}, new double[] {1, 0, 0},
                        new double[] {3, 4, 5}));
        assertEquals(2, e.entry());
    }

    @Test
    void outOfRangeIndicesNameTheEntry() {
        assertEquals("entry 1 (i = 3, j = 0, value = 2.0): row index 3 is out of range [0, 3)",
                error(() -> MatrixCompletionProblem.of(3, 4, new int[] {0, 3}, new int[] {0, 0}, new double[] {1, 2})));
        assertEquals("entry 0 (i = 0, j = -1, value = 1.0): column index -1 is out of range [0, 4)",
                error(() -> MatrixCompletionProblem.of(3, 4, new int[] {0}, new int[] {-1}, new double[] {1})));
    }

    @Test
    void nonFiniteValueNamesTheEntry() {
        assertEquals("entry 1 (i = 1, j = 1, value = NaN): value is not finite",
                error(() -> MatrixCompletionProblem.of(2, 2, new int[] {0, 1}, new int[] {0, 1}, new double[] {1, Double.NaN})));
        assertEquals("entry 0 (i = 0, j = 0, value = Infinity): value is not finite",
                error(() -> MatrixCompletionProblem.of(2, 2, new int[] {0}, new int[] {0}, new double[] {Double.POSITIVE_INFINITY})));
    }

    @Test
    void csvColumnsMustHoldIntegerIndices() {
        MatrixCompletionProblem p = MatrixCompletionProblem.fromColumns(2, 2, new double[] {0, 1}, new double[] {1, 0},
                new double[] {3, 4});
        assertEquals(2, p.size());
        assertEquals("entry 1 (i = 1.5, j = 0.0, value = 4.0): row index 1.5 is not an integer",
                error(() -> MatrixCompletionProblem.fromColumns(2, 2, new double[] {0, 1.5}, new double[] {1, 0},
                        new double[] {3, 4})));
        assertEquals("entry 0 (i = 0.0, j = NaN, value = 3.0): column index NaN is not an integer",
                error(() -> MatrixCompletionProblem.fromColumns(2, 2, new double[] {0}, new double[] {Double.NaN},
                        new double[] {3})));
    }

    @Test
    void aCsvTableWithHeaderIJValueBecomesAProblem(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("entries.csv");
        Files.writeString(csv, "j,i,value\n1,0,3.5\n0,1,-2\n2,1,4\n");
        Dataset d = CsvReader.read(csv, CsvReader.Options.defaults().withLabel("value"));
        MatrixCompletionProblem p = MatrixCompletionProblem.fromDataset(d, 2, 3);
        assertEquals(3, p.size());
        assertEquals(0, p.row(0));
        assertEquals(1, p.col(0));
        assertEquals(3.5, p.value(0));
        assertEquals(1, p.row(2));
        assertEquals(2, p.col(2));
        Dataset bad = new Dataset("t", Matrix.of(new double[][] {{0, 1}, {1, 0}, {1, 3}}), new double[] {3.5, -2, 4},
                List.of("i", "j"));
        assertEquals("entry 2 (i = 1, j = 3, value = 4.0): column index 3 is out of range [0, 3)",
                error(() -> MatrixCompletionProblem.fromDataset(bad, 2, 3)));
    }

    @Test
    void shapesAreChecked() {
        assertEquals("the matrix needs rows >= 1 and cols >= 1, got rows = 0, cols = 3",
                error(() -> MatrixCompletionProblem.of(0, 3, new int[0], new int[0], new double[0])));
        assertEquals("index and value arrays differ in length: i 2, j 1, value 2",
                error(() -> MatrixCompletionProblem.of(2, 2, new int[2], new int[1], new double[2])));
    }

    @Test
    void sensingInputNamesTheMeasurementAndEntry() {
        Matrix a = Matrix.of(new double[][] {{1, 2, 3, 4}, {5, 6, Double.NaN, 8}});
        assertEquals("measurement 1, entry (1, 0) is not finite: NaN",
                error(() -> MatrixSensingProblem.of(2, 2, a, new double[] {1, 2})));
        Matrix ok = Matrix.of(new double[][] {{1, 2, 3, 4}});
        assertEquals("measurement 0: value b[0] is not finite: Infinity",
                error(() -> MatrixSensingProblem.of(2, 2, ok, new double[] {Double.POSITIVE_INFINITY})));
        assertEquals("measurements have 4 columns, expected rows × cols = 6",
                error(() -> MatrixSensingProblem.of(2, 3, ok, new double[] {1})));
        assertEquals("measurement 1 is 2×3, expected 2×2 like measurement 0",
                error(() -> MatrixSensingProblem.of(List.of(Matrix.zeros(2, 2), Matrix.zeros(2, 3)), new double[] {1, 2})));
    }
}
