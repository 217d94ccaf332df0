package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void dispatchesOnExtension() {
        Path csv = Fixtures.write(dir, "a.csv", "x,label,z\n1,2,3\n");
        assertArrayEquals(new double[] {2}, DataFiles.read(csv, "label").y());
        assertArrayEquals(new double[] {3}, DataFiles.read(csv, null).y());
        Path svm = Fixtures.write(dir, "a.svm", "1 2:5\n");
        assertArrayEquals(new double[] {0, 5}, DataFiles.read(svm, null).x().data());
        assertThrows(IllegalArgumentException.class, () -> DataFiles.read(svm, "y"));
        assertEquals(2, DataFiles.read(Fixtures.write(dir, "b.txt", "1 2:5\n"), null).d());
        assertEquals(2, DataFiles.read(Fixtures.write(dir, "c.libsvm", "1 2:5\n"), null).d());
        assertThrows(IllegalArgumentException.class, () -> DataFiles.read(Fixtures.write(dir, "x.json", "{}"), null));
    }

    @Test
    void npyWithSiblingOrColumn() {
        Path x = Fixtures.copy("npy/pair_X.npy", dir);
        Fixtures.copy("npy/pair_y.npy", dir);
        Dataset d = DataFiles.read(x, null);
        assertArrayEquals(new double[] {1, -1, 1}, d.y());
        Path plain = Fixtures.copy("npy/f8_c.npy", dir);
        Dataset c = DataFiles.read(plain, "0");
        assertArrayEquals(new double[] {-1, 1, 3}, c.y());
        assertArrayEquals(new double[] {-0.5, 0, 0.5}, c.x().row(0));
        Fixtures.assertDataError(() -> DataFiles.read(plain, "4"), "f8_c.npy", "label column 4");
        assertThrows(IllegalArgumentException.class, () -> DataFiles.read(plain, "y"));
    }

    @Test
    void idxWithMnistSiblingNames() {
        Path images = Fixtures.copy("idx/tiny-images-idx3-ubyte.gz", dir);
        Fixtures.copy("idx/tiny-labels-idx1-ubyte.gz", dir);
        Dataset d = DataFiles.read(images, null);
        assertArrayEquals(new double[] {7, 3, 7}, d.y());
        assertEquals(22 / 255.0, d.x().get(2, 3), 1e-15);
        Fixtures.copy("idx/tiny-labels-idx1-ubyte", dir);
        assertEquals(3, DataFiles.read(images, "tiny-labels-idx1-ubyte").n());
    }
}
