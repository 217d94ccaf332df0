package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * The entrywise passes shared by Parallel's threads ({@link Chunks}: relu, bias rows forward and backward) and the
 * products split over threads give the same bits on 1, 2 and 3 threads: a 96-128-128-1 relu MLP on 600 rows (its
 * hidden layers' 76 800 entries are past {@link Chunks#PARALLEL_MIN}), gradient and HVP.
 */
class ThreadCountBitsTest {
    @Test
    void gradientAndHvpHaveTheSameBitsOnAnyThreadCount() {
        int n = 600;
        Mlp mlp = Mlp.builder(96).hidden(128, 128).build();
        GraphBuilder b = new GraphBuilder(mlp.layout());
        Node x = b.input("x", n, 96);
        Node y = b.input("y", n, 1);
        Graph g = b.build(b.sum(b.loss(mlp.build(b, x), y, SquaredLoss.INSTANCE)));
        assertTrue(n * 128 >= Chunks.PARALLEL_MIN);
        RandomStream r = new RandomStream(21);
        g.setInput("x", Checks.gaussians(r, n * 96));
        g.setInput("y", Checks.gaussians(r, n));
        double[] w = mlp.initialize(new RandomStream(22));
        double[] v = Checks.gaussians(r, w.length);
        int saved = Parallel.threads();
        double[] refG = null;
        double[] refH = null;
        try {
            for (int t : new int[] {1, 2, 3, 2}) {
                Parallel.setThreads(t);
                double[] grad = new double[w.length];
                double[] hv = new double[w.length];
                g.gradient(w, grad);
                g.hessianVectorProduct(w, v, hv);
                if (refG == null) {
                    refG = grad;
                    refH = hv;
                    continue;
                }
                for (int i = 0; i < w.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(refG[i]), Double.doubleToRawLongBits(grad[i]),
                            t + " threads: gradient entry " + i);
                    assertEquals(Double.doubleToRawLongBits(refH[i]), Double.doubleToRawLongBits(hv[i]),
                            t + " threads: HVP entry " + i);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
