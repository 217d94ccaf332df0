package org.sgdlab.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.Fixtures;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * Factorized matrices against independent computations: depth 1 is core's least squares on the rows vec(Aₖ);
 * completion is sensing with unit matrices; the graph's product is {@link FactorChain#product}; the un-halved loss of
 * source 001 experiment 3 is ‖Y − W₂W₁‖²_F with the closed-form gradient (∇W₁ = 2W₂ᵀR, ∇W₂ = 2RW₁ᵀ, R = W₂W₁ − Y).
 */
class FactorizedMatrixTest {
    private static final NetworkLoss SQUARED = NetworkLoss.of(SquaredLoss.INSTANCE);

    private static double[] params(int p, long seed) {
        return Checks.gaussians(new RandomStream(seed), p);
    }

    @Test
    void depthOneSensingIsCoresLeastSquares() {
        for (Reduction red : Reduction.values()) {
            Dataset data = Fixtures.sensing(30, 4, 5, 1);
            FactorizedMatrix net = FactorizedMatrix.sensing(4, 5);
            NetworkObjective f = new NetworkObjective(net, data, SQUARED, red);
            EmpiricalRisk risk = new EmpiricalRisk(data, new LinearModel(20, false), SquaredLoss.INSTANCE, red);
            double[] w = params(20, 2);
            double[] gf = new double[20];
            double[] gr = new double[20];
            double vf = f.gradient(w, gf);
            double vr = risk.gradient(w, gr);
            assertEquals(vr, vf, 1e-14 * vr, red + ": value");
            assertTrue(Checks.relativeErrorInf(gf, gr) <= 1e-14, red + ": gradient " + Checks.relativeErrorInf(gf, gr));
            int[] batch = {4, 4, 29, 0, 13};
            vf = f.minibatchGradient(w, batch, batch.length, gf);
            vr = risk.minibatchGradient(w, batch, batch.length, gr);
            assertEquals(vr, vf, 1e-14 * vr, red + ": minibatch value");
            assertTrue(Checks.relativeErrorInf(gf, gr) <= 1e-14, red + ": minibatch gradient " + Checks.relativeErrorInf(gf, gr));
        }
    }

    @Test
    void completionIsSensingWithUnitMatrices() {
        Dataset entries = Fixtures.completion(12, 3, 4, 3);
        Matrix[] units = new Matrix[entries.n()];
        for (int k = 0; k < units.length; k++) {
            units[k] = Matrix.zeros(3, 4);
            units[k].set((int) entries.x().get(k, 0), (int) entries.x().get(k, 1), 1.0);
        }
        Dataset rows = FactorizedMatrix.sensingData("units", units, entries.y());
        NetworkObjective completion = new NetworkObjective(FactorizedMatrix.completion(3, 4, 5, 2), entries, SQUARED, Reduction.SUM);
        NetworkObjective sensing = new NetworkObjective(FactorizedMatrix.sensing(3, 4, 5, 2), rows, SQUARED, Reduction.SUM);
        double[] w = params(completion.dimension(), 4);
        double[] v = params(completion.dimension(), 5);
        double[] a = new double[w.length];
        double[] b = new double[w.length];
        assertEquals(sensing.gradient(w, b), completion.gradient(w, a), 1e-14 * Math.abs(sensing.value(w)));
        assertTrue(Checks.relativeErrorInf(a, b) <= 1e-14, "gradient " + Checks.relativeErrorInf(a, b));
        completion.hessianVectorProduct(w, v, a);
        sensing.hessianVectorProduct(w, v, b);
        assertTrue(Checks.relativeErrorInf(a, b) <= 1e-14, "HVP " + Checks.relativeErrorInf(a, b));
    }

