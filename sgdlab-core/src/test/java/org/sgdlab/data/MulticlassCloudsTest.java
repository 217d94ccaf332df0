package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Kernels;

class MulticlassCloudsTest {
    @Test
    void balancedLabelsAndPlantedPairMargins() {
        int n = 40;
        int d = 6;
        int kk = 4;
        double margin = 0.7;
        Dataset data = MulticlassClouds.generate(n, d, kk, 3.0, margin, 9);
        double[][] mu = MulticlassClouds.means(d, kk, 3.0, 9);
        for (double[] m : mu) {
            assertEquals(3.0, Kernels.norm2(m), 1e-14);
        }
        int[] count = new int[kk];
        for (int i = 0; i < n; i++) {
            int y = (int) data.y()[i];
            assertEquals(i % kk, y);
            count[y]++;
            double[] xi = data.x().row(i);
            for (int k = 0; k < kk; k++) {
                if (k != y) {
                    double[] diff = new double[d];
                    for (int j = 0; j < d; j++) {
                        diff[j] = mu[y][j] - mu[k][j];
                    }
                    assertTrue(Kernels.dot(diff, xi) >= margin * Kernels.norm2(diff), "row " + i + " vs class " + k);
                }
            }
        }
        assertArrayEquals(new int[] {10, 10, 10, 10}, count);
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherData() {
        Dataset a = MulticlassClouds.generate(30, 5, 3, 4.0, 0.5, 2);
        Dataset b = MulticlassClouds.generate(30, 5, 3, 4.0, 0.5, 2);
        Dataset c = MulticlassClouds.generate(30, 5, 3, 4.0, 0.5, 3);
        assertArrayEquals(a.x().data(), b.x().data(), 0.0);
        assertArrayEquals(a.y(), b.y(), 0.0);
        assertTrue(!java.util.Arrays.equals(a.x().data(), c.x().data()));
        assertTrue(a.name().contains("K=3") && a.name().contains("seed=2"), a.name());
    }

    @Test
    void invalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> MulticlassClouds.generate(30, 5, 1, 4.0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> MulticlassClouds.generate(2, 5, 3, 4.0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> MulticlassClouds.generate(30, 5, 3, 0.0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> MulticlassClouds.generate(30, 5, 3, 4.0, -1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MulticlassClouds.generate(30, 5, 3, 0.1, 50, 1));
        assertTrue(e.getMessage().contains("lower the margin"), e.getMessage());
    }
}
