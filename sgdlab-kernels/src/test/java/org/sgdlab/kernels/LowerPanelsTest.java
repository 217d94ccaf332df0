package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.parallel.Parallel;

/** The lower-triangle panel product against the full GEMM product (bit for bit) and a plain loop (to rounding). */
class LowerPanelsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void equalsTheFullProductBitForBitAndIsExactlySymmetric() {
        for (int[] shape : new int[][] {{1, 3}, {LowerPanels.ROWS, 7}, {2 * LowerPanels.ROWS + 45, 1100}}) {
            int n = shape[0];
            int p = shape[1];
            double[] a = KernelTestData.gaussian(n + p, n, p).data();
            double[] full = new double[n * n];
            Gemm.multiply(Transpose.N, Transpose.T, n, n, p, a, 0, p, a, 0, p, full, 0, n);
            double[] g = LowerPanels.gram(a, n, p);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    assertEquals(full[i * n + j], g[i * n + j], 0.0, n + "×" + p + " (" + i + ", " + j + ")");
                    assertEquals(g[i * n + j], g[j * n + i], 0.0, n + "×" + p + " mirror (" + i + ", " + j + ")");
                    if ((i + j) % 7 != 0) {
                        continue; // the plain loop on a sample of the entries (it is slow at p = 1100)
                    }
                    double s = 0;
                    double abs = 0;
                    for (int t = 0; t < p; t++) {
                        s += a[i * p + t] * a[j * p + t];
                        abs += Math.abs(a[i * p + t] * a[j * p + t]);
                    }
                    assertEquals(s, g[i * n + j], p * Math.ulp(1.0) * abs, "plain loop (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void sameBitsForAnyThreadCount() {
        int n = 3 * LowerPanels.ROWS + 5;
        double[] a = KernelTestData.gaussian(11, n, 40).data();
        Parallel.setThreads(1);
        double[] one = LowerPanels.gram(a, n, 40);
        Parallel.setThreads(3);
        assertArrayEquals(one, LowerPanels.gram(a, n, 40));
    }
}
