package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.random.RandomStream;

/** Update formulas against hand-written recurrences, state-copy independence and eager validation. */
class OptimizersTest {
    /** Gradient of f(w) = ½ Σ λᵢ wᵢ² (a strongly convex quadratic). */
    private static double[] quadGrad(double[] w, double[] lambda) {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = lambda[i] * w[i];
        }
        return g;
    }

    private static double[] step(Transform t, State s, double[] w, double[] lambda) {
        double[] u = quadGrad(w, lambda);
        t.updateInPlace(u, s, w);
        double[] next = w.clone();
        for (int i = 0; i < w.length; i++) {
            next[i] += u[i];
        }
        return next;
    }

    @Test
    void heavyBallAndNesterovMatchTheirRecurrences() {
        double[] lambda = {1.0, 0.1, 3.0};
        double lr = 0.2;
        double mu = 0.9;
        for (boolean nesterov : new boolean[] {false, true}) {
            Chain opt = nesterov ? Optimizers.nesterov(Schedules.constant(lr), mu) : Optimizers.momentum(Schedules.constant(lr), mu);
            double[] w = {1, -2, 0.5};
            double[] ref = w.clone();
            double[] b = null;
            State s = opt.init(w);
            for (int t = 0; t < 50; t++) {
                w = step(opt, s, w, lambda);
                double[] g = quadGrad(ref, lambda);
                if (b == null) {
                    b = g.clone();
                } else {
                    for (int i = 0; i < 3; i++) {
                        b[i] = mu * b[i] + g[i];
                    }
                }
                for (int i = 0; i < 3; i++) {
                    ref[i] -= lr * (nesterov ? g[i] + mu * b[i] : b[i]);
                }
                assertArrayEquals(ref, w, 0.0, (nesterov ? "nesterov" : "heavy-ball") + " step " + t);
            }
        }
    }

    @Test
    void schedulesGiveTheirFormulas() {
        assertEquals(0.5, Schedules.constant(0.5).at(1000), 0);
        assertEquals(1.0 / (1 + 10 / 5.0), Schedules.inverseTime(1.0, 5).at(10), 1e-16);
        assertEquals(2.0 / Math.sqrt(1 + 30 / 10.0), Schedules.inverseSqrt(2.0, 10).at(30), 1e-16);
        Chain sgd = Optimizers.sgd(Schedules.inverseTime(1.0, 1));
        double[] u = {1.0};
        State s = sgd.init(u);
        sgd.updateInPlace(u, s, u);
        assertEquals(-1.0, u[0], 0);
        u[0] = 1.0;
        sgd.updateInPlace(u, s, u);
        assertEquals(-0.5, u[0], 0);
        assertEquals(0.5, sgd.lastLearningRate(s).getAsDouble(), 0);
    }

    static Stream<Arguments> registry() {
        List<Supplier<Chain>> all = List.of(() -> Optimizers.sgd(0.1), () -> Optimizers.momentum(Schedules.constant(0.05), 0.9),
                () -> Optimizers.nesterov(Schedules.constant(0.05), 0.9),
                () -> Optimizers.sgd(Schedules.inverseSqrt(0.3, 10)));
        return all.stream().map(s -> Arguments.of(s.get().describe(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void convergesOnAStronglyConvexQuadratic(String name, Supplier<Chain> make) {
        double[] lambda = {1.0, 0.5, 2.0, 0.8};
        Chain opt = make.get();
        double[] w = new RandomStream(1).gaussians(new double[4]);
        State s = opt.init(w);
        for (int t = 0; t < 2000; t++) {
            w = step(opt, s, w, lambda);
        }
        for (double v : w) {
            assertEquals(0.0, v, 1e-6, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void copiedStateContinuesIdenticallyAndLeavesOriginalAlone(String name, Supplier<Chain> make) {
        double[] lambda = {1.0, 0.5, 2.0};
        Chain opt = make.get();
        double[] w = {1, 2, 3};
        State s = opt.init(w);
        for (int t = 0; t < 5; t++) {
            w = step(opt, s, w, lambda);
        }
        State branch = s.copy();
        double[] wBranch = w.clone();
        double[] wMain = w.clone();
        for (int t = 0; t < 10; t++) {
            wBranch = step(opt, branch, wBranch, lambda);
        }
        for (int t = 0; t < 10; t++) {
            wMain = step(opt, s, wMain, lambda);
        }
        assertArrayEquals(wMain, wBranch, 0.0, name);
    }

    @Test
    void badHyperparametersFailAtConstructionWithTheValue() {
        Object[][] cases = {
            {(Runnable) () -> Schedules.constant(-0.1), "-0.1"},
            {(Runnable) () -> Schedules.constant(Double.NaN), "NaN"},
            {(Runnable) () -> Schedules.inverseTime(0.1, 0), "tau"},
            {(Runnable) () -> new Momentum(1.0, 0, false), "momentum must be in [0, 1), got 1.0"},
            {(Runnable) () -> new Momentum(0.9, 1.5, false), "dampening"},
            {(Runnable) () -> new Momentum(0.9, 0.1, true), "Nesterov"},
            {(Runnable) () -> Optimizers.byName("adam3", Schedules.constant(1), 0), "adam3"},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ((Runnable) c[0])::run);
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }
}
