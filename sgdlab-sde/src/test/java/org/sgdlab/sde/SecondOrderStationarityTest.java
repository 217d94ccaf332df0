package org.sgdlab.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.linalg.SymmetricEigen;
import org.sgdlab.objective.Objective;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.optim.PerturbedGd;
import org.sgdlab.optim.Schedules;
import org.sgdlab.problems.StrictSaddle;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.Trainer;

/** The ε-SOSP checker on functions with known Hessians, with exact and finite-difference HVPs. */
class SecondOrderStationarityTest {
    /** f(x) = ½xᵀHx + bᵀx. */
    static Objective quadratic(double[] h, double[] b) {
        int d = b.length;
        return new Objective() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public int sampleCount() {
                return 1;
            }

            @Override
            public double value(double[] w) {
                double[] hw = new double[d];
                Dense.times(h, d, d, w, hw);
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += 0.5 * w[i] * hw[i] + b[i] * w[i];
                }
                return s;
            }

            @Override
            public double gradient(double[] w, double[] out) {
                Dense.times(h, d, d, w, out);
                for (int i = 0; i < d; i++) {
                    out[i] += b[i];
                }
                return value(w);
            }

            @Override
            public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
                return gradient(w, out);
            }
        };
    }

    /** Q·diag(λ)·Qᵀ with Q the eigenvectors of a random symmetric matrix. */
    static double[] withSpectrum(double[] lambda, long seed) {
        int d = lambda.length;
        double[] m = new RandomStream(seed).gaussians(new double[d * d]);
        double[] sym = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sym[i * d + j] = m[i * d + j] + m[j * d + i];
            }
        }
        double[] q = SymmetricEigen.of(sym, d).vectors();
        double[] h = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i * d + k] * lambda[k] * q[j * d + k];
                }
                h[i * d + j] = s;
            }
        }
        return h;
    }

    @Test
    void lambdaMinOfKnownHessiansExactAndByFiniteDifferences() {
        double[] h = withSpectrum(new double[] {2, -0.5, 1, 3, 0.7, 1.5}, 4);
        Objective f = quadratic(h, new double[6]);
        HessianVectorProduct exact = (x, v, out) -> Dense.times(h, 6, 6, v, out);
        double[] zero = new double[6];
        SecondOrderStationarity.Result e = SecondOrderStationarity.check(f, zero, 1e-3, 1.0, exact, 1);
        SecondOrderStationarity.Result fd = SecondOrderStationarity.check(f, zero, 1e-3, 1.0, 1);
        assertEquals(-0.5, e.lambdaMin(), 1e-9, e.toString());
        assertEquals(-0.5, fd.lambdaMin(), 1e-6, fd.toString());
        assertTrue(e.exactHessian() && !fd.exactHessian() && e.converged());
        assertEquals(0.0, e.gradientNorm());
        assertFalse(e.sosp(), "a strict saddle is not an SOSP");
        assertFalse(fd.sosp());
        assertEquals(-Math.sqrt(1e-3), e.curvatureBound(), 1e-15);

        double[] pd = withSpectrum(new double[] {2, 0.5, 1, 3, 0.7, 1.5}, 4);
        Objective g = quadratic(pd, new double[] {1, 0, 0, 0, 0, 0});
        double[] minimizer = Dense.solve(pd, new double[] {-1, 0, 0, 0, 0, 0}, 6, 1);
        SecondOrderStationarity.Result min = SecondOrderStationarity.check(g, minimizer, 1e-6, 1.0, 2);
        assertTrue(min.sosp(), "the minimizer of a convex quadratic: " + min);
        assertEquals(0.5, min.lambdaMin(), 1e-6);
        SecondOrderStationarity.Result far = SecondOrderStationarity.check(g, new double[] {1, 1, 1, 1, 1, 1}, 1e-6, 1.0, 2);
        assertFalse(far.sosp(), "large gradient: " + far);
        // a slightly negative curvature passes exactly when it is above −√(ρε)
        double[] shallow = withSpectrum(new double[] {-0.01, 1, 2}, 5);
        Objective s = quadratic(shallow, new double[3]);
        assertTrue(SecondOrderStationarity.check(s, new double[3], 1e-3, 1.0, 3).sosp(), "−0.01 ≥ −√1e-3 ≈ −0.032");
        assertFalse(SecondOrderStationarity.check(s, new double[3], 1e-5, 1.0, 3).sosp(), "−0.01 < −√1e-5 ≈ −0.0032");
    }

    @Test
    void perturbedGdEndsAtAnSospWhereGdStuckAtTheSaddleDoesNot() {
        Objective f = StrictSaddle.INSTANCE;
        double[] saddle = {0, 0};
        double[] gd = Trainer.builder(f, Optimizers.byName("sgd", Map.of("lr", 0.1))).build().run(saddle, 500).params();
        assertArrayEquals(saddle, gd, 0.0);
        // ε = 1e-2 ≥ the gradient a ball kick of radius 1e-3 leaves (PGD keeps kicking near a minimum); ρ = 6 bounds |f'''| on |y| ≤ 1
        SecondOrderStationarity.Result stuck = SecondOrderStationarity.check(f, gd, 1e-2, 6.0, 1);
        assertFalse(stuck.sosp(), stuck.toString());
        assertEquals(-1.0, stuck.lambdaMin(), 1e-6);
        double[] pgd = Trainer.builder(f, new PerturbedGd(Schedules.constant(0.1), 1e-3, 1e-3, 10, PerturbedGd.Form.BALL, 7))
                .build().run(saddle, 500).params();
        SecondOrderStationarity.Result end = SecondOrderStationarity.check(f, pgd, 1e-2, 6.0, 1);
        assertTrue(end.sosp(), end.toString());
        assertEquals(1.0, end.lambdaMin(), 1e-5, "Hessian diag(1, 2) at (0, ±1)");
    }

    @Test
    void badParametersNameTheValue() {
        Objective f = quadratic(new double[] {1, 0, 0, 1}, new double[2]);
        NoiseModelsTest.assertMessage(() -> SecondOrderStationarity.check(f, new double[2], -1e-3, 1, 1), "-0.001");
        NoiseModelsTest.assertMessage(() -> SecondOrderStationarity.check(f, new double[2], 1e-3, 0, 1), "0.0");
        NoiseModelsTest.assertMessage(() -> SecondOrderStationarity.check(f, new double[3], 1e-3, 1, 1), "3");
    }
}
