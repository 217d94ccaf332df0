package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.nn.Checks;
import org.sgdlab.random.RandomStream;

/**
 * Every operation's derivatives against finite differences, over seeded random cases: the gradient against the
 * five-point central difference of the value (relative error ≤ 1e-7), the Hessian-vector product against the
 * five-point difference of gradients along v (≤ 1e-7), the symmetry ⟨u, Hv⟩ = ⟨v, Hu⟩ (≤ 1e-12 relative), the JVP of
 * the operation's output against differences of its values, and the VJP as the JVP's adjoint (⟨u, Jv⟩ = ⟨Jᵀu, v⟩).
 */
class OpDerivativesTest {
    static final long[] SEEDS = {1, 2, 3};

    static Stream<Arguments> cases() {
        return OpCases.all().stream().flatMap(c -> java.util.Arrays.stream(SEEDS).mapToObj(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(OpCases.OpCase c, long seed) {
        Graph g = c.build(seed).graph();
        double[] w = c.start(seed);
        double[] grad = new double[w.length];
        g.gradient(w, grad);
        double[] fd = Checks.gradient(g::value, w);
        double err = Checks.relativeError(grad, fd);
        assertTrue(err <= 1e-7, c + ": gradient relative error " + err);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void hessianVectorProductMatchesDifferencesOfGradients(OpCases.OpCase c, long seed) {
        Graph g = c.build(seed).graph();
        double[] w = c.start(seed);
        double[] v = Checks.gaussians(new RandomStream(seed + 100), w.length);
        double[] hv = new double[w.length];
        double[] gradFromHvp = new double[w.length];
        g.hessianVectorProduct(w, v, hv, gradFromHvp);
        double[] fd = Checks.directional((x, out) -> g.gradient(x, out), w, v, w.length);
        double err = Checks.relativeError(hv, fd);
        assertTrue(err <= 1e-7, c + ": HVP relative error " + err);
        double[] grad = new double[w.length];
        g.gradient(w, grad);
        assertArrayEquals(grad, gradFromHvp, 0.0, c + ": the HVP's backward pass must give the gradient's bits");
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void hessianVectorProductIsSymmetric(OpCases.OpCase c, long seed) {
        Graph g = c.build(seed).graph();
        double[] w = c.start(seed);
        RandomStream r = new RandomStream(seed + 200);
        double[] u = Checks.gaussians(r, w.length);
        double[] v = Checks.gaussians(r, w.length);
        double[] hu = new double[w.length];
        double[] hv = new double[w.length];
        g.hessianVectorProduct(w, u, hu);
        g.hessianVectorProduct(w, v, hv);
        double a = Checks.dot(u, hv);
        double b = Checks.dot(v, hu);
        double scale = Math.max(Math.abs(a), Math.abs(b));
        assertTrue(scale > 0, c + ": zero curvature, nothing checked");
        assertTrue(Math.abs(a - b) <= 1e-12 * scale, c + ": <u,Hv> = " + a + " but <v,Hu> = " + b);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void jvpMatchesDifferencesAndVjpIsItsAdjoint(OpCases.OpCase c, long seed) {
        OpCases.Built built = c.build(seed);
        Graph g = built.graph();
        Node y = built.op();
        double[] w = c.start(seed);
        RandomStream r = new RandomStream(seed + 300);
        double[] v = Checks.gaussians(r, w.length);
        double[] u = Checks.gaussians(r, y.size());
        double[] jv = new double[y.size()];
        g.jvp(w, v, y, jv);
        double[] fd = Checks.directional((x, out) -> {
            g.forward(x);
            System.arraycopy(y.value().data(), 0, out, 0, out.length);
        }, w, v, y.size());
        double err = Checks.relativeError(jv, fd);
        assertTrue(err <= 1e-7, c + ": JVP relative error " + err);
        double[] jtu = new double[w.length];
        g.vjp(w, y, u, jtu);
        double a = Checks.dot(u, jv);
        double b = Checks.dot(jtu, v);
        assertTrue(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), c + ": <u,Jv> = " + a + ", <J'u,v> = " + b);
    }

    @Test
    void everyCaseHasCurvatureAndANonzeroGradient() {
        for (OpCases.OpCase c : OpCases.all()) {
            Graph g = c.build(1).graph();
            double[] w = c.start(1);
            double[] grad = new double[w.length];
            g.gradient(w, grad);
            assertTrue(Checks.norm(grad) > 0, c + " has a zero gradient");
        }
        assertEquals(OpCases.ALL.size(), OpCases.all().size());
    }
}
