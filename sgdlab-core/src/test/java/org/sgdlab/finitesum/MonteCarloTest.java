package org.sgdlab.finitesum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.ProgressListener;

class MonteCarloTest {
    private static final MonteCarlo.Run RUN = (r, s) -> {
        double a = 0;
        double[] o = new double[3];
        for (int k = 0; k < 200; k++) {
            a += s.nextGaussian();
        }
        o[0] = a / Math.sqrt(200);
        o[1] = s.nextDouble();
        o[2] = r;
        return o;
    };

    @Test
    void sameBitsOnOneAndTwoThreads() {
        MonteCarlo.Estimates one = MonteCarlo.estimate(1000, new RandomStream(42), 1, RUN, ProgressListener.NONE);
        MonteCarlo.Estimates two = MonteCarlo.estimate(1000, new RandomStream(42), 2, RUN, ProgressListener.NONE);
        MonteCarlo.Estimates four = MonteCarlo.estimate(1000, new RandomStream(42), 4, RUN, ProgressListener.NONE);
        assertArrayEquals(one.mean(), two.mean(), 0.0);
        assertArrayEquals(one.stdErr(), two.stdErr(), 0.0);
        assertArrayEquals(one.mean(), four.mean(), 0.0);
        MonteCarlo.Estimates other = MonteCarlo.estimate(1000, new RandomStream(43), 2, RUN, ProgressListener.NONE);
        assertTrue(other.mean()[0] != one.mean()[0]);
    }

    @Test
    void estimatesAndIntervalsOfKnownDistributions() {
        MonteCarlo.Estimates e = MonteCarlo.estimate(20000, new RandomStream(7), 2, RUN, ProgressListener.NONE);
        assertEquals(0.0, e.mean()[0], 4 / Math.sqrt(20000));
        assertEquals(1 / Math.sqrt(20000), e.stdErr()[0], 0.05 / Math.sqrt(20000));
        assertEquals(0.5, e.mean()[1], 4 * Math.sqrt(1 / 12.0 / 20000));
        assertEquals(19999 / 2.0, e.mean()[2], 1e-9);
        assertEquals(19999, e.max()[2]);
        assertTrue(e.lower(0, 4) < 0 && e.upper(0, 4) > 0);
    }

    @Test
    void normalQuantiles() {
        assertEquals(0.975, Normal.cdf(1.959963984540054), 1e-14);
        assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-11);
        assertEquals(0.5, Normal.cdf(0), 0);
        assertEquals(2.5758293035489, Normal.bonferroniZ(0.05, 5), 1e-10);
        assertEquals(1 - 2.866515718791939e-7, Normal.cdf(5), 1e-14);
    }
}
