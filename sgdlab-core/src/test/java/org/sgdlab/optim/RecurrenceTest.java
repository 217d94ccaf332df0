package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.random.RandomStream;

/**
 * Each formula against a hand-computed recurrence: three steps on small vectors with gradients
 * fed directly (no objective), values chosen so that most arithmetic is exact in binary floating
 * point; the comparisons are then exact (tolerance 0) or at the level of one rounding.
 */
class RecurrenceTest {
    /** Applies {@code t} to a copy of {@code g} and returns the outgoing updates. */
    private static double[] apply(Transform t, State s, double[] g, double[] w) {
        double[] u = g.clone();
        t.updateInPlace(u, s, w);
        return u;
    }

    @Test
    void coupledWeightDecayAddsLambdaW() {
        AddWeightDecay wd = new AddWeightDecay(0.25);
        double[] w = {4, -8};
        assertArrayEquals(new double[] {2, 0}, apply(wd, wd.init(w), new double[] {1, 2}, w), 0);
    }

    @Test
    void decoupledWeightDecaySubtractsEtaLambdaWWithTheSchedule() {
        DecoupledWeightDecay wd = new DecoupledWeightDecay(Schedules.inverseTime(0.5, 1), 0.25);
        double[] w = {4, -8};
        State s = wd.init(w);
        // η₀ = 0.5: shrink = 0.125
        assertArrayEquals(new double[] {0.5, 2}, apply(wd, s, new double[] {1, 1}, w), 0);
        // η₁ = 0.25: shrink = 0.0625
        assertArrayEquals(new double[] {0.75, 1.5}, apply(wd, s, new double[] {1, 1}, w), 0);
        // η₂ = 0.5/3
        double shrink = 0.5 / (1 + 2 / 1.0) * 0.25;
        assertArrayEquals(new double[] {-shrink * 4, shrink * 8}, apply(wd, s, new double[] {0, 0}, w), 0);
    }

    @Test
    void adamWIsAdamThenMinusEtaLambdaWOfThePreStepParameters() {
        // β₁ = 0.5, β₂ = 0.75, ε = 0, η = 0.5, λ = 0.25, w = (2), g = (2): Adam direction 1 (below)
        Chain adamW = Optimizers.adamW(Schedules.constant(0.5), 0.5, 0.75, 0.0, 0.25, false);
        double[] w = {2};
        State s = adamW.init(w);
        assertArrayEquals(new double[] {-0.5 - 0.5 * 0.25 * 2}, apply(adamW, s, new double[] {2}, w), 0);
    }

    @Test
    void clipByValueClampsEachEntryAndKeepsNaN() {
        ClipByValue c = new ClipByValue(1);
        double[] u = apply(c, State.EMPTY, new double[] {3, -0.5, -7, Double.NaN, 1}, new double[5]);
        assertArrayEquals(new double[] {1, -0.5, -1, Double.NaN, 1}, u, 0);
    }

    @Test
    void clipByGlobalNormRescalesOnlyAboveTheThreshold() {
        ClipByGlobalNorm c = new ClipByGlobalNorm(1);
        assertArrayEquals(new double[] {3 * (1 / 5.0), 4 * (1 / 5.0)}, apply(c, State.EMPTY, new double[] {3, 4}, new double[2]), 0);
        assertArrayEquals(new double[] {0.3, 0.4}, apply(c, State.EMPTY, new double[] {0.3, 0.4}, new double[2]), 0);
    }

    @Test
    void normalizeDividesByTheNormAndMapsZeroToZero() {
        NormalizeByNorm n = new NormalizeByNorm();
        assertArrayEquals(new double[] {0.6, 0.8}, apply(n, State.EMPTY, new double[] {3, 4}, new double[2]), 0);
        assertArrayEquals(new double[] {0, 0}, apply(n, State.EMPTY, new double[] {0, -0.0}, new double[2]), 0);
        Chain ngd = Optimizers.normalizedGd(0.01);
        State s = ngd.init(new double[2]);
        assertArrayEquals(new double[] {-0.6 * 0.01, -0.8 * 0.01}, apply(ngd, s, new double[] {3, 4}, new double[2]), 0);
    }

