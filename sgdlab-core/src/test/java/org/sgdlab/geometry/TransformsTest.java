package org.sgdlab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.ScaleByLearningRate;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;

class TransformsTest {

    /** Least squares ½‖Xw − y‖² with X n×d (row-major). */
    record LeastSquares(double[] x, double[] y, int n, int d) {
        static LeastSquares random(SplittableRandom r, int n, int d) {
            return new LeastSquares(Rnd.gaussian(r, n * d), Rnd.gaussian(r, n), n, d);
        }

        void gradient(double[] w, double[] g) {
            java.util.Arrays.fill(g, 0.0);
            for (int i = 0; i < n; i++) {
                double res = -y[i];
                for (int j = 0; j < d; j++) {
                    res += x[i * d + j] * w[j];
                }
                for (int j = 0; j < d; j++) {
                    g[j] += res * x[i * d + j];
                }
            }
        }
    }

    static double[][] trajectory(Transform opt, double[] w0, LeastSquares f, int steps) {
        double[] w = w0.clone();
        double[] g = new double[w.length];
        State s = opt.init(w);
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            f.gradient(w, g);
            opt.updateInPlace(g, s, w);
            for (int i = 0; i < w.length; i++) {
                w[i] += g[i];
            }
            out[t] = w.clone();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mirrorDescentWithHalfSquaredL2IsGradientDescentBitForBit(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LeastSquares f = LeastSquares.random(r, 4, 9);
        double[] w0 = Rnd.gaussian(r, 9);
        for (Schedule lr : List.of(Schedules.constant(0.01), Schedules.inverseTime(0.03, 50))) {
            double[][] gd = trajectory(Optimizers.sgd(lr), w0, f, 2000);
            double[][] md = trajectory(GeometricOptimizers.mirrorDescent(Potentials.euclidean(), lr), w0, f, 2000);
            for (int t = 0; t < gd.length; t++) {
                for (int i = 0; i < 9; i++) {
                    assertEquals(Double.doubleToRawLongBits(gd[t][i]), Double.doubleToRawLongBits(md[t][i]),
                            "step " + t + " coordinate " + i);
                }
            }
        }
    }

    /** 002 Thm 8.1.2: the dual iterate ∇R(w_t) stays in ∇R(w₀) + span of the data rows. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void mirrorDescentKeepsTheDualIterateInTheDataSpan(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LeastSquares f = LeastSquares.random(r, 2, 5);
        for (Potential pot : List.of(Potentials.hyperbolicEntropy(0.1), Potentials.lpSquared(3), Potentials.hyperbolicEntropyBook(0.5))) {
            double[] w0 = Rnd.gaussian(r, 5);
            double[][] traj = trajectory(new MirrorDescent(pot, Schedules.constant(0.02)), w0, f, 3000);
            double[] w = traj[traj.length - 1];
            double[] g = new double[5];
            f.gradient(w, g);
            assertTrue(Norms.l2Norm(g) < 1e-6, pot.describe() + " converged: ‖∇L‖ = " + Norms.l2Norm(g));
            double[] d0 = new double[5];
            double[] d = new double[5];
            pot.gradientInto(w0, d0);
            pot.gradientInto(w, d);
            for (int i = 0; i < 5; i++) {
                d[i] -= d0[i];
            }
            // remove the component in span{x₁, x₂} (Gram–Schmidt) and check nothing is left
            double[] x1 = java.util.Arrays.copyOfRange(f.x(), 0, 5);
            double[] x2 = java.util.Arrays.copyOfRange(f.x(), 5, 10);
            double c = Rnd.dot(x2, x1) / Rnd.dot(x1, x1);
            for (int i = 0; i < 5; i++) {
                x2[i] -= c * x1[i];
            }
            double a1 = Rnd.dot(d, x1) / Rnd.dot(x1, x1);
            double a2 = Rnd.dot(d, x2) / Rnd.dot(x2, x2);
            for (int i = 0; i < 5; i++) {
                d[i] -= a1 * x1[i] + a2 * x2[i];
            }
            assertTrue(Norms.l2Norm(d) < 1e-10, pot.describe() + ": ∇R(w) − ∇R(w₀) off the data span by " + Norms.l2Norm(d));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void exponentiatedGradientStaysOnTheSimplex(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 10;
        double[] c = Rnd.gaussian(r, n);
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        Chain eg = GeometricOptimizers.exponentiatedGradient(Schedules.constant(0.5));
        State s = eg.init(w);
        double[] g = new double[n];
        for (int t = 0; t < 1000; t++) {
            System.arraycopy(c, 0, g, 0, n);
            eg.updateInPlace(g, s, w);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] += g[i];
                assertTrue(w[i] >= 0, "w[" + i + "] = " + w[i]);
                sum += w[i];
            }
            assertEquals(1.0, sum, 1e-14, "step " + t);
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (c[i] < c[best]) {
                best = i;
            }
        }
        assertTrue(w[best] > 0.99, "EG on a linear loss concentrates on argmin c: w = " + java.util.Arrays.toString(w));
    }

    static Stream<Arguments> potentials() {
        return Stream.of(
                Arguments.of(Potentials.euclidean(), false),
                Arguments.of(Potentials.lpSquared(1.5), false),
                Arguments.of(Potentials.lpSquared(3), false),
                Arguments.of(Potentials.hyperbolicEntropy(0.1), false),
                Arguments.of(Potentials.hyperbolicEntropy(2), false),
                Arguments.of(Potentials.hyperbolicEntropyBook(0.5), false),
                Arguments.of(Potentials.negativeEntropy(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("potentials")
    void inverseMirrorMapRoundTripsAndGradientMatchesValue(Potential pot, boolean positive) {
        SplittableRandom r = new SplittableRandom(8);
        for (int k = 0; k < 20; k++) {
            double[] w = Rnd.gaussian(r, 6);
            if (positive) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.abs(w[i]) + 0.01;
                }
            }
            double[] z = new double[6];
            double[] back = new double[6];
            pot.gradientInto(w, z);
            pot.inverseGradientInto(z, back);
            for (int i = 0; i < 6; i++) {
                assertEquals(w[i], back[i], 1e-13 * Math.max(1, Math.abs(w[i])), pot.describe() + " round trip");
            }
            for (int i = 0; i < 6; i++) {
                double h = 1e-5;
                double[] a = w.clone();
                double[] b = w.clone();
                a[i] += h;
                b[i] -= h;
                double fd = (pot.value(a) - pot.value(b)) / (2 * h);
                assertEquals(z[i], fd, 1e-6 * Math.max(1, Math.abs(z[i])), pot.describe() + " ∇R vs finite difference");
            }
        }
    }

    @Test
    void bookHyperbolicEntropyIsTheFormulaPrintedIn002() {
        double alpha = 0.7;
        Potential book = Potentials.hyperbolicEntropyBook(alpha);
        Potential ours = Potentials.hyperbolicEntropy(alpha * alpha);
        double[] w = {-2.0, -0.3, 0.0, 0.4, 5.0};
        double printed = 0;
        for (double x : w) {
            double z = x / (alpha * alpha);
            double q = 2 - Math.sqrt(4 + z * z) + z * Potentials.asinh(z / 2);
            printed += alpha * alpha / 4 * q;
        }
        assertEquals(printed, book.value(w), 1e-14);
        assertEquals(0.25 * (ours.value(w) + w.length * 2 * alpha * alpha), book.value(w), 1e-14);
        double[] gb = new double[5];
        double[] go = new double[5];
        book.gradientInto(w, gb);
        ours.gradientInto(w, go);
        for (int i = 0; i < 5; i++) {
            assertEquals(0.25 * go[i], gb[i], 1e-15);
            assertEquals(0.25 * Potentials.asinh(w[i] / (2 * alpha * alpha)), gb[i], 1e-15, "002 eq. (8.18)");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void namedOptimizersTakeTheirSteps(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = Rnd.gaussian(r, 6);
        double eta = 0.1;
        // signSGD: −η sign(g)
        double[] u = step(GeometricOptimizers.signSgd(Schedules.constant(eta)), g);
        for (int i = 0; i < 6; i++) {
            assertEquals(-eta * Math.signum(g[i]), u[i], 0.0);
        }
        // greedy coordinate: −η g_j e_j
        u = step(GeometricOptimizers.greedyCoordinate(Schedules.constant(eta)), g);
        int j = 0;
        for (int i = 1; i < 6; i++) {
            if (Math.abs(g[i]) > Math.abs(g[j])) {
                j = i;
            }
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(i == j ? -eta * g[j] : 0.0, u[i], 1e-16);
        }
        // steepest descent in ℓ2 is GD (up to rounding of ‖g‖·g/‖g‖)
        u = step(GeometricOptimizers.steepestDescent(Norms.l2(), Schedules.constant(eta)), g);
        for (int i = 0; i < 6; i++) {
            assertEquals(-eta * g[i], u[i], 1e-15);
        }
        // lp-SGD: unit ℓp step of length η
        u = step(GeometricOptimizers.lpSgd(3, Schedules.constant(eta)), g);
        assertEquals(eta, Norms.lp(3).of(u), 1e-15);
        // steepest in ℓp: ‖u‖_p = η‖g‖_q
        u = step(GeometricOptimizers.steepestDescent(Norms.lp(3), Schedules.constant(eta)), g);
        assertEquals(eta * Norms.lp(3).dual(g), Norms.lp(3).of(u), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void muonStepIsTheOrthogonalizedGradient(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 4;
        int cols = 3;
        double[] sigma = {2.0, 1.0, 0.5};
        double[] polar = new double[12];
        double[] g = Rnd.withSingularValues(r, rows, cols, sigma, polar);
        double[] exact = step(GeometricOptimizers.muon(rows, cols, Schedules.constant(0.1), false), g);
        double[] ns = step(GeometricOptimizers.muon(rows, cols, Schedules.constant(0.1), true), g);
        for (int i = 0; i < 12; i++) {
            assertEquals(-0.1 * polar[i], exact[i], 1e-14);
            assertEquals(exact[i], ns[i], 0.1 * 0.32, "Newton–Schulz within its band of the SVD step");
        }
    }

    static double[] step(Transform opt, double[] g) {
        double[] w = new double[g.length];
        double[] u = g.clone();
        opt.updateInPlace(u, opt.init(w), w);
        return u;
    }

    @Test
    void partitionRoutesBlocksAndTheRest() {
        SplittableRandom r = new SplittableRandom(13);
        // layout: [0,2) bias, [2,14) a 4×3 matrix, [14,16) bias, [16,22) a 2×3 matrix
        Transform muonA = GeometricOptimizers.muon(4, 3, Schedules.constant(0.1), false);
        Transform muonB = GeometricOptimizers.muon(2, 3, Schedules.constant(0.05), true);
        Transform rest = Optimizers.momentum(Schedules.constant(0.2), 0.9);
        Partition part = new Partition(List.of(Partition.Block.matrix(2, 4, 3, muonA), Partition.Block.matrix(16, 2, 3, muonB)), rest);
        double[] w = Rnd.gaussian(r, 22);
        State s = part.init(w);
        State sa = muonA.init(new double[12]);
        State sb = muonB.init(new double[6]);
        State sr = rest.init(new double[4]);
        State snapshot = null;
        double[] wAtSnapshot = null;
        for (int t = 0; t < 5; t++) {
            if (t == 2) {
                snapshot = s.copy();
                wAtSnapshot = w.clone();
            }
            double[] g = Rnd.gaussian(r, 22);
            double[] ga = java.util.Arrays.copyOfRange(g, 2, 14);
            double[] gb = java.util.Arrays.copyOfRange(g, 16, 22);
            double[] gr = {g[0], g[1], g[14], g[15]};
            double[] wa = java.util.Arrays.copyOfRange(w, 2, 14);
            double[] wb = java.util.Arrays.copyOfRange(w, 16, 22);
            double[] wr = {w[0], w[1], w[14], w[15]};
            muonA.updateInPlace(ga, sa, wa);
            muonB.updateInPlace(gb, sb, wb);
            rest.updateInPlace(gr, sr, wr);
            part.updateInPlace(g, s, w);
            assertArrayEquals(ga, java.util.Arrays.copyOfRange(g, 2, 14), 0.0);
            assertArrayEquals(gb, java.util.Arrays.copyOfRange(g, 16, 22), 0.0);
            assertArrayEquals(gr, new double[] {g[0], g[1], g[14], g[15]}, 0.0);
            for (int i = 0; i < 22; i++) {
                w[i] += g[i];
            }
        }
        assertEquals(0.2, part.lastLearningRate(s).getAsDouble(), 0.0);
        // a copied state continues like the original (momentum buffer and counters are deep-copied)
        double[] w1 = wAtSnapshot.clone();
        double[] w2 = wAtSnapshot.clone();
        State c1 = snapshot.copy();
        State c2 = snapshot;
        SplittableRandom r1 = new SplittableRandom(99);
        SplittableRandom r2 = new SplittableRandom(99);
        for (int t = 0; t < 3; t++) {
            double[] g1 = Rnd.gaussian(r1, 22);
            double[] g2 = Rnd.gaussian(r2, 22);
            part.updateInPlace(g1, c1, w1);
            part.updateInPlace(g2, c2, w2);
            assertArrayEquals(g1, g2, 0.0);
            for (int i = 0; i < 22; i++) {
                w1[i] += g1[i];
                w2[i] += g2[i];
            }
        }
    }

    @Test
    void updatesDoNotAllocateAfterInit() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        SplittableRandom r = new SplittableRandom(14);
        int n = 12;
        double[] w0 = new Sphere().project(Rnd.gaussian(r, n));
        List<Transform> opts = List.of(
                GeometricOptimizers.muon(4, 3, Schedules.constant(0.1), false),
                GeometricOptimizers.muon(4, 3, Schedules.constant(0.1), true),
                GeometricOptimizers.lpSgd(3, Schedules.constant(0.1)),
                new Partition(List.of(Partition.Block.matrix(0, 2, 3, GeometricOptimizers.muon(2, 3, Schedules.constant(0.1), false))),
                        Optimizers.sgd(0.1)),
                GeometricOptimizers.riemannianSgd(new Sphere(), Schedules.constant(0.1), true),
                GeometricOptimizers.riemannianSgd(new LpSphere(3), Schedules.constant(0.1), true),
                GeometricOptimizers.riemannianSgd(new Stiefel(4, 3, Stiefel.Retraction.POLAR), Schedules.constant(0.1)),
                GeometricOptimizers.riemannianSgd(new Stiefel(4, 3, Stiefel.Retraction.QR), Schedules.constant(0.1)),
                GeometricOptimizers.mirrorDescent(Potentials.hyperbolicEntropy(0.5), Schedules.constant(0.1)));
        for (Transform opt : opts) {
            double[] w = opt.describe().contains("stiefel") ? new Stiefel(4, 3, Stiefel.Retraction.QR).project(Rnd.gaussian(r, n))
                    : opt.describe().contains("l3.0-sphere") ? new LpSphere(3).project(w0) : w0.clone();
            State s = opt.init(w);
            double[] g = Rnd.gaussian(r, n);
            double[] u = new double[n];
            for (int t = 0; t < 200; t++) {
                System.arraycopy(g, 0, u, 0, n);
                opt.updateInPlace(u, s, w);
            }
            long before = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int t = 0; t < 1000; t++) {
                System.arraycopy(g, 0, u, 0, n);
                opt.updateInPlace(u, s, w);
            }
            long allocated = sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            // < 4 bytes per update: no update allocates an object (≥ 16 bytes); the few hundred bytes seen
            // in total are JIT/OSR bookkeeping charged to this thread
            assertTrue(allocated < 4096, opt.describe() + " allocated " + allocated + " bytes in 1000 updates");
        }
    }

    @Test
    void invalidHyperparametersFailNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Potentials.hyperbolicEntropy(0));
        assertTrue(e.getMessage().contains("alpha=0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Potentials.hyperbolicEntropyBook(-1));
        assertTrue(e.getMessage().contains("alpha=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Potentials.lpSquared(1));
        assertTrue(e.getMessage().contains("p=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeometricOptimizers.lpSgd(0.9, Schedules.constant(0.1)));
        assertTrue(e.getMessage().contains("p=0.9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeometricOptimizers.signSgd(Schedules.constant(-0.5)));
        assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeometricOptimizers.muon(3, -2, Schedules.constant(0.1), true));
        assertTrue(e.getMessage().contains("cols=-2"), e.getMessage());
        Chain muon = GeometricOptimizers.muon(3, 2, Schedules.constant(0.1), false);
        e = assertThrows(IllegalArgumentException.class, () -> muon.init(new double[7]));
        assertTrue(e.getMessage().contains("length 7"), e.getMessage());
        Chain eg = GeometricOptimizers.exponentiatedGradient(Schedules.constant(0.1));
        e = assertThrows(IllegalArgumentException.class, () -> eg.init(new double[] {0.5, 0.6}));
        assertTrue(e.getMessage().contains("sum(w)=1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> eg.init(new double[] {1.5, -0.5}));
        assertTrue(e.getMessage().contains("w[1]=-0.5"), e.getMessage());
        Transform sgd = new ScaleByLearningRate(Schedules.constant(0.1));
        e = assertThrows(IllegalArgumentException.class,
                () -> new Partition(List.of(new Partition.Block(0, 4, sgd), new Partition.Block(3, 2, sgd)), sgd));
        assertTrue(e.getMessage().contains("[0, 4) and [3, 5)"), e.getMessage());
        Partition p = new Partition(List.of(new Partition.Block(2, 4, sgd)), sgd);
        e = assertThrows(IllegalArgumentException.class, () -> p.init(new double[5]));
        assertTrue(e.getMessage().contains("[2, 6)") && e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Partition.Block.matrix(0, 0, 3, sgd));
        assertTrue(e.getMessage().contains("rows=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Partition.Block(-1, 3, sgd));
        assertTrue(e.getMessage().contains("offset=-1"), e.getMessage());
        Chain md = GeometricOptimizers.mirrorDescent(Potentials.euclidean(), step -> -0.1);
        double[] w = {1, 2};
        State s = md.init(w);
        e = assertThrows(IllegalArgumentException.class, () -> md.updateInPlace(new double[] {1, 1}, s, w));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    }
}
