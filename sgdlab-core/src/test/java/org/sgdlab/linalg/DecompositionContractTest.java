package org.sgdlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared shape of {@link Decomposition}: the input is read only, an instance reused on another matrix gives the
 * bits of a fresh one, and a wrong length fails naming it.
 */
class DecompositionContractTest {

    /** name, a factory, two matrices of its shape, and the results to compare (copied). */
    static Stream<Arguments> decompositions() {
        return Stream.of(
                Arguments.of("JacobiSvd 7x4", (Supplier<Decomposition>) () -> new JacobiSvd(7, 4),
                        TestMatrices.gaussian(1, 7, 4), TestMatrices.gaussian(2, 7, 4),
                        (Function<Decomposition, double[]>) d -> concat(((JacobiSvd) d).singularValues(),
                                ((JacobiSvd) d).leftVectors(), ((JacobiSvd) d).rightVectors())),
                Arguments.of("JacobiSvd 3x8", (Supplier<Decomposition>) () -> new JacobiSvd(3, 8),
                        TestMatrices.gaussian(3, 3, 8), TestMatrices.gaussian(4, 3, 8),
                        (Function<Decomposition, double[]>) d -> concat(((JacobiSvd) d).singularValues(),
                                ((JacobiSvd) d).leftVectors(), ((JacobiSvd) d).rightVectors())),
                Arguments.of("HouseholderQr 9x5", (Supplier<Decomposition>) () -> new HouseholderQr(9, 5),
                        TestMatrices.gaussian(5, 9, 5), TestMatrices.gaussian(6, 9, 5),
                        (Function<Decomposition, double[]>) d -> concat(((HouseholderQr) d).rInto(new double[25]),
                                ((HouseholderQr) d).qInto(new double[45]))),
                Arguments.of("Cholesky 6", (Supplier<Decomposition>) () -> new Cholesky(6),
                        TestMatrices.gram(7, 6, 6, 0.5), TestMatrices.gram(8, 6, 9, 0.0),
                        (Function<Decomposition, double[]>) d -> concat(((Cholesky) d).factor(),
                                new double[] {((Cholesky) d).conditionEstimate()})),
                Arguments.of("PivotedCholesky 6", (Supplier<Decomposition>) () -> new PivotedCholesky(6, 1e-12),
                        TestMatrices.gram(11, 6, 8, 0.0), TestMatrices.gram(12, 6, 6, 0.5),
                        (Function<Decomposition, double[]>) d -> concat(((PivotedCholesky) d).factor(),
                                new double[] {((PivotedCholesky) d).rank()},
                                java.util.Arrays.stream(((PivotedCholesky) d).permutation()).asDoubleStream().toArray())),
                Arguments.of("PivotedLu 6", (Supplier<Decomposition>) () -> new PivotedLu(6),
                        TestMatrices.gaussian(13, 6, 6), TestMatrices.gaussian(14, 6, 6),
                        (Function<Decomposition, double[]>) d -> concat(((PivotedLu) d).factors(),
                                java.util.Arrays.stream(((PivotedLu) d).permutation()).asDoubleStream().toArray())),
                Arguments.of("SymmetricEigen 6", (Supplier<Decomposition>) () -> new SymmetricEigen(6),
                        TestMatrices.gram(9, 6, 6, 0.0), TestMatrices.gram(10, 6, 2, 0.0),
                        (Function<Decomposition, double[]>) d -> concat(((SymmetricEigen) d).values(),
                                ((SymmetricEigen) d).vectors())));
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decompositions")
    void readsItsInputAndReusesItsArraysWithoutChangingABit(String name, Supplier<Decomposition> make, double[] a,
                                                             double[] b, Function<Decomposition, double[]> results) {
        Decomposition fresh = make.get();
        double[] copy = a.clone();
        assertTrue(fresh.decompose(a));
        assertArrayEquals(copy, a, 0.0, "input not modified");
        double[] expected = results.apply(fresh).clone();
        Decomposition reused = make.get();
        assertTrue(reused.decompose(b));
        assertTrue(reused.decompose(a));
        assertArrayEquals(expected, results.apply(reused), 0.0, "reused instance, same bits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decompositions")
    void aWrongLengthFailsNamingIt(String name, Supplier<Decomposition> make, double[] a, double[] b,
                                   Function<Decomposition, double[]> results) {
        Decomposition d = make.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.decompose(new double[a.length + 1]));
        assertTrue(e.getMessage().contains("length " + (a.length + 1)), e.getMessage());
        assertEquals(a.length, d.rows() * d.cols());
    }
}
