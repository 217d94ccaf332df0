package org.sgdlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The partials' reduction: block order from zero whatever order Spark merges them in. */
class BlockPartialsTest {
    /** Values whose sum depends on the order: 1e16 + 1 − 1e16 is 0 left to right, 1 in another order. */
    private static double[][] parts() {
        return new double[][] {{1e16, 1e16}, {1.0, 1.0}, {-1e16, 3.0}};
    }

    @Test
    void mergeOrderDoesNotChangeTheSum() {
        double[][] p = parts();
        BlockPartials a = new BlockPartials().add(2, p[2]).merge(new BlockPartials().add(0, p[0])).merge(new BlockPartials().add(1, p[1]));
        BlockPartials b = new BlockPartials().add(0, p[0]).add(1, p[1]).add(2, p[2]);
        double[] outA = new double[1];
        double[] outB = new double[1];
        double va = a.sumInBlockOrder(3, outA);
        double vb = b.sumInBlockOrder(3, outB);
        assertArrayEquals(outB, outA);
        assertEquals(vb, va, 0.0);
        assertEquals(((0.0 + 1e16) + 1.0) + -1e16, outA[0], 0.0); // left to right: 0
        assertEquals(((0.0 + 1e16) + 1.0) + 3.0, va, 0.0);
    }

    @Test
    void oneBlockIsReturnedAsItIs() {
        double[] out = new double[1];
        assertEquals(5.0, new BlockPartials().add(0, new double[] {-0.0, 5.0}).sumInBlockOrder(1, out), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[0])); // not 0.0 + −0.0
    }

    @Test
    void missingOrRepeatedBlocksAreErrors() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BlockPartials().add(0, new double[2]).add(2, new double[2]).sumInBlockOrder(3, new double[1]));
        assertTrue(e.getMessage().contains("expected the partials of blocks 0..2, got 2 blocks [0, 2]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new BlockPartials().add(1, new double[2]).add(1, new double[2]));
    }
}