    @Test
    void adagradNormUsesTheSquareRootOfTheRunningSum() {
        ScaleByAdagradNorm a = new ScaleByAdagradNorm(1);
        State s = a.init(new double[3]);
        double[] w = new double[3];
        // b² = 1 + 24 = 25
        assertArrayEquals(new double[] {2 / 5.0, 2 / 5.0, 4 / 5.0}, apply(a, s, new double[] {2, 2, 4}, w), 0);
        // b² = 25 + 24 = 49
        assertArrayEquals(new double[] {2 / 7.0, 2 / 7.0, 4 / 7.0}, apply(a, s, new double[] {2, 2, 4}, w), 0);
        // b² = 49 + 32 = 81 (with the misprinted form η/(b₀² + Σ‖g‖²) this would be 4/81)
        assertArrayEquals(new double[] {4 / 9.0, 4 / 9.0, 0}, apply(a, s, new double[] {4, 4, 0}, w), 0);
    }

    @Test
    void diagonalAdagradWithLrDecayAndInitialAccumulator() {
        // torch: clr = lr/(1 + (step − 1)·lr_decay), sum = s₀ + Σ g², w ← w − clr·g/(√sum + ε)
        Chain a = Optimizers.adagrad(1.0, 1.0, 0.0, 0.0, 0.0);
        double[] w = new double[2];
        State s = a.init(w);
        assertArrayEquals(new double[] {-1, -1}, apply(a, s, new double[] {3, 4}, w), 0); // sum (9, 16), clr 1
        assertArrayEquals(new double[] {-0.4, -0.3}, apply(a, s, new double[] {4, 3}, w), 0); // sum (25, 25), clr 1/2
        assertArrayEquals(new double[] {-(12 / 13.0) * (1 / 3.0), 0}, apply(a, s, new double[] {12, 0}, w), 0); // sum 169

        ScaleByAdagrad init = new ScaleByAdagrad(7, 1);
        State s2 = init.init(w);
        assertArrayEquals(new double[] {3 / 5.0, 0}, apply(init, s2, new double[] {3, 0}, w), 0); // √(7 + 9) + 1 = 5
    }

    @Test
    void fullMatrixAdagradOnOrthogonalGradients() {
        // rounding in G (≈ 10⁻¹⁶·λ_max) is amplified by √(λ_max/ε) in the ε-eigendirection: ε = 10⁻⁴ gives ≈ 5·10⁻¹⁴
        double eps = 1e-4;
        ScaleByFullMatrixAdagrad a = new ScaleByFullMatrixAdagrad(eps);
        double[] w = new double[2];
        State s = a.init(w);
        // G = εI + g₁g₁ᵀ: G^{-1/2} g₁ = g₁/√(ε + 25)
        double r1 = Math.sqrt(25 + eps);
        assertArrayEquals(new double[] {3 / r1, 4 / r1}, apply(a, s, new double[] {3, 4}, w), 1e-13);
        // g₂ ⟂ g₁ with ‖g₂‖ = ‖g₁‖: G = (25 + ε)I
        assertArrayEquals(new double[] {4 / r1, -3 / r1}, apply(a, s, new double[] {4, -3}, w), 1e-13);
        // G = diag(26 + ε, 25 + ε)
        assertArrayEquals(new double[] {1 / Math.sqrt(26 + eps), 0}, apply(a, s, new double[] {1, 0}, w), 1e-13);
    }