    @Test
    void theGraphsProductIsTheDirectProduct() {
        Matrix y = new Matrix(3, 5, new double[15]);
        FactorizedMatrix net = FactorizedMatrix.completion(3, 5, 4, 6);
        NetworkObjective f = new NetworkObjective(net, FactorizedMatrix.fullyObserved("zeros", y), SQUARED, Reduction.SUM);
        double[] w = params(f.dimension(), 6);
        double[] out = new double[15];
        f.outputs(w, out);
        Matrix direct = net.product(w);
        assertEquals(3, direct.rows());
        assertEquals(5, direct.cols());
        assertTrue(Checks.relativeErrorInf(out, direct.data()) <= 1e-14, "product " + Checks.relativeErrorInf(out, direct.data()));
        // and the product is W3·W2·W1 from the blocks themselves
        Matrix w1 = net.chain().factor(w, 1);
        Matrix w2 = net.chain().factor(w, 2);
        Matrix w3 = net.chain().factor(w, 3);
        assertEquals(3 * 5, w3.rows() * w1.cols());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int a = 0; a < 6; a++) {
                    for (int b = 0; b < 4; b++) {
                        s += w3.get(i, a) * w2.get(a, b) * w1.get(b, j);
                    }
                }
                assertEquals(s, direct.get(i, j), 1e-13, "W[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void sourceExperimentThreeLossAndItsClosedFormGradient() {
        Matrix y = Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}});
        FactorizedMatrix net = FactorizedMatrix.completion(3, 3, 10);
        assertEquals(java.util.List.of("W1", "W2"), net.layout().blocks().stream().map(b -> b.name()).toList());
        assertEquals(10, net.layout().block("W1").rows(), "W1 is d × 3 = 10 × 3, as torch.randn(d, 3)");
        assertEquals(10, net.layout().block("W2").cols(), "W2 is 3 × d");
        NetworkObjective f = new NetworkObjective(net, FactorizedMatrix.fullyObserved("Y", y), NetworkLoss.scaled(SQUARED, 2),
                Reduction.SUM);
        double[] w = net.initialize(FactorInitialization.gaussian(0.3), new RandomStream(7));
        Matrix wm = net.product(w);
        double[] r = new double[9];
        double frob = 0;
        for (int k = 0; k < 9; k++) {
            r[k] = wm.data()[k] - y.data()[k];
            frob += r[k] * r[k];
        }
        double[] g = new double[f.dimension()];
        assertEquals(frob, f.gradient(w, g), 1e-13 * frob, "‖Y − W₂W₁‖²_F");
        Matrix w1 = net.chain().factor(w, 1);
        Matrix w2 = net.chain().factor(w, 2);
        double[] expected = new double[f.dimension()];
        for (int a = 0; a < 10; a++) {
            for (int j = 0; j < 3; j++) {
                double s = 0; // (2 W₂ᵀ R)[a, j]
                for (int i = 0; i < 3; i++) {
                    s += w2.get(i, a) * r[i * 3 + j];
                }
                expected[a * 3 + j] = 2 * s;
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < 10; a++) {
                double s = 0; // (2 R W₁ᵀ)[i, a]
                for (int j = 0; j < 3; j++) {
                    s += r[i * 3 + j] * w1.get(a, j);
                }
                expected[30 + i * 10 + a] = 2 * s;
            }
        }
        assertTrue(Checks.relativeErrorInf(g, expected) <= 1e-13, "closed form " + Checks.relativeErrorInf(g, expected));
    }

    @Test
    void homogeneousOfDegreeL() {
        for (int depth = 1; depth <= 3; depth++) {
            FactorizedMatrix net = FactorizedMatrix.of(FactorizedMatrix.Observation.SENSING, 2, 3, depth, 4);
            assertEquals(depth, net.homogeneityDegree().getAsInt());
            NetworkObjective f = new NetworkObjective(net, Fixtures.sensing(7, 2, 3, 8), SQUARED, Reduction.SUM);
            double[] w = params(f.dimension(), 9);
            double[] cw = w.clone();
            for (int i = 0; i < cw.length; i++) {
                cw[i] *= 1.7;
            }
            double[] out = new double[7];
            double[] cout = new double[7];
            f.outputs(w, out);
            f.outputs(cw, cout);
            for (int i = 0; i < 7; i++) {
                out[i] *= Math.pow(1.7, depth);
            }
            assertTrue(Checks.relativeErrorInf(cout, out) <= 1e-14, "depth " + depth);
        }
    }

    @Test
    void nuclearNormIsTheSumOfSingularValues() {
        assertEquals(14.0, FactorizedMatrix.nuclearNorm(Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}})), 1e-13);
        assertEquals(5.0, FactorizedMatrix.nuclearNorm(Matrix.of(new double[][] {{3, 0}, {0, -2}, {0, 0}})), 1e-15);
    }

    @Test
    void badDataAndShapesAreRefusedWithTheValue() {
        FactorizedMatrix net = FactorizedMatrix.completion(3, 4, 2);
        Dataset outside = FactorizedMatrix.completionData("o", new int[] {0, 3}, new int[] {1, 1}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkObjective(net, outside, SQUARED, Reduction.SUM));
        assertTrue(e.getMessage().contains("example 1") && e.getMessage().contains("(3.0, 1.0)") && e.getMessage().contains("3×4"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkObjective(FactorizedMatrix.sensing(3, 4),
                Fixtures.sensing(5, 2, 5, 1), SQUARED, Reduction.SUM));
        assertTrue(e.getMessage().contains("12 features") || e.getMessage().contains("takes 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorizedMatrix.sensing(3, 0));
        assertTrue(e.getMessage().contains("columns must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorizedMatrix.completionData("x", new int[] {-1}, new int[] {0},
                new double[] {1}));
        assertTrue(e.getMessage().contains("(-1, 0)"), e.getMessage());
    }
}
