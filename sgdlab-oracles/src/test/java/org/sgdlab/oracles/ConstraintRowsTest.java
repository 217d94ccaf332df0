package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Matrix;

/**
 * The implicit constraint rows ({@link LabelledRows}, {@link MulticlassRows}) against the same rows formed explicitly
 * ({@link ConstraintRows#dense}), and the shared pieces that read them ({@link LdpNnls}, {@link GordanCertificate}) on
 * both forms.
 */
class ConstraintRowsTest {
    private static double[] sqNorms(Matrix x) {
        double[] s = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                s[i] += x.get(i, j) * x.get(i, j);
            }
        }
        return s;
    }

    /** Forms every row of {@code rows} by {@link ConstraintRows#copyRow}. */
    private static double[] formed(ConstraintRows rows) {
        int p = rows.dim();
        double[] z = new double[rows.count() * p];
        double[] row = new double[p];
        for (int c = 0; c < rows.count(); c++) {
            rows.copyRow(c, row);
            System.arraycopy(row, 0, z, c * p, p);
        }
        return z;
    }

    /** dot, axpy and norm of {@code rows} agree with the dense form of the expected rows z (row-major). */
    private static void assertSameRows(double[] z, ConstraintRows rows) {
        int p = rows.dim();
        ConstraintRows dense = ConstraintRows.dense(z, rows.count(), p);
        assertArrayEquals(z, formed(rows));
        double[] v = OracleCatalogTest.vector(3, p + 2);
        for (int c = 0; c < rows.count(); c++) {
            double scale = 1e-14 * (1 + dense.norm(c) * 4);
            assertEquals(dense.dot(c, v, 2), rows.dot(c, v, 2), scale, "dot of row " + c);
            double[] a1 = v.clone();
            double[] a2 = v.clone();
            dense.axpy(c, -0.7, a1, 1);
            rows.axpy(c, -0.7, a2, 1);
            assertArrayEquals(a1, a2, scale, "axpy of row " + c);
            assertEquals(dense.norm(c), rows.norm(c), 1e-15 * dense.norm(c), "norm of row " + c);
        }
    }

    @Test
    void labelledRowsAreYTimesXWithTheExtraCoordinate() {
        Matrix x = OracleCatalogTest.gaussian(1, 7, 4);
        double[] y = {1, -1, -1, 1, 1, -1, 1};
        for (double t : new double[] {0.0, 1.0, 250.0}) {
            int p = t == 0 ? 4 : 5;
            double[] z = new double[7 * p];
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 4; j++) {
                    z[i * p + j] = y[i] * x.get(i, j);
                }
                if (t != 0) {
                    z[i * p + 4] = y[i] * t;
                }
            }
            LabelledRows rows = new LabelledRows(x, y, t, sqNorms(x));
            assertEquals(p, rows.dim());
            assertSameRows(z, rows);
        }
    }

    @Test
    void multiclassRowsAreTheKroneckerRowsInConstraintOrder() {
        Matrix x = OracleCatalogTest.gaussian(2, 6, 3);
        int[] y = {0, 2, 1, 2, 0, 1};
        int kk = 3;
        MulticlassRows rows = new MulticlassRows(x, y, kk, sqNorms(x));
        assertEquals(6 * 2, rows.count());
        double[] z = new double[rows.count() * kk * 3];
        int c = 0;
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < kk; k++) {
                if (k == y[i]) {
                    continue;
                }
                assertEquals(i, rows.sample(c));
                assertEquals(k, rows.otherClass(c));
                for (int j = 0; j < 3; j++) {
                    z[c * 9 + y[i] * 3 + j] = x.get(i, j);
                    z[c * 9 + k * 3 + j] = -x.get(i, j);
                }
                c++;
            }
        }
        assertSameRows(z, rows);
        ConstraintRows dense = ConstraintRows.dense(z, rows.count(), 9);
        double[] row1 = new double[9];
        for (int c1 = 0; c1 < rows.count(); c1++) {
            dense.copyRow(c1, row1);
            for (int c2 = 0; c2 < rows.count(); c2++) {
                assertEquals(dense.dot(c2, row1, 0), rows.gram(c1, c2), 1e-14, "gram " + c1 + ", " + c2);
            }
        }
        // combine and margins: W = sum al_c z_c, margins = Z W
        double[] al = OracleCatalogTest.vector(4, rows.count());
        double[] w = new double[9];
        rows.combine(al, w);
        double[] expected = new double[9];
        for (int c1 = 0; c1 < rows.count(); c1++) {
            dense.axpy(c1, al[c1], expected, 0);
        }
        assertArrayEquals(expected, w, 1e-13);
        double[] margins = new double[rows.count()];
        rows.margins(w, new double[kk], margins);
        for (int c1 = 0; c1 < rows.count(); c1++) {
            assertEquals(dense.dot(c1, w, 0), margins[c1], 1e-13);
        }
        // the n x K layout and back
        double[] full = rows.spread(al);
        for (int i = 0; i < 6; i++) {
            assertEquals(0.0, full[i * kk + y[i]]);
        }
        assertArrayEquals(al, rows.compact(full));
    }

    /** The least-distance solve on the implicit multiclass rows equals the one on the same rows formed densely. */
    @Test
    void ldpNnlsOnImplicitRowsMatchesTheFormedRows() {
        Object[] data = MulticlassSvmTest.separable(200, 60, 3, 3, 0.3);
        Matrix x = (Matrix) data[0];
        int[] y = (int[]) data[1];
        MulticlassRows rows = new MulticlassRows(x, y, 3, sqNorms(x));
        LdpNnls.Result implicit = LdpNnls.solve(rows, 1e-13, 10_000);
        LdpNnls.Result dense = LdpNnls.solve(formed(rows), rows.count(), rows.dim(), 1e-13, 10_000);
        assertNull(implicit.failure());
        assertNull(dense.failure());
        double amax = 0;
        for (double a : dense.alpha()) {
            amax = Math.max(amax, a);
        }
        assertArrayEquals(dense.alpha(), implicit.alpha(), 1e-10 * amax);
        // and it is the least-distance solution: W = sum alpha_c z_c has all margins >= 1, = 1 on the support
        double[] w = new double[rows.dim()];
        rows.combine(implicit.alpha(), w);
        double[] m = new double[rows.count()];
        rows.margins(w, new double[3], m);
        for (int c = 0; c < rows.count(); c++) {
            assertTrue(m[c] >= 1 - 1e-12, "margin " + m[c]);
            if (implicit.alpha()[c] > 0) {
                assertEquals(1.0, m[c], 1e-12);
            }
        }
    }

    @Test
    void gordanCertificateOnInfeasibleAndFeasibleRows() {
        // rows z and -z (and a third): no w has all <z_c, w> > 0
        double[] z = {1, 2, -1, -2, 0.5, 0.1};
        ConstraintRows rows = ConstraintRows.dense(z, 3, 2);
        for (GordanCertificate.Scale scale : GordanCertificate.Scale.values()) {
            GordanCertificate g = GordanCertificate.find(rows, new double[] {5, 5.000001, 1e-9}, scale);
            assertNotNull(g, scale.name());
            assertEquals(2, g.used());
            double sum = 0;
            double[] comb = new double[2];
            for (int c = 0; c < 3; c++) {
                assertTrue(g.weights()[c] >= 0);
                sum += g.weights()[c];
                rows.axpy(c, g.weights()[c], comb, 0);
            }
            assertEquals(1.0, sum, 1e-12);
            assertEquals(0.0, Math.hypot(comb[0], comb[1]), 1e-15);
            assertEquals(Math.hypot(comb[0], comb[1]), g.residual(), 1e-15);
        }
        // separable rows: every non-negative combination is far from 0, so no certificate
        double[] sep = {1, 0, 0.5, 1, 1, 1};
        assertNull(GordanCertificate.find(ConstraintRows.dense(sep, 3, 2), new double[] {1, 2, 3},
                GordanCertificate.Scale.ALL_ROWS));
        assertNull(GordanCertificate.find(rows, new double[3], GordanCertificate.Scale.ALL_ROWS), "alpha = 0");
    }

    @Test
    void denseRowsRejectAWrongLength() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConstraintRows.dense(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("2·3"), e.getMessage());
    }
}
