package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.problems.PerturbedSum;
import org.sgdlab.problems.SeparableNonconvex;
import org.sgdlab.random.RandomStream;

/** SamePointGradient: the same bits as the objective it wraps, whether it evaluates or copies. */
class SamePointGradientCopiesTest {
    private static SeparableNonconvex f() {
        double[] center = {0.3, -1.2, 2.0, 0.7};
        return SeparableNonconvex.rotated(SeparableNonconvex.Profile.LOG, 1.0, 1.3, center, new RandomStream(5));
    }

    @Test
    void repeatedAndChangedPointsGiveTheWrappedObjectivesBits() {
        SeparableNonconvex plain = f();
        SamePointGradient memo = new SamePointGradient(f());
        double[] w = {1.0, 2.0, -0.5, 0.25};
        double[] want = new double[4];
        double[] got = new double[4];
        for (int step = 0; step < 5; step++) {
            double v = plain.gradient(w, want);
            assertEquals(v, memo.gradient(w, got));
            assertArrayEquals(want, got, "first call at step " + step);
            java.util.Arrays.fill(got, Double.NaN);
            assertEquals(v, memo.gradient(w, got));
            assertArrayEquals(want, got, "repeated call at step " + step);
            w[step % 4] -= 0.1 * want[step % 4]; // a new point: evaluated again, not copied
        }
        w[0] = 0.0;
        plain.gradient(w, want);
        memo.gradient(w, got);
        w[0] = -0.0; // equal as numbers, other bits: evaluated again (and the same here)
        assertEquals(plain.gradient(w, want), memo.gradient(w, got));
        assertArrayEquals(want, got);
    }

    @Test
    void perturbedSumOverTheWrapperMatchesItOverThePlainObjective() {
        PerturbedSum plain = PerturbedSum.gaussian(f(), 7, 1.0, new RandomStream(9));
        PerturbedSum memo = PerturbedSum.gaussian(new SamePointGradient(f()), 7, 1.0, new RandomStream(9));
        double[] w = {0.1, 0.2, 0.3, 0.4};
        double[] g1 = new double[4];
        double[] g2 = new double[4];
        double[] u1 = new double[4];
        double[] u2 = new double[4];
        for (int t = 0; t < 7; t++) {
            assertEquals(plain.gradient(w, g1), memo.gradient(w, g2));
            assertArrayEquals(g1, g2);
            int[] batch = {t};
            plain.minibatchGradientOnly(w, batch, 1, u1);
            memo.minibatchGradientOnly(w, batch, 1, u2);
            assertArrayEquals(u1, u2, "step " + t);
            for (int i = 0; i < 4; i++) {
                w[i] -= 0.3 * u1[i];
            }
        }
    }

    /** gradientOnly evaluates or copies with gradient's bits, and a later gradient call still gets its value. */
    @Test
    void gradientOnlyCopiesAndAValueIsNeverInvented() {
        SeparableNonconvex plain = f();
        SamePointGradient memo = new SamePointGradient(f());
        double[] w = {1.0, 2.0, -0.5, 0.25};
        double[] want = new double[4];
        double[] got = new double[4];
        for (int step = 0; step < 5; step++) {
            double v = plain.gradient(w, want);
            memo.gradientOnly(w, got);
            assertArrayEquals(want, got, "first call at step " + step);
            java.util.Arrays.fill(got, Double.NaN);
            memo.gradientOnly(w, got);
            assertArrayEquals(want, got, "repeated call at step " + step);
            assertEquals(v, memo.gradient(w, got), "the value after gradientOnly at the same point");
            assertArrayEquals(want, got);
            w[step % 4] -= 0.1 * want[step % 4];
        }
    }

    /** The stochastic loop's value-free path over the wrapper: the same iterates as the path with values. */
    @Test
    void valueFreeStepLoopMatchesTheLoopWithValues() {
        PerturbedSum plain = PerturbedSum.gaussian(f(), 7, 1.0, new RandomStream(9));
        PerturbedSum memo = PerturbedSum.gaussian(new SamePointGradient(f()), 7, 1.0, new RandomStream(9));
        double[] w0 = {0.1, 0.2, 0.3, 0.4};
        java.util.List<double[]> a = new java.util.ArrayList<>();
        java.util.List<double[]> b = new java.util.ArrayList<>();
        org.sgdlab.theory.StepLoop.run(plain, org.sgdlab.optim.Optimizers.adagradNorm(1.0, 0.1),
                org.sgdlab.sample.Samplers.withReplacement(7, 1, new RandomStream(2)), w0, 200, (t, w, v, g) -> a.add(g.clone()));
        org.sgdlab.theory.StepLoop.runWithoutValue(memo, org.sgdlab.optim.Optimizers.adagradNorm(1.0, 0.1),
                org.sgdlab.sample.Samplers.withReplacement(7, 1, new RandomStream(2)), w0, 200, (t, w, v, g) -> {
                    assertTrue(Double.isNaN(v));
                    return b.add(g.clone());
                });
        assertEquals(a.size(), b.size());
        for (int t = 0; t < a.size(); t++) {
            assertArrayEquals(a.get(t), b.get(t), 0.0, "exact gradient at step " + t);
        }
    }
}
