package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Closed forms against Gauss–Hermite quadrature, and the special values of the arc-cosine duals. */
class DualActivationTest {
    /** Covariances (a, b, c) with variances near 1, the range the NTK recursion visits for unit inputs. */
    static final double[][] UNIT = {{1, 1, 0.3}, {1, 1, 0.99}, {1, 1, 1}, {1, 1, -1}, {2, 0.5, -0.7}, {0.1, 0.2, 0.05},
        {1.5, 0.7, 0}};

    @Test
    void erfQuadratureMatchesTheArcsineKernelAtUnitVariances() {
        double[] q = new double[2];
        double[] c = new double[2];
        QuadratureDual quad = QuadratureDual.erf(64);
        for (double[] s : UNIT) {
            quad.expectations(s[0], s[1], s[2], q);
            new ErfDual().expectations(s[0], s[1], s[2], c);
            assertEquals(c[0], q[0], 1e-10, "E[erf erf] at " + java.util.Arrays.toString(s));
            assertEquals(c[1], q[1], 1e-10, "E[erf' erf'] at " + java.util.Arrays.toString(s));
        }
        assertEquals(new ErfDual().secondMoment(0.8), quad.secondMoment(0.8), 1e-12);
    }

    @Test
    void quadratureConvergesGeometricallyAtLargerVariances() {
        // a = 4: 64 nodes leave ~1e-7, 128 nodes ~1e-12 (the rate depends on √a over the distance of σ's poles).
        double[] q = new double[2];
        double[] c = new double[2];
        new ErfDual().expectations(4, 3, 2, c);
        QuadratureDual.erf(128).expectations(4, 3, 2, q);
        assertEquals(c[0], q[0], 1e-12);
        assertEquals(c[1], q[1], 1e-11);
        QuadratureDual.erf(64).expectations(4, 3, 2, q);
        assertTrue(Math.abs(q[1] - c[1]) > 1e-9, "64 nodes are not enough at a = 4 (documented): " + Math.abs(q[1] - c[1]));
    }

    @Test
    void reluQuadratureApproachesTheArcCosineFormsAlgebraically() {
        // ReLU's kink (and the step of its derivative) slow Gauss–Hermite to an algebraic rate: the closed form is the one
        // used; here the quadrature only has to approach it and get better with more nodes.
        double[] c = new double[2];
        double[] q = new double[2];
        double worst32 = 0;
        double worst128 = 0;
        for (double[] s : UNIT) {
            new ReluDual().expectations(s[0], s[1], s[2], c);
            QuadratureDual.relu(128).expectations(s[0], s[1], s[2], q);
            assertEquals(c[0], q[0], 2e-3 * Math.sqrt(s[0] * s[1]), "E[relu relu] at " + java.util.Arrays.toString(s));
            assertEquals(c[1], q[1], 3e-2, "E[step step] at " + java.util.Arrays.toString(s));
            worst128 = Math.max(worst128, Math.abs(c[0] - q[0]));
            QuadratureDual.relu(32).expectations(s[0], s[1], s[2], q);
            worst32 = Math.max(worst32, Math.abs(c[0] - q[0]));
        }
        assertTrue(worst128 < worst32 / 2, "more nodes, smaller error: " + worst32 + " -> " + worst128);
    }

    @Test
    void reluDualSpecialValues() {
        double[] e = new double[2];
        ReluDual r = new ReluDual();
        r.expectations(4, 9, 6, e); // ρ = 1: E[relu(u)²]-like, √(ab)·π/(2π) = 3; step: 1/2
        assertEquals(3.0, e[0], 1e-15);
        assertEquals(0.5, e[1], 0.0);
        r.expectations(4, 9, 0, e); // ρ = 0: √(ab)/(2π); 1/4
        assertEquals(6 / (2 * Math.PI), e[0], 1e-15);
        assertEquals(0.25, e[1], 1e-16);
        r.expectations(4, 9, -6, e); // ρ = −1: disjoint supports
        assertEquals(0.0, e[0], 1e-15);
        assertEquals(0.0, e[1], 0.0);
        assertEquals(2.0, r.defaultScale(), 0.0); // He
        r.expectations(0, 9, 0, e); // a zero input: no NaN
        assertEquals(0.0, e[0], 0.0);
        assertEquals(0.0, e[1], 0.0);
    }

    @Test
    void reluDualAgreesWithTheArcCosineKernels() {
        ArcCosineKernel k0 = new ArcCosineKernel(0);
        ArcCosineKernel k1 = new ArcCosineKernel(1);
        double[] e = new double[2];
        for (double[] s : UNIT) {
            new ReluDual().expectations(s[0], s[1], s[2], e);
            assertEquals(k1.fromInnerProducts(s[0], s[1], s[2]) / 2, e[0], 1e-15);
            assertEquals(k0.fromInnerProducts(s[0], s[1], s[2]) / 2, e[1], 1e-15);
        }
    }

    @Test
    void tanhAndSoftplusAgreeWithMoreNodes() {
        // No closed form: the documented accuracy of QuadratureDual.DEFAULT_POINTS against a 200-node rule.
        double[] a = new double[2];
        double[] b = new double[2];
        String[] names = {"tanh", "softplus"};
        double[] tolerance = {5e-8, 1e-14};
        for (int k = 0; k < 2; k++) {
            for (double[] s : UNIT) {
                DualActivation.byName(names[k], QuadratureDual.DEFAULT_POINTS).expectations(s[0], s[1], s[2], a);
                DualActivation.byName(names[k], 200).expectations(s[0], s[1], s[2], b);
                assertEquals(b[0], a[0], tolerance[k], names[k] + " at " + java.util.Arrays.toString(s));
                assertEquals(b[1], a[1], tolerance[k], names[k] + "' at " + java.util.Arrays.toString(s));
            }
        }
        // tanh is odd: E[tanh(u) tanh(v)] changes sign with c, and is 0 at c = 0.
        DualActivation t = DualActivation.byName("tanh", 64);
        t.expectations(1, 1, 0.4, a);
        t.expectations(1, 1, -0.4, b);
        assertEquals(a[0], -b[0], 1e-15);
        assertEquals(a[1], b[1], 1e-15);
    }

    @Test
    void erfSecondMomentIsItsSelfCovariance() {
        double[] e = new double[2];
        new ErfDual().expectations(0.7, 0.7, 0.7, e);
        assertEquals(new ErfDual().secondMoment(0.7), e[0], 1e-15);
        // E[erf'(u)²] = (4/π)/√(1 + 4a)
        assertEquals(4 / Math.PI / Math.sqrt(1 + 4 * 0.7), e[1], 1e-15);
    }

    @Test
    void unknownActivationIsNamed() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DualActivation.byName("gelu", 64));
        assertTrue(ex.getMessage().contains("\"gelu\"") && ex.getMessage().contains("tanh"), ex.getMessage());
    }
}
