package org.sgdlab.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.geometry.LInfSphere;
import org.sgdlab.geometry.LpSphere;
import org.sgdlab.geometry.Manifold;
import org.sgdlab.geometry.Sphere;
import org.sgdlab.geometry.Stiefel;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;

/**
 * The shared contract, driven by the one registry ({@link OptimizerCatalog}): every optimizer is
 * deterministic, leaves params untouched, has states that copy independently, allocates nothing per
 * update after warm-up, and either converges on a strongly convex quadratic (unconstrained methods) or
 * stays on its constraint set while decreasing the objective (manifold and simplex methods).
 */
class OptimizerCatalogContractTest {
    /** f(w) = ½ Σ λᵢ (wᵢ − cᵢ)², minimized at c. */
    static final double[] LAMBDA = {1.0, 0.5, 2.0, 0.8};
    static final double[] CENTER = {0.3, -1.0, 0.25, 2.0};
    static final double[] START = {1.0, 0.5, -0.7, 0.2};

    static void gradient(double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            g[i] = LAMBDA[i] * (w[i] - CENTER[i]);
        }
    }

    static double value(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += 0.5 * LAMBDA[i] * (w[i] - CENTER[i]) * (w[i] - CENTER[i]);
        }
        return s;
    }

    /**
     * How each catalog entry is exercised: its schedule and hyperparameters, the steps, and either the
     * accepted distance to the minimizer c (unconstrained) or the constraint it must keep.
     */
    record Setting(Schedule lr, Map<String, Double> hp, int steps, double tolerance, Function<double[], Double> violation,
                   double[] start) {
        static Setting converges(Schedule lr, Map<String, Double> hp, int steps, double tolerance) {
            return new Setting(lr, hp, steps, tolerance, null, START);
        }

        static Setting staysOn(Manifold m, Schedule lr, Map<String, Double> hp, int steps) {
            return new Setting(lr, hp, steps, 1e-13, m::violation, m.project(START));
        }
    }

    static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        Schedule cos = Schedules.cosine(0.05, 3000, 0);
        SETTINGS.put("sgd", Setting.converges(Schedules.constant(0.3), Map.of(), 2000, 1e-8));
        SETTINGS.put("momentum", Setting.converges(Schedules.constant(0.05), Map.of(), 2000, 1e-8));
        SETTINGS.put("nesterov", Setting.converges(Schedules.constant(0.05), Map.of(), 2000, 1e-8));
        SETTINGS.put("adam", Setting.converges(cos, Map.of(), 3000, 1e-6));
        SETTINGS.put("amsgrad", Setting.converges(cos, Map.of(), 3000, 1e-6));
        // decoupled decay moves the fixed point by O(λ|w*|): a tiny λ and a tolerance that admits it
        SETTINGS.put("adamw", Setting.converges(cos, Map.of("weight_decay", 1e-6), 3000, 1e-5));
        SETTINGS.put("adamax", Setting.converges(cos, Map.of(), 3000, 1e-6));
        SETTINGS.put("adagrad", Setting.converges(Schedules.constant(0.5), Map.of(), 3000, 1e-8));
        SETTINGS.put("adagrad-norm", Setting.converges(Schedules.constant(2.0), Map.of("b0", 0.1), 3000, 1e-8));
        SETTINGS.put("full-matrix-adagrad", Setting.converges(Schedules.constant(1.0), Map.of(), 3000, 1e-8));
        SETTINGS.put("rmsprop", Setting.converges(Schedules.cosine(0.02, 3000, 0), Map.of(), 3000, 1e-6));
        SETTINGS.put("normalized-gd", Setting.converges(Schedules.exponential(0.5, 0.99), Map.of(), 3000, 1e-6));
        SETTINGS.put("steepest-lp", Setting.converges(Schedules.constant(0.1), Map.of("p", 3.0), 3000, 1e-8));
        SETTINGS.put("lp-sgd", Setting.converges(Schedules.exponential(0.5, 0.99), Map.of("p", 3.0), 3000, 1e-6));
        SETTINGS.put("sign-sgd", Setting.converges(Schedules.exponential(0.5, 0.99), Map.of(), 3000, 1e-6));
        SETTINGS.put("greedy-coordinate", Setting.converges(Schedules.exponential(0.5, 0.995), Map.of(), 8000, 1e-6));
        SETTINGS.put("muon", Setting.converges(Schedules.exponential(0.5, 0.99), Map.of("rows", 2.0, "newton_schulz", 0.0), 3000,
                1e-6));
        SETTINGS.put("riemannian-sphere", Setting.staysOn(new Sphere(), Schedules.constant(0.05), Map.of(), 1000));
        SETTINGS.put("riemannian-lp-sphere", Setting.staysOn(new LpSphere(3), Schedules.constant(0.05), Map.of("p", 3.0), 1000));
        SETTINGS.put("riemannian-linf-sphere", Setting.staysOn(new LInfSphere(), Schedules.constant(0.01), Map.of(), 1000));
        SETTINGS.put("stiefel", Setting.staysOn(new Stiefel(2, 2, Stiefel.Retraction.QR), Schedules.constant(0.05),
                Map.of("rows", 2.0), 1000));
        SETTINGS.put("mirror-lp", Setting.converges(Schedules.constant(0.2), Map.of("p", 3.0), 4000, 1e-8));
        SETTINGS.put("mirror-hyperbolic", Setting.converges(Schedules.constant(0.2), Map.of("alpha", 1.0), 4000, 1e-8));
        // SVAG with an exact gradient is GD at η/ℓ
        SETTINGS.put("svag", Setting.converges(Schedules.constant(2.4), Map.of("l", 8.0), 2000, 1e-8));
        // a ball perturbation of radius 1e-12 after every 5 gradient steps (g_thres always met): converges, and the checkpoint
        // test sees its random stream and counters in use
        SETTINGS.put("perturbed-gd", Setting.converges(Schedules.constant(0.3),
                Map.of("radius", 1e-12, "g_thres", 1e9, "t_thres", 5.0), 3000, 1e-8));
        SETTINGS.put("exponentiated-gradient", new Setting(Schedules.constant(0.1), Map.of(), 1000, 1e-13,
                w -> {
                    double s = 0;
                    double neg = 0;
                    for (double v : w) {
                        s += v;
                        neg = Math.max(neg, -v);
                    }
                    return Math.max(Math.abs(s - 1), neg);
                }, new double[] {0.25, 0.25, 0.25, 0.25}));
    }

    static Stream<Arguments> entries() {
        return OptimizerCatalog.all().stream().map(e -> Arguments.of(e.name()));
    }

    private static Transform make(String name) {
        Setting s = SETTINGS.get(name);
        return OptimizerCatalog.create(name, s.lr(), s.hp(), 4);
    }

    private static double[] step(Transform t, State s, double[] w, double[] g) {
        gradient(w, g);
        t.updateInPlace(g, s, w);
        double[] next = w.clone();
        for (int i = 0; i < w.length; i++) {
            next[i] += g[i];
        }
        return next;
    }

    @Test
    void everyCatalogEntryHasAContractSetting() {
        for (OptimizerEntry e : OptimizerCatalog.all()) {
            assertTrue(SETTINGS.containsKey(e.name()), "no contract setting for " + e.name());
            assertTrue(!e.formula().isBlank() && !e.source().isBlank(), e.name());
        }
        assertEquals(OptimizerCatalog.all().size(), SETTINGS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void convergesOrKeepsItsConstraint(String name) {
        Setting s = SETTINGS.get(name);
        Transform t = make(name);
        double[] w = s.start().clone();
        double[] g = new double[4];
        State st = t.init(w);
        double f0 = value(w);
        double worst = 0;
        for (int k = 0; k < s.steps(); k++) {
            w = step(t, st, w, g);
            if (s.violation() != null) {
                worst = Math.max(worst, s.violation().apply(w));
            }
        }
        if (s.violation() == null) {
            for (int i = 0; i < 4; i++) {
                assertEquals(CENTER[i], w[i], s.tolerance(), name + " coordinate " + i);
            }
        } else {
            assertTrue(worst <= s.tolerance(), name + " left its constraint set by " + worst);
            assertTrue(value(w) < f0, name + " did not decrease the objective: " + f0 + " -> " + value(w));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void deterministicParamsUntouchedAndStateCopiesIndependent(String name) {
        Setting s = SETTINGS.get(name);
        Transform a = make(name);
        Transform b = make(name);
        double[] wa = s.start().clone();
        double[] wb = s.start().clone();
        double[] g = new double[4];
        State sa = a.init(wa);
        State sb = b.init(wb);
        for (int k = 0; k < 20; k++) {
            double[] before = wa.clone();
            wa = step(a, sa, wa, g);
            wb = step(b, sb, wb, g);
            assertArrayEquals(wa, wb, 0.0, name + " is not deterministic");
            gradient(before, g);
            double[] copy = before.clone();
            a.updateInPlace(g, sa.copy(), copy);
            assertArrayEquals(before, copy, 0.0, name + " modified params");
        }
        State branch = sa.copy();
        double[] wBranch = wa.clone();
        double[] wMain = wa.clone();
        for (int k = 0; k < 20; k++) {
            wBranch = step(a, branch, wBranch, g);
        }
        for (int k = 0; k < 20; k++) {
            wMain = step(a, sa, wMain, g);
        }
        assertArrayEquals(wMain, wBranch, 0.0, name + ": a copied state must continue identically and not disturb the original");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void noAllocationPerUpdateAfterWarmUp(String name) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Setting s = SETTINGS.get(name);
        Transform t = make(name);
        double[] w = s.start().clone();
        double[] g = new double[4];
        State st = t.init(w);
        for (int k = 0; k < 20_000; k++) {
            gradient(w, g);
            t.updateInPlace(g, st, w);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 100_000; k++) {
            gradient(w, g);
            t.updateInPlace(g, st, w);
        }
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(bytes < 100_000, name + " allocated " + bytes + " bytes in 10^5 updates");
    }

    @Test
    void badHyperparametersNameTheKeyAndValue() {
        Schedule lr = Schedules.constant(0.1);
        Object[][] cases = {
            {"adam", Map.of("beta3", 0.5), "beta3"},
            {"sign-sgd", Map.of("momentum", 0.5), "momentum"},
            {"lp-sgd", Map.of(), "needs hyperparameter p"},
            {"lp-sgd", Map.of("p", 0.5), "0.5"},
            {"mirror-hyperbolic", Map.of("alpha", -1.0), "-1.0"},
            {"muon", Map.of("rows", 3.0), "3"},
            {"stiefel", Map.of("rows", 0.0), "0.0"},
            {"sgd", Map.of("nesterov", 2.0), "nesterov"},
            {"adam", Map.of("beta1", 1.5), "1.5"},
            {"no-such-optimizer", Map.of(), "no-such-optimizer"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Double> hp = (Map<String, Double>) c[1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptimizerCatalog.create((String) c[0], lr, hp, 4), c[0] + " " + hp);
            assertTrue(e.getMessage().contains((String) c[2]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void catalogNamesAreUniqueAndListed() {
        List<String> names = OptimizerCatalog.all().stream().map(OptimizerEntry::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        assertTrue(names.containsAll(List.of("sgd", "adam", "adamw", "rmsprop", "sign-sgd", "muon", "mirror-hyperbolic")));
    }
}
