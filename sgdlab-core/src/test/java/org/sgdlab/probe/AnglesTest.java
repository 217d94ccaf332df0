package org.sgdlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnglesTest {
    @ParameterizedTest
    @ValueSource(doubles = {1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.5, 1.0, 2.0, 3.0})
    void recoversAKnownAngleAccuratelyEvenNearZero(double theta) {
        double[] a = {1, 0, 0};
        double[] b = {Math.cos(theta) * 7, Math.sin(theta) * 7, 0};
        assertEquals(theta, Angles.between(a, b), 4e-16 * Math.max(theta, 1e-16) + 1e-31 + theta * 1e-15);
    }

    @Test
    void acosWouldHaveFailedHere() {
        double theta = 1e-9;
        double[] a = {1, 0};
        double[] b = {Math.cos(theta), Math.sin(theta)};
        double viaAcos = Math.acos(a[0] * b[0] + a[1] * b[1]);
        assertTrue(Math.abs(viaAcos - theta) > 1e-10, "acos loses the digits: " + viaAcos);
        assertEquals(theta, Angles.between(a, b), 1e-24);
    }

    @Test
    void parallelOppositeAndZero() {
        assertEquals(0.0, Angles.between(new double[] {2, 2}, new double[] {1, 1}), 0);
        assertEquals(Math.PI, Angles.between(new double[] {1, 0}, new double[] {-3, 0}), 1e-15);
        assertTrue(Double.isNaN(Angles.between(new double[] {0, 0}, new double[] {1, 0})));
    }

    @Test
    void logSpacedScheduleHasEndpointsAndIsIncreasing() {
        ProbeSchedule s = ProbeSchedule.logSpaced(1_000_000, 10);
        long[] t = s.steps();
        assertEquals(0, t[0]);
        assertEquals(1_000_000, t[t.length - 1]);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] > t[i - 1]);
        }
        assertTrue(t.length < 70, "about 10 per decade: " + t.length);
    }
}
