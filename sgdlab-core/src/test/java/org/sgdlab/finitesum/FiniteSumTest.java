package org.sgdlab.finitesum;

import org.sgdlab.linalg.SymmetricEigen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Sampler;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.ProgressListener;

/** The exact constants against brute force: explicit Hessians, power iteration, enumeration of every batch. */
class FiniteSumTest {
    static Dataset gaussian(int m, int d, long seed, boolean labels) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[m * d]);
        for (int j = 0; j < m; j++) {
            x[j * d] += 0.5 * j % 3;
        }
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = labels ? (r.nextDouble() < 0.5 ? -1 : 1) : r.nextGaussian();
        }
        return new Dataset("g", new Matrix(m, d, x), y);
    }

    static FiniteSum ls(Dataset data) {
        return FiniteSum.of(EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.MEAN));
    }

    /** Largest eigenvalue of a symmetric matrix by plain power iteration. */
    static double power(double[] h, int d) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1);
        double lam = 0;
        for (int it = 0; it < 20000; it++) {
            double[] u = new double[d];
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    u[p] += h[p * d + q] * v[q];
                }
            }
            double n = Math.sqrt(dot(u, u));
            for (int p = 0; p < d; p++) {
                v[p] = u[p] / n;
            }
            lam = n;
        }
        return lam;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Explicit (1/m)Σ aⱼaⱼᵀ. */
    static double[] explicitHessian(Dataset data) {
        int m = data.n();
        int d = data.d();
        double[] h = new double[d * d];
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    h[p * d + q] += data.x().get(j, p) * data.x().get(j, q) / m;
                }
            }
        }
        return h;
    }

    @Test
    void jacobiReconstructsTheMatrixWithOrthonormalVectors() {
        int d = 7;
        double[] b = new RandomStream(3).gaussians(new double[d * d]);
        double[] a = new double[d * d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                a[p * d + q] = b[p * d + q] + b[q * d + p];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, d);
        for (int k = 1; k < d; k++) {
            assertTrue(e.values()[k - 1] <= e.values()[k]);
        }
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double s = 0;
                double o = 0;
                for (int k = 0; k < d; k++) {
                    s += e.vectors()[p * d + k] * e.values()[k] * e.vectors()[q * d + k];
                    o += e.vectors()[k * d + p] * e.vectors()[k * d + q];
                }
                assertEquals(a[p * d + q], s, 1e-12);
                assertEquals(p == q ? 1 : 0, o, 1e-13);
            }
        }
    }

    @Test
    void leastSquaresLAndGammaMatchPowerIterationOnTheExplicitHessian() {
        Dataset data = gaussian(40, 5, 1, false);
        FiniteSum f = ls(data);
        double[] h = explicitHessian(data);
        double lmax = power(h, 5);
        assertEquals(lmax, f.smoothness().value(), 1e-10 * lmax);
        assertTrue(f.smoothness().exact());
        // λ_min = c − λ_max(cI − H)
        double c = lmax * 1.01;
        double[] shifted = new double[25];
        for (int i = 0; i < 25; i++) {
            shifted[i] = -h[i];
        }
        for (int i = 0; i < 5; i++) {
            shifted[i * 5 + i] += c;
        }
        double lmin = c - power(shifted, 5);
        assertEquals(lmin, f.strongConvexity().value(), 1e-9 * lmax);
        assertTrue(lmin > 0);
        double maxRow = 0;
        for (int j = 0; j < 40; j++) {
            maxRow = Math.max(maxRow, dot(data.x().row(j), data.x().row(j)));
        }
        assertEquals(maxRow, f.componentSmoothness().value(), 1e-12 * maxRow);
    }

    @Test
    void rankDeficientLeastSquaresIsNotStronglyConvex() {
        Dataset full = gaussian(30, 4, 2, false);
        double[] x = full.x().data().clone();
        for (int j = 0; j < 30; j++) {
            x[j * 4 + 3] = 0;
        }
        FiniteSum f = ls(new Dataset("z", new Matrix(30, 4, x), full.y()));
        assertEquals(0.0, f.strongConvexity().value());
        assertEquals(1, f.zeroColumns());
        double[] xs = f.minimizer();
        assertEquals(0.0, xs[3], 1e-15, "min-norm minimizer has no component on the zero column");
        assertTrue(f.gradientNormSquared(xs) < 1e-24);
    }

    @Test
    void minimizerZeroesTheGradientAndExcessIsExact() {
        Dataset data = gaussian(50, 6, 4, false);
        FiniteSum f = ls(data);
        double[] xs = f.minimizer();
        double[] g = new double[6];
        f.risk().gradient(xs, g);
        assertTrue(dot(g, g) < 1e-26, "‖∇f(x*)‖² = " + dot(g, g));
        double[] x = new RandomStream(8).gaussians(new double[6]);
        assertEquals(f.value(x) - f.minimum(), f.excess(x), 1e-12);
        double[] g2 = new double[6];
        f.risk().gradient(x, g2);
        assertEquals(dot(g2, g2), f.gradientNormSquared(x), 1e-12 * dot(g2, g2));
    }

    @Test
    void logisticSmoothnessBoundDominatesTheHessianEverywhere() {
        Dataset data = gaussian(30, 4, 5, true);
        FiniteSum f = FiniteSum.of(EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.MEAN));
        assertFalse(f.smoothness().exact());
        assertEquals(0.0, f.strongConvexity().value());
        RandomStream r = new RandomStream(6);
        for (int t = 0; t < 20; t++) {
            double[] w = r.gaussians(new double[4]);
            double[] h = new double[16];
            for (int j = 0; j < 30; j++) {
                double mj = data.y()[j] * dot(data.x().row(j), w);
                double s = 1 / (1 + Math.exp(-mj));
                double curv = s * (1 - s);
                for (int p = 0; p < 4; p++) {
                    for (int q = 0; q < 4; q++) {
                        h[p * 4 + q] += curv * data.x().get(j, p) * data.x().get(j, q) / 30;
                    }
                }
            }
            assertTrue(power(h, 4) <= f.smoothness().value() * (1 + 1e-12));
        }
        // at w = 0 every φ'' = ¼: the bound is attained
        double[] h0 = explicitHessian(data);
        assertEquals(power(h0, 4) / 4, f.smoothness().value(), 1e-9);
    }

    /** (1/m)Σ‖∇fⱼ − ∇f‖² by explicit component gradients. */
    static double bruteSpread(FiniteSum f, double[] x) {
        int m = f.terms();
        int d = f.dimension();
        double[] g = new double[d];
        f.risk().gradient(x, g);
        double s = 0;
        double[] gj = new double[d];
        for (int j = 0; j < m; j++) {
            f.componentGradient(j, x, gj);
            for (int i = 0; i < d; i++) {
                s += (gj[i] - g[i]) * (gj[i] - g[i]);
            }
        }
        return s / m;
    }

    @Test
    void varianceFormulasMatchEnumerationOfEveryBatch() {
        for (boolean logistic : new boolean[] {false, true}) {
            Dataset data = gaussian(6, 3, 7, logistic);
            FiniteSum f = FiniteSum.of(EmpiricalRisk.of(data, logistic ? LogisticLoss.INSTANCE : SquaredLoss.INSTANCE,
                    Reduction.MEAN));
            EmpiricalRisk risk = f.risk();
            double[] x = new RandomStream(9).gaussians(new double[3]);
            double[] g = new double[3];
            risk.gradient(x, g);
            assertEquals(bruteSpread(f, x), f.spread(x), 1e-12);
            int m = 6;
            for (int p = 1; p <= 3; p++) {
                // with replacement: all m^p ordered tuples, each with probability m^-p
                int total = (int) Math.pow(m, p);
                double[] mean = new double[3];
                double var = 0;
                int[] batch = new int[p];
                double[] gb = new double[3];
                for (int code = 0; code < total; code++) {
                    int c = code;
                    for (int l = 0; l < p; l++) {
                        batch[l] = c % m;
                        c /= m;
                    }
                    risk.minibatchGradient(x, batch, p, gb);
                    for (int i = 0; i < 3; i++) {
                        mean[i] += gb[i] / total;
                        var += (gb[i] - g[i]) * (gb[i] - g[i]) / total;
                    }
                }
                for (int i = 0; i < 3; i++) {
                    assertEquals(g[i], mean[i], 1e-12, "unbiased with replacement");
                }
                assertEquals(var, f.varianceWithReplacement(x, p), 1e-12);
                // without replacement: all p-subsets, equally likely
                double[] mean2 = new double[3];
                double var2 = 0;
                int subsets = 0;
                for (int mask = 0; mask < (1 << m); mask++) {
                    if (Integer.bitCount(mask) == p) {
                        subsets++;
                    }
                }
                for (int mask = 0; mask < (1 << m); mask++) {
                    if (Integer.bitCount(mask) != p) {
                        continue;
                    }
                    int k = 0;
                    for (int j = 0; j < m; j++) {
                        if ((mask & (1 << j)) != 0) {
                            batch[k++] = j;
                        }
                    }
                    risk.minibatchGradient(x, batch, p, gb);
                    for (int i = 0; i < 3; i++) {
                        mean2[i] += gb[i] / subsets;
                        var2 += (gb[i] - g[i]) * (gb[i] - g[i]) / subsets;
                    }
                }
                for (int i = 0; i < 3; i++) {
                    assertEquals(g[i], mean2[i], 1e-12, "unbiased without replacement");
                }
                assertEquals(var2, f.varianceWithoutReplacement(x, p), 1e-12);
            }
            assertEquals(0.0, f.varianceWithoutReplacement(x, 6), 1e-15, "the full batch has no variance");
        }
    }

    @Test
    void varianceMatchesMonteCarloOfTheLibrarySamplers() {
        Dataset data = gaussian(20, 3, 11, false);
        FiniteSum f = ls(data);
        double[] x = new RandomStream(12).gaussians(new double[3]);
        double[] g = new double[3];
        f.risk().gradient(x, g);
        int p = 5;
        int runs = 40000;
        for (boolean shuffled : new boolean[] {false, true}) {
            MonteCarlo.Estimates e = MonteCarlo.estimate(runs, new RandomStream(shuffled ? 2 : 1), 2, (r, s) -> {
                Sampler sm = shuffled ? Samplers.shuffledEpochs(20, p, s) : Samplers.withReplacement(20, p, s);
                int[] b = new int[p];
                int c = sm.nextBatch(b);
                double[] gb = new double[3];
                EmpiricalRisk risk = new EmpiricalRisk(data, f.risk().model(), SquaredLoss.INSTANCE, Reduction.MEAN);
                risk.minibatchGradient(x, b, c, gb);
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    v += (gb[i] - g[i]) * (gb[i] - g[i]);
                }
                return new double[] {v};
            }, ProgressListener.NONE);
            double exact = shuffled ? f.varianceWithoutReplacement(x, p) : f.varianceWithReplacement(x, p);
            assertTrue(Math.abs(e.mean()[0] - exact) <= 4 * e.stdErr()[0], "MC " + e.mean()[0] + " ± " + e.stdErr()[0]
                    + " vs exact " + exact);
        }
    }

    @Test
    void spreadBoundOnBallDominatesSampledPoints() {
        Dataset data = gaussian(30, 4, 13, false);
        FiniteSum f = ls(data);
        double[] c = f.minimizer();
        double radius = 0.7;
        double bound = f.spreadBoundOnBall(c, radius).value();
        RandomStream r = new RandomStream(14);
        double best = 0;
        for (int t = 0; t < 2000; t++) {
            double[] e = r.gaussians(new double[4]);
            double n = Math.sqrt(dot(e, e));
            double[] x = c.clone();
            for (int i = 0; i < 4; i++) {
                x[i] += radius * e[i] / n;
            }
            double s = f.spread(x);
            assertTrue(s <= bound, s + " > " + bound);
            best = Math.max(best, s);
        }
        assertTrue(best > 0.3 * bound, "the bound is not absurdly loose: sampled max " + best + ", bound " + bound);
        // P is the curvature of S: S(c + e) − S(c) − ⟨∇S, e⟩ = eᵀPe; check the second difference
        double[] pm = f.spreadCurvature();
        double[] e = {0.3, -0.2, 0.1, 0.4};
        double[] xp = c.clone();
        double[] xm = c.clone();
        for (int i = 0; i < 4; i++) {
            xp[i] += e[i];
            xm[i] -= e[i];
        }
        double quad = 0;
        for (int p = 0; p < 4; p++) {
            for (int q = 0; q < 4; q++) {
                quad += e[p] * pm[p * 4 + q] * e[q];
            }
        }
        assertEquals(quad, 0.5 * (f.spread(xp) + f.spread(xm)) - f.spread(c), 1e-10);
    }

    @Test
    void spreadQuadraticEqualsTheDirectSum() {
        Dataset data = gaussian(25, 3, 17, false);
        FiniteSum f = ls(data);
        double[] c = new RandomStream(18).gaussians(new double[3]);
        SpreadQuadratic q = f.spreadQuadratic(c);
        RandomStream r = new RandomStream(19);
        for (int t = 0; t < 50; t++) {
            double[] x = r.gaussians(new double[3]);
            for (int i = 0; i < 3; i++) {
                x[i] *= 3;
            }
            assertEquals(bruteSpread(f, x), q.at(x), 1e-10 * Math.max(1, bruteSpread(f, x)));
        }
    }

    @Test
    void rejectsSumReductionAndOtherLosses() {
        Dataset data = gaussian(10, 2, 1, false);
        assertThrows(IllegalArgumentException.class,
                () -> FiniteSum.of(EmpiricalRisk.of(data, SquaredLoss.INSTANCE, Reduction.SUM)));
        assertThrows(IllegalArgumentException.class, () -> FiniteSum.withoutReplacementFactor(5, 6));
        assertEquals(1.0, FiniteSum.withoutReplacementFactor(5, 1), 0, "p = 1: the same as with replacement");
    }
}
