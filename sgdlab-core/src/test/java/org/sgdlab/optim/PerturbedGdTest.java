package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.objective.Objective;
import org.sgdlab.problems.StrictSaddle;
import org.sgdlab.train.Trainer;

/** Perturbed GD: escaping a strict saddle where GD stays, the perturbation laws, and the t_thres spacing. */
class PerturbedGdTest {
    /** f(x, y) = ½x² − ½y² + ¼y⁴: a strict saddle at 0, minima (0, ±1) with f = −¼. */
    static final Objective SADDLE = StrictSaddle.INSTANCE;

    @Test
    void perturbedGdEscapesTheStrictSaddleWherePlainGdStays() {
        double[] saddle = {0, 0};
        double[] gd = Trainer.builder(SADDLE, Optimizers.byName("sgd", Map.of("lr", 0.1))).build().run(saddle, 400).params();
        assertArrayEquals(saddle, gd, 0.0, "GD started exactly at the saddle stays there");
        for (PerturbedGd.Form form : PerturbedGd.Form.values()) {
            PerturbedGd pgd = new PerturbedGd(Schedules.constant(0.1), 1e-3, 1e-3, 10, form, 3);
            double[] w = Trainer.builder(SADDLE, pgd).build().run(saddle, 400).params();
            assertEquals(-0.25, SADDLE.value(w), 1e-3, form + " reached a minimum: " + java.util.Arrays.toString(w));
            assertEquals(1.0, Math.abs(w[1]), 0.05, form + ": " + java.util.Arrays.toString(w));
        }
    }

    @Test
    void ballPerturbationsAreUniformInTheBallAndSpacedByTThres() {
        int d = 3;
        double radius = 0.5;
        long tThres = 4;
        PerturbedGd pgd = new PerturbedGd(Schedules.constant(0.1), radius, 1.0, tThres, PerturbedGd.Form.BALL, 11);
        State s = pgd.init(new double[d]);
        double[] u = new double[d];
        int n = 100_000 * (int) (tThres + 1);
        double sumR2 = 0;
        double maxR = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(u, 0); // a zero gradient: ‖g‖ ≤ g_thres every step
            pgd.updateInPlace(u, s, new double[d]);
            double r2 = u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
            boolean perturbation = k % (tThres + 1) == 0;
            assertEquals(perturbation, r2 > 0, "a perturbation exactly every t_thres + 1 steps, step " + k);
            if (perturbation) {
                sumR2 += r2;
                maxR = Math.max(maxR, Math.sqrt(r2));
                count++;
            }
        }
        assertEquals(n / (tThres + 1), PerturbedGd.perturbations(s));
        assertTrue(maxR <= radius, "inside the ball: " + maxR);
        // uniform in the d-ball: E‖ξ‖² = R²·d/(d + 2) = 0.15; ‖ξ‖² has standard deviation < R², 5 standard errors
        assertEquals(radius * radius * d / (d + 2.0), sumR2 / count, 5 * radius * radius / Math.sqrt(count));
        // no perturbation while the gradient is large
        State s2 = pgd.init(new double[d]);
        double[] g = {2, 0, 0};
        pgd.updateInPlace(g, s2, new double[d]);
        assertArrayEquals(new double[] {-0.2, 0, 0}, g, 0.0);
        assertEquals(0, PerturbedGd.perturbations(s2));
    }

    @Test
    void gaussianPerturbationHasCovarianceRadiusSquaredOverDTimesEtaSquared() {
        int d = 4;
        double radius = 2.0;
        double eta = 0.5;
        PerturbedGd pgd = new PerturbedGd(Schedules.constant(eta), radius, 0, 0, PerturbedGd.Form.GAUSSIAN, 1);
        State s = pgd.init(new double[d]);
        int n = 200_000;
        double[] sum2 = new double[d];
        double[] u = new double[d];
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(u, 1.0);
            pgd.updateInPlace(u, s, new double[d]);
            for (int i = 0; i < d; i++) {
                double v = u[i] + eta; // remove −η·g
                sum2[i] += v * v;
            }
        }
        double var = eta * eta * radius * radius / d;
        for (int i = 0; i < d; i++) {
            // the sample variance of a Gaussian has standard error var·√(2/n)
            assertEquals(var, sum2[i] / n, 5 * var * Math.sqrt(2.0 / n), "coordinate " + i);
        }
    }

    @Test
    void badParametersNameTheValue() {
        Object[][] cases = {
            {Map.of("radius", -1.0), "-1.0"},
            {Map.of("g_thres", -0.5), "-0.5"},
            {Map.of("t_thres", 2.5), "2.5"},
            {Map.of("gaussian", 3.0), "gaussian"},
            {Map.of("seed", 0.5), "0.5"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Double> hp = (Map<String, Double>) c[0];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptimizerCatalog.create("perturbed-gd", Schedules.constant(0.1), hp, 2), hp.toString());
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }
}
