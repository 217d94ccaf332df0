package org.sgdlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.Simd;

/** The lanewise arccos has the bits of the scalar one on every lane, for every tail length and the special values. */
class ArccosLanesTest {
    private static final double[] SPECIAL = {1.0, -1.0, 0.0, -0.0, 0.5, -0.5, Math.nextUp(0.5), Math.nextDown(0.5),
        -Math.nextUp(0.5), -Math.nextDown(0.5), Math.nextDown(1.0), -Math.nextDown(1.0), Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, Double.NaN, Math.nextUp(1.0), -Math.nextUp(1.0), 2.0,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void everyLaneIsTheScalarArccosBitForBit() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        SplittableRandom rng = new SplittableRandom(14);
        int n = 200_003; // not a multiple of 4: the tail too
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> rng.nextDouble(-1.0, 1.0);
                case 1 -> (rng.nextBoolean() ? 1 : -1) * Math.pow(2, rng.nextDouble(-60, -1));
                case 2 -> (rng.nextBoolean() ? 1 : -1) * (1.0 - Math.pow(2, rng.nextDouble(-53, -1)));
                default -> SPECIAL[(i / 4) % SPECIAL.length];
            };
        }
        double[] out = new double[n + 3];
        ArccosLanes.acos(x, 0, out, 3, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToLongBits(Arccos.acos(x[i])), Double.doubleToLongBits(out[3 + i]),
                    "acos(" + x[i] + ")");
        }
    }

    @Test
    void everyTailLengthAndOffset() {
        assertTrue(Simd.ENABLED, "the build runs the tests with the Vector API module: " + Simd.describe());
        for (int n = 0; n <= 2 * SPECIAL.length + 3; n++) {
            for (int off = 0; off < 4; off++) {
                double[] x = new double[off + n];
                for (int i = 0; i < n; i++) {
                    x[off + i] = SPECIAL[(i * 7 + off) % SPECIAL.length];
                }
                double[] inPlace = x.clone();
                ArccosLanes.acos(inPlace, off, inPlace, off, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToLongBits(Arccos.acos(x[off + i])),
                            Double.doubleToLongBits(inPlace[off + i]), "n = " + n + ", x = " + x[off + i]);
                }
            }
        }
    }
}