    @Test
    void fullMatrixAdagradAppliesTheInverseSquareRoot() {
        // u = G^{-1/2} g with G = εI + Σ g gᵀ (accumulated here independently) implies uᵀGu = ‖g‖²
        int d = 6;
        RandomStream r = new RandomStream(3);
        ScaleByFullMatrixAdagrad a = new ScaleByFullMatrixAdagrad(1e-3);
        double[] w = new double[d];
        State s = a.init(w);
        double[] gm = new double[d * d];
        for (int i = 0; i < d; i++) {
            gm[i * d + i] = 1e-3;
        }
        for (int k = 0; k < 4; k++) {
            double[] g = r.gaussians(new double[d]);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gm[i * d + j] += g[i] * g[j];
                }
            }
            double[] u = apply(a, s, g, w);
            double uGu = 0;
            double gg = 0;
            for (int i = 0; i < d; i++) {
                double gu = 0;
                for (int j = 0; j < d; j++) {
                    gu += gm[i * d + j] * u[j];
                }
                uGu += u[i] * gu;
                gg += g[i] * g[i];
            }
            assertEquals(gg, uGu, 1e-9 * gg, "uᵀGu after " + (k + 1) + " gradients");
        }
    }

    @Test
    void fullMatrixAdagradMatchesTheClosedFormTwoByTwoSquareRoot() {
        // for 2×2 SPD G: √G = (G + √det·I)/√(tr + 2√det); the update must be (√G)⁻¹g
        double eps = 0.5;
        ScaleByFullMatrixAdagrad a = new ScaleByFullMatrixAdagrad(eps);
        double[] w = new double[2];
        State s = a.init(w);
        double g00 = eps;
        double g01 = 0;
        double g11 = eps;
        double[][] grads = {{1, 2}, {-3, 0.5}, {0.25, -1}};
        for (double[] g : grads) {
            g00 += g[0] * g[0];
            g01 += g[0] * g[1];
            g11 += g[1] * g[1];
            double sd = Math.sqrt(g00 * g11 - g01 * g01);
            double k = Math.sqrt(g00 + g11 + 2 * sd);
            double r00 = (g00 + sd) / k;
            double r01 = g01 / k;
            double r11 = (g11 + sd) / k;
            double det = r00 * r11 - r01 * r01;
            double[] expected = {(r11 * g[0] - r01 * g[1]) / det, (-r01 * g[0] + r00 * g[1]) / det};
            assertArrayEquals(expected, apply(a, s, g, w), 1e-14);
        }
    }

    @Test
    void rmspropPlainCenteredAndMomentum() {
        double alpha = 0.75;
        // plain, ε = 0: v₁ = 0.25·4 = 1 → u = 2/1
        ScaleByRms plain = new ScaleByRms(alpha, 0, 0, false);
        double[] w = new double[1];
        State s = plain.init(w);
        assertArrayEquals(new double[] {2}, apply(plain, s, new double[] {2}, w), 0);
        // v₂ = 0.75 + 0.25·16 = 4.75
        assertArrayEquals(new double[] {4 / Math.sqrt(4.75)}, apply(plain, s, new double[] {4}, w), 0);
        // v₃ = 0.75·4.75 + 0 = 3.5625 = 1.8875²… (not a square): u = 0
        assertArrayEquals(new double[] {0}, apply(plain, s, new double[] {0}, w), 0);

        // centered, ε = 0.5: v₁ = 1, ḡ₁ = 0.5 → a = √(1 − 0.25) + 0.5
        ScaleByRms centered = new ScaleByRms(alpha, 0.5, 0, true);
        State c = centered.init(w);
        assertArrayEquals(new double[] {2 / (Math.sqrt(0.75) + 0.5)}, apply(centered, c, new double[] {2}, w), 0);
        // v₂ = 0.75 + 0.25·4 = 1.75, ḡ₂ = 0.375 − 0.5 = −0.125 → a = √(1.75 − 0.015625) + 0.5
        assertArrayEquals(new double[] {-2 / (Math.sqrt(1.734375) + 0.5)}, apply(centered, c, new double[] {-2}, w), 0);

        // momentum 0.5, ε = 0: b₁ = 2/1, b₂ = 0.5·2 + 4/√4.75, b₃ = 0.5·b₂ + 0
        ScaleByRms mom = new ScaleByRms(alpha, 0, 0.5, false);
        State m = mom.init(w);
        assertArrayEquals(new double[] {2}, apply(mom, m, new double[] {2}, w), 0);
        double b2 = 1 + 4 / Math.sqrt(4.75);
        assertArrayEquals(new double[] {b2}, apply(mom, m, new double[] {4}, w), 0);
        assertArrayEquals(new double[] {b2 * 0.5}, apply(mom, m, new double[] {0}, w), 0);
    }

    @Test
    void adamAndAmsgradWithTorchBiasCorrection() {
        // β₁ = 0.5, β₂ = 0.75, ε = 0
        ScaleByAdam adam = new ScaleByAdam(0.5, 0.75, 0, false);
        ScaleByAdam ams = new ScaleByAdam(0.5, 0.75, 0, true);
        double[] w = new double[1];
        State s = adam.init(w);
        State sa = ams.init(w);
        // t = 1, g = 2: m = 1, v = 1, bc₁ = 0.5, √bc₂ = 0.5 → denom = 2, u = (1/0.5)/2 = 1
        assertArrayEquals(new double[] {1}, apply(adam, s, new double[] {2}, w), 0);
        assertArrayEquals(new double[] {1}, apply(ams, sa, new double[] {2}, w), 0);
        // t = 2, g = −2: m = −0.5, v = 0.75 + 1 = 1.75, bc₁ = 0.75, bc₂ = 0.4375
        double u2 = -0.5 / 0.75 / (Math.sqrt(1.75) / Math.sqrt(0.4375));
        assertArrayEquals(new double[] {u2}, apply(adam, s, new double[] {-2}, w), 0);
        assertArrayEquals(new double[] {u2}, apply(ams, sa, new double[] {-2}, w), 0);
        assertEquals(-1 / 3.0, u2, 1e-16); // (−2/3)/2
        // t = 3, g = 0: m = −0.25, v = 1.3125 (< 1.75: AMSGrad keeps 1.75), bc₁ = 0.875, bc₂ = 1 − 0.421875
        double bc2 = Math.sqrt(1 - 0.421875);
        assertArrayEquals(new double[] {-0.25 / 0.875 / (Math.sqrt(1.3125) / bc2)}, apply(adam, s, new double[] {0}, w), 0);
        assertArrayEquals(new double[] {-0.25 / 0.875 / (Math.sqrt(1.75) / bc2)}, apply(ams, sa, new double[] {0}, w), 0);
    }

    @Test
    void adamWithEpsAddsItAfterTheBiasCorrection() {
        ScaleByAdam adam = new ScaleByAdam(0.5, 0.75, 0.25, false);
        double[] w = new double[1];
        // t = 1, g = 2: denom = √1/0.5 + 0.25 = 2.25 (ε after correction), u = 2/2.25
        assertArrayEquals(new double[] {2 / 2.25}, apply(adam, adam.init(w), new double[] {2}, w), 0);
    }

    @Test
    void adamaxCorrectsOnlyTheFirstMoment() {
        ScaleByAdamax ax = new ScaleByAdamax(0.5, 0.5, 0);
        double[] w = new double[1];
        State s = ax.init(w);
        // t = 1, g = 2: m = 1, u = max(0, 2) = 2, bc₁ = 0.5 → 1
        assertArrayEquals(new double[] {1}, apply(ax, s, new double[] {2}, w), 0);
        // t = 2, g = 1: m = 1, u = max(1, 1) = 1, bc₁ = 0.75
        assertArrayEquals(new double[] {1 / 0.75}, apply(ax, s, new double[] {1}, w), 0);
        // t = 3, g = −4: m = −1.5, u = max(0.5, 4) = 4, bc₁ = 0.875
        assertArrayEquals(new double[] {-1.5 / 0.875 / 4}, apply(ax, s, new double[] {-4}, w), 0);
        // ε sits inside the max: u = max(β₂u, |g| + ε)
        ScaleByAdamax withEps = new ScaleByAdamax(0.5, 0.5, 0.5);
        assertArrayEquals(new double[] {2 / 2.5}, apply(withEps, withEps.init(w), new double[] {2}, w), 0);
    }

    @Test
    void torchSgdWithDampeningAndWeightDecay() {
        // lr 0.5, μ 0.5, τ 0.5, λ 0.25; w fixed at (4) so that d = g + 1
        Chain sgd = Optimizers.sgd(0.5, 0.5, 0.5, false, 0.25);
        double[] w = {4};
        State s = sgd.init(w);
        assertArrayEquals(new double[] {-1.5}, apply(sgd, s, new double[] {2}, w), 0); // b = d = 3
        assertArrayEquals(new double[] {-1.75}, apply(sgd, s, new double[] {3}, w), 0); // b = 1.5 + 0.5·4 = 3.5
        assertArrayEquals(new double[] {-1.125}, apply(sgd, s, new double[] {0}, w), 0); // b = 1.75 + 0.5·1
        // μ = 0: no buffer, τ ignored (torch)
        Chain plain = Optimizers.sgd(0.5, 0, 0.9, false, 0);
        State p = plain.init(w);
        assertArrayEquals(new double[] {-1}, apply(plain, p, new double[] {2}, w), 0);
        assertArrayEquals(new double[] {-1}, apply(plain, p, new double[] {2}, w), 0);
        // Nesterov: b₁ = 2, u = −0.5·(2 + 0.5·2); b₂ = 1 + 2 = 3, u = −0.5·(2 + 1.5)
        Chain nes = Optimizers.sgd(0.5, 0.5, 0, true, 0);
        State n = nes.init(w);
        assertArrayEquals(new double[] {-1.5}, apply(nes, n, new double[] {2}, w), 0);
        assertArrayEquals(new double[] {-1.75}, apply(nes, n, new double[] {2}, w), 0);
    }

    @Test
    void schedulesGiveTheirFormulas() {
        assertEquals(0.1 * 0.25, Schedules.stepDecay(0.1, 0.5, 10).at(25), 0);
        assertEquals(0.1, Schedules.stepDecay(0.1, 0.5, 10).at(9), 0);
        assertEquals(0.1 * Math.pow(0.9, 7), Schedules.exponential(0.1, 0.9).at(7), 0);
        assertEquals(0.5 / (1 + 3 * 0.25), Schedules.inverseTimeDecay(0.5, 0.25).at(3), 0);
        // 002 Thm 13.3.1 with the η restored: η(1 − ηλ)^{−(2t+1)}
        Schedule li = Schedules.exponentialForWeightDecay(0.1, 0.5);
        assertEquals(0.1 / 0.95, li.at(0), 1e-16);
        assertEquals(0.1 / (0.95 * 0.95 * 0.95 * 0.95 * 0.95), li.at(2), 1e-15);
        Schedule cos = Schedules.cosine(1.0, 100, 0.1);
        assertEquals(1.0, cos.at(0), 0);
        assertEquals(0.55, cos.at(50), 1e-15);
        assertEquals(0.1, cos.at(100), 0);
        assertEquals(0.1, cos.at(1000), 0);
        Schedule warm = Schedules.warmup(4, Schedules.inverseTime(1.0, 1));
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0, 1.0, 0.5, 1 / 3.0},
                new double[] {warm.at(0), warm.at(1), warm.at(2), warm.at(3), warm.at(4), warm.at(5), warm.at(6)}, 0);
        Schedule user = t -> 1.0 / (t + 2);
        assertEquals(0.25, user.at(2), 0);
        assertEquals("custom", user.describe());
        Schedule named = Schedules.of("1/(t+2)", t -> 1.0 / (t + 2));
        assertEquals(0.2, named.at(3), 0);
        assertEquals("1/(t+2)", named.describe());
        assertEquals("cosine(1.0, T=100, eta_min=0.1)", cos.describe());
        assertEquals(0.5, Schedules.byName("cosine", 1.0, 10).at(5), 1e-15);
    }

    @Test
    void schedulesCountStepsInTheStateOfTheirTransform() {
        Chain opt = Optimizers.adam(Schedules.warmup(2, Schedules.constant(0.5)), 0.5, 0.75, 0, 0);
        double[] w = new double[1];
        State s = opt.init(w);
        assertArrayEquals(new double[] {-0.25}, apply(opt, s, new double[] {2}, w), 0); // η₀ = 0.25, direction 1
        assertEquals(0.25, opt.lastLearningRate(s).getAsDouble(), 0);
        State branch = s.copy();
        apply(opt, s, new double[] {2}, w);
        assertEquals(0.5, opt.lastLearningRate(s).getAsDouble(), 0);
        assertEquals(0.25, opt.lastLearningRate(branch).getAsDouble(), 0);
    }

    @Test
    void byNameBuildsEveryOptimizerWithTorchDefaults() {
        for (String name : Optimizers.hyperparameters().keySet()) {
            Map<String, Double> hp = new java.util.HashMap<>();
            Optimizers.hyperparameters().get(name).forEach((k, v) -> {
                if (Double.isNaN(v)) {
                    hp.put(k, 0.5);
                }
            });
            Chain c = Optimizers.byName(name, hp);
            assertTrue(c.describe().startsWith(name.equals("gd") ? "sgd" : name.equals("momentum") || name.equals("nesterov")
                    ? "sgd" : name), c.describe());
        }
        assertEquals("adam(lr=constant(0.001), betas=(0.9, 0.999), eps=1.0E-8)", Optimizers.byName("adam", Map.of()).describe());
        assertEquals(Optimizers.adamW(1e-3).describe(), Optimizers.byName("adamw", Map.of()).describe());
        assertTrue(Optimizers.adamW(1e-3).describe().contains("weight_decay=0.01"));
        assertTrue(Optimizers.adamax().describe().contains("lr=constant(0.002)"));
        for (String name : new String[] {"adam", "amsgrad", "adamw", "adamax", "adagrad", "rmsprop", "normalized-gd"}) {
            Optimizers.byName(name, Schedules.constant(0.1), 0); // the CLI's entry point accepts them too
        }
    }
}
