package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.random.RandomStream;

/**
 * The contract every optimizer in the registry must meet: convergence on a strongly convex
 * quadratic, bitwise determinism, independent state copies, params left untouched, and no
 * allocation in {@code updateInPlace} after warm-up.
 */
class OptimizerContractTest {
    /**
     * A registry entry: a factory, the steps to run on the quadratic, the accepted distance to the
     * minimizer and the coupled weight decay λ the optimizer adds (its minimizer is that of
     * f + (λ/2)‖w‖²).
     */
    record Entry(String name, Supplier<Transform> make, int steps, double tolerance, double weightDecay) {
        Entry(String name, Supplier<Transform> make, int steps, double tolerance) {
            this(name, make, steps, tolerance, 0.0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Entry> REGISTRY = List.of(
            new Entry("sgd", () -> Optimizers.sgd(0.3), 2000, 1e-8),
            new Entry("sgd-momentum-dampening-wd", () -> Optimizers.sgd(0.1, 0.9, 0.3, false, 1e-3), 2000, 1e-8, 1e-3),
            new Entry("sgd-nesterov", () -> Optimizers.sgd(0.1, 0.9, 0.0, true, 0.0), 2000, 1e-8),
            new Entry("momentum", () -> Optimizers.momentum(Schedules.constant(0.05), 0.9), 2000, 1e-8),
            new Entry("nesterov", () -> Optimizers.nesterov(Schedules.constant(0.05), 0.9), 2000, 1e-8),
            new Entry("adam", () -> Optimizers.adam(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 0), 3000, 1e-6),
            new Entry("adam-wd", () -> Optimizers.adam(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 1e-3), 3000, 1e-6, 1e-3),
            new Entry("amsgrad", () -> Optimizers.amsgrad(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 0), 3000, 1e-6),
            // decoupled decay pulls the fixed point off w* by O(λ·|w*|/|Adam direction|): small λ, looser tolerance
            new Entry("adamw", () -> Optimizers.adamW(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 1e-6, false), 3000,
                    1e-5),
            new Entry("adamw-amsgrad", () -> Optimizers.adamW(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 1e-6, true),
                    3000, 1e-5),
            new Entry("adamax", () -> Optimizers.adamax(Schedules.cosine(0.05, 3000, 0), 0.9, 0.999, 1e-8, 0), 3000, 1e-6),
            new Entry("adagrad", () -> Optimizers.adagrad(0.5), 3000, 1e-8),
            new Entry("adagrad-decay-init-wd", () -> Optimizers.adagrad(0.5, 1e-4, 1e-3, 0.1, 1e-10), 3000, 1e-8, 1e-3),
            new Entry("adagrad-norm", () -> Optimizers.adagradNorm(2.0, 0.1), 3000, 1e-8),
            new Entry("full-matrix-adagrad", () -> Optimizers.fullMatrixAdagrad(1.0, 1e-8), 3000, 1e-8),
            new Entry("rmsprop", () -> Optimizers.rmsprop(Schedules.cosine(0.02, 3000, 0), 0.99, 1e-8, 0, 0, false), 3000,
                    1e-6),
            new Entry("rmsprop-centered-momentum-wd",
                    () -> Optimizers.rmsprop(Schedules.cosine(0.01, 3000, 0), 0.9, 1e-8, 1e-3, 0.5, true), 3000, 1e-6, 1e-3),
            new Entry("normalized-gd", () -> Optimizers.normalizedGd(Schedules.exponential(0.5, 0.99)), 3000, 1e-6),
            new Entry("clip-by-global-norm-sgd", () -> Chain.of(new ClipByGlobalNorm(0.5), Optimizers.sgd(0.3)), 3000, 1e-8),
            new Entry("clip-by-value-sgd", () -> Chain.of(new ClipByValue(0.1), Optimizers.sgd(0.3)), 3000, 1e-8),
            new Entry("sgd-warmup-step-decay", () -> Optimizers.sgd(Schedules.warmup(50, Schedules.stepDecay(0.5, 0.7, 500))),
                    3000, 1e-8));

    static Stream<Arguments> registry() {
        return REGISTRY.stream().map(Arguments::of);
    }

    /** f(w) = ½ Σ λᵢ (wᵢ − cᵢ)², minimized at c. */
    static final double[] LAMBDA = {1.0, 0.5, 2.0, 0.8};
    static final double[] CENTER = {0.3, -1.0, 0.25, 2.0};

    static void gradient(double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            g[i] = LAMBDA[i] * (w[i] - CENTER[i]);
        }
    }

    /** Runs {@code steps} steps from w (in place) with preallocated buffers. */
    static void run(Transform opt, State s, double[] w, double[] g, long steps) {
        for (long t = 0; t < steps; t++) {
            gradient(w, g);
            opt.updateInPlace(g, s, w);
            for (int i = 0; i < w.length; i++) {
                w[i] += g[i];
            }
        }
    }

    static double[] start() {
        return new RandomStream(7).gaussians(new double[LAMBDA.length]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void convergesOnAStronglyConvexQuadratic(Entry e) {
        Transform opt = e.make().get();
        double[] w = start();
        State s = opt.init(w);
        run(opt, s, w, new double[w.length], e.steps());
        double worst = 0;
        for (int i = 0; i < w.length; i++) {
            double target = LAMBDA[i] * CENTER[i] / (LAMBDA[i] + e.weightDecay());
            worst = Math.max(worst, Math.abs(w[i] - target));
        }
        assertTrue(worst <= e.tolerance(), e.name() + ": max |w − w*| = " + worst + " after " + e.steps() + " steps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void sameInputsGiveIdenticalBits(Entry e) {
        double[][] out = new double[2][];
        for (int k = 0; k < 2; k++) {
            Transform opt = e.make().get();
            double[] w = start();
            run(opt, opt.init(w), w, new double[w.length], 200);
            out[k] = w;
        }
        for (int i = 0; i < out[0].length; i++) {
            assertEquals(Double.doubleToRawLongBits(out[0][i]), Double.doubleToRawLongBits(out[1][i]), e.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void copiedStateContinuesIdenticallyAndLeavesOriginalAlone(Entry e) {
        Transform opt = e.make().get();
        double[] g = new double[LAMBDA.length];
        // reference: 25 uninterrupted steps
        double[] ref = start();
        run(opt, opt.init(ref), ref, g, 25);

        double[] w = start();
        State s = opt.init(w);
        run(opt, s, w, g, 5);
        State branch = s.copy();
        double[] wBranch = w.clone();
        run(opt, branch, wBranch, g, 20); // the copy runs ahead first …
        double[] wMain = w.clone();
        run(opt, s, wMain, g, 20); // … and the original must not have noticed
        assertArrayEquals(ref, wBranch, 0.0, e.name() + " copy");
        assertArrayEquals(ref, wMain, 0.0, e.name() + " original");
        // a copy of a copy, taken later, is still independent
        State late = s.copy();
        double[] wLate = wMain.clone();
        run(opt, late, wLate, g, 3);
        double[] wMain2 = wMain.clone();
        run(opt, s, wMain2, g, 3);
        assertArrayEquals(wMain2, wLate, 0.0, e.name() + " late copy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void updateDoesNotModifyParams(Entry e) {
        Transform opt = e.make().get();
        double[] w = start();
        State s = opt.init(w);
        double[] g = new double[w.length];
        for (int t = 0; t < 5; t++) {
            gradient(w, g);
            double[] before = w.clone();
            opt.updateInPlace(g, s, w);
            assertArrayEquals(before, w, 0.0, e.name());
            for (int i = 0; i < w.length; i++) {
                w[i] += g[i];
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void updateAllocatesNothingAfterWarmUp(Entry e) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Transform opt = e.make().get();
        double[] w = start();
        double[] g = new double[w.length];
        State s = opt.init(w);
        run(opt, s, w, g, 20_000); // warm-up: let the JIT compile the loop
        long before = mx.getThreadAllocatedBytes(tid);
        run(opt, s, w, g, 1_000);
        long small = mx.getThreadAllocatedBytes(tid) - before;
        before = mx.getThreadAllocatedBytes(tid);
        run(opt, s, w, g, 100_000);
        long large = mx.getThreadAllocatedBytes(tid) - before;
        // 99 000 extra updates: any per-update allocation (≥ 16 bytes) would add ≥ 1.5 MB
        assertTrue(large - small < 200_000, e.name() + ": extra bytes for 99 000 more updates: " + (large - small));
    }
}
