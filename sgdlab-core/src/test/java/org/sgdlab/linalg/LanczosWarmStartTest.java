package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/**
 * {@link Lanczos#solve(SymmetricOperator, int, Lanczos.Options, double[], RandomStream)}: a start near the top
 * eigenvector converges in fewer operator applications than a random start, a start orthogonal to it still ends at
 * the top eigenvalue (the multiplicity check starts at random), and a bad start is refused with its defect.
 */
class LanczosWarmStartTest {
    private static final int N = 120;

    /** Spectrum 10, 9.9, 9.8, … (slow convergence from a random start), with its top eigenvector. */
    private static double[] spectrum() {
        double[] l = new double[N];
        for (int i = 0; i < N; i++) {
            l[i] = 10 - 0.1 * i;
        }
        return l;
    }

    @Test
    void aStartNearTheTopEigenvectorConvergesFasterToTheSameValue() {
        double[] a = LanczosTest.withSpectrum(spectrum(), 1);
        SymmetricOperator op = SymmetricOperator.ofMatrix(a, N);
        SymmetricEigen dense = SymmetricEigen.of(a, N);
        double[] top = new double[N];
        double[] near = new double[N];
        double[] noise = new RandomStream(2).gaussians(new double[N]);
        for (int i = 0; i < N; i++) {
            top[i] = dense.vectors()[i * N + N - 1];
            near[i] = top[i] + 1e-3 * noise[i];
        }
        Lanczos.Options o = Lanczos.Options.largest(1).withVerifyMultiplicity(false);
        Lanczos.Result cold = Lanczos.solve(op, N, o, new RandomStream(3));
        Lanczos.Result warm = Lanczos.solve(op, N, o, near, new RandomStream(3));
        assertTrue(cold.converged() && warm.converged(), cold.message() + " / " + warm.message());
        assertEquals(dense.max(), warm.values()[0], 1e-10);
        assertEquals(dense.max(), cold.values()[0], 1e-10);
        assertTrue(warm.applications() < cold.applications(), "warm " + warm.applications() + " vs cold " + cold.applications()
                + " applications");
        assertArrayEquals(warm.vectors()[0], Lanczos.solve(op, N, o, near, new RandomStream(3)).vectors()[0], 0.0,
                "same start and stream, same bits");
    }

    @Test
    void aStartOrthogonalToTheTopEigenvectorStillFindsItThroughTheMultiplicityCheck() {
        double[] a = LanczosTest.withSpectrum(spectrum(), 4);
        SymmetricEigen dense = SymmetricEigen.of(a, N);
        double[] second = new double[N];
        for (int i = 0; i < N; i++) {
            second[i] = dense.vectors()[i * N + N - 2]; // an eigenvector of 9.9: its Krylov space is itself
        }
        Lanczos.Result r = Lanczos.solve(SymmetricOperator.ofMatrix(a, N), N, Lanczos.Options.largest(1), second,
                new RandomStream(5));
        assertTrue(r.converged(), r.message());
        assertEquals(dense.max(), r.values()[0], 1e-8, r.message());
    }

    @Test
    void badStartsAreRefusedWithTheirDefect() {
        SymmetricOperator op = (v, out) -> System.arraycopy(v, 0, out, 0, v.length);
        Lanczos.Options o = Lanczos.Options.largest(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lanczos.solve(op, 3, o, new double[2], new RandomStream(1)));
        assertTrue(e.getMessage().contains("2 entries") && e.getMessage().contains("dimension is 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.solve(op, 3, o, new double[3], new RandomStream(1)));
        assertTrue(e.getMessage().contains("nonzero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lanczos.solve(op, 3, o, new double[] {1, Double.NaN, 0},
                new RandomStream(1)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
