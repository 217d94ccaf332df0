package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GaussHermiteTest {
    /** ∫ t^{2k} e^{−t²} dt = Γ(k + ½) = (2k − 1)!! √π / 2^k. */
    static double evenMoment(int k) {
        double m = Math.sqrt(Math.PI);
        for (int j = 1; j <= k; j++) {
            m *= (2 * j - 1) / 2.0;
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 10, 20, 64, 128, 200})
    void integratesPolynomialsOfDegreeBelow2qExactly(int q) {
        GaussHermite g = GaussHermite.of(q);
        double[] t = g.nodes();
        double[] w = g.weights();
        // Moments up to degree 2q − 1, but the even ones only up to where t^{2k} stays representable beside Γ(k+½).
        for (int k = 0; 2 * k <= Math.min(2 * q - 1, 60); k++) {
            double s = 0;
            double odd = 0;
            for (int i = 0; i < q; i++) {
                s += w[i] * Math.pow(t[i], 2 * k);
                odd += w[i] * Math.pow(t[i], 2 * k + 1);
            }
            assertEquals(1.0, s / evenMoment(k), 1e-12, "q=" + q + ", moment t^" + 2 * k);
            if (2 * k + 1 <= 2 * q - 1) {
                assertEquals(0.0, odd / evenMoment(k + 1), 1e-13, "q=" + q + ", odd moment t^" + (2 * k + 1));
            }
        }
    }

    @Test
    void nodesAreSymmetricAscendingAndWeightsPositive() {
        for (int q : new int[] {7, 64}) {
            GaussHermite g = GaussHermite.of(q);
            double[] t = g.nodes();
            double[] w = g.weights();
            for (int i = 0; i < q; i++) {
                assertEquals(-t[q - 1 - i], t[i], 0.0);
                assertEquals(w[q - 1 - i], w[i], 0.0);
                assertTrue(w[i] > 0, "weight " + i);
                if (i > 0) {
                    assertTrue(t[i] > t[i - 1]);
                }
            }
        }
        // The 2-point rule: ±1/√2 with weights √π/2 (closed form).
        GaussHermite two = GaussHermite.of(2);
        assertEquals(1 / Math.sqrt(2), two.nodes()[1], 1e-16);
        assertEquals(Math.sqrt(Math.PI) / 2, two.weights()[0], 1e-15);
    }

    @Test
    void outerWeightsKeepTheirRelativeAccuracy() {
        // The smallest weight of the 20-point rule is 2.229393645534151e-13 (Abramowitz & Stegun Table 25.10).
        GaussHermite g = GaussHermite.of(20);
        assertEquals(2.229393645534151e-13, g.weights()[0], 1e-12 * 2.23e-13);
        assertEquals(5.387480890011233, g.nodes()[19], 1e-14);
    }

    @Test
    void badPointCountsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussHermite.of(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussHermite.of(201));
        assertTrue(e.getMessage().contains("got 201"), e.getMessage());
    }
}
