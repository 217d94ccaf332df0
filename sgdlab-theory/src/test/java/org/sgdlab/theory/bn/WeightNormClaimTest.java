package org.sgdlab.theory.bn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdlab.data.Dataset;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/** bn.weight-norm: the reference network, the ε-correction, the rounding bounds, the rule with planted predictions. */
class WeightNormClaimTest {
    private static Experiment4.Run exact;
    private static Experiment4.Run torchEps;

    @BeforeAll
    static void runOnce() {
        Dataset data = Experiment4.data();
        Mlp a = Experiment4.network(true, 0.0);
        Mlp b = Experiment4.network(true, Experiment4.TORCH_EPS);
        exact = Experiment4.run("eps0", a, data, Experiment4.init(a, 1, 0), Experiment4.SOURCE_LR, 1000, ProgressListener.NONE);
        torchEps = Experiment4.run("eps1e-5", b, data, Experiment4.init(b, 1, 0), Experiment4.SOURCE_LR, 1000, ProgressListener.NONE);
    }

    private static double[] randomTheta(Mlp net, long seed) {
        double[] t = net.initialize(new RandomStream(seed));
        RandomStream r = new RandomStream(seed + 1);
        for (int i = 0; i < t.length; i++) {
            t[i] += 0.3 * r.nextGaussian(); // γ, β away from 1, 0
        }
        return t;
    }

    @Test
    void referenceMatchesTheGraphAndFiniteDifferences() {
        Dataset data = Experiment4.data();
        for (double eps : new double[] {0.0, Experiment4.TORCH_EPS, 0.1}) {
            Mlp net = Experiment4.network(true, eps);
            NetworkObjective f = Experiment4.objective(net, data);
            BnReference ref = new BnReference(net, data);
            double[] theta = randomTheta(net, 7);
            double[] g = new double[theta.length];
            double[] r = new double[theta.length];
            double lg = f.gradient(theta, g);
            double lr = ref.lossAndGradient(theta, r);
            assertEquals(lg, lr, 1e-14 * lg);
            for (int i = 0; i < g.length; i++) {
                assertEquals(g[i], r[i], 1e-13 * (1 + Math.abs(g[i])), "eps " + eps + ", coordinate " + i);
                double[] a = theta.clone();
                double[] b = theta.clone();
                a[i] += 1e-6;
                b[i] -= 1e-6;
                double fd = (f.value(a) - f.value(b)) / 2e-6;
                assertEquals(fd, r[i], 1e-7, "finite difference, eps " + eps + ", coordinate " + i);
            }
        }
    }

    @Test
    void epsilonCorrectionIsTheDerivativeAlongTheScaling() {
        // ⟨w_j, ∇_{w_j}L⟩ = d/dα L(α w_j)|_{α=1}: the reference's ε/(σ² + ε)⟨x̂, ȳ⟩ against a difference in α, unit by unit
        Dataset data = Experiment4.data();
        for (double eps : new double[] {Experiment4.TORCH_EPS, 0.05}) {
            Mlp net = Experiment4.network(true, eps);
            NetworkObjective f = Experiment4.objective(net, data);
            BnReference ref = new BnReference(net, data);
            double[] theta = randomTheta(net, 9);
            ref.lossAndGradient(theta, new double[theta.length]);
            int w1 = ref.fc1WeightOffset();
            int b1 = ref.fc1BiasOffset();
            int d = ref.inputs();
            for (int j = 0; j < ref.hidden(); j++) {
                double h = 1e-4;
                double fd = (scaled(f, theta, j, d, w1, b1, 1 + h) - scaled(f, theta, j, d, w1, b1, 1 - h)) / (2 * h);
                assertEquals(fd, ref.exactInner[j], 1e-8 * (1 + Math.abs(ref.exactInner[j])) + 1e-12, "eps " + eps + ", unit " + j);
            }
        }
    }

    private static double scaled(NetworkObjective f, double[] theta, int j, int d, int w1, int b1, double alpha) {
        double[] t = theta.clone();
        for (int k = 0; k < d; k++) {
            t[w1 + j * d + k] *= alpha;
        }
        t[b1 + j] *= alpha;
        return f.value(t);
    }

    @Test
    void theLawHoldsToRoundingAndPlantedLawsFail() {
        List<Experiment4.Run> runs = List.of(exact, torchEps);
        assertEquals(Verdict.HOLDS, WeightNormClaim.decide(runs, WeightNormClaim.THEORY));
        assertTrue(exact.maxGradientDeviation() < 1e-13, "graph vs reference " + exact.maxGradientDeviation());
        // the ε = 0 law applied to torch's ε: ⟨w, ∇L⟩ = 0 and increment η²‖∇L‖² — wrong by the ε-term
        WeightNormClaim.Prediction withoutEps = new WeightNormClaim.Prediction() {
            @Override
            public double inner(Experiment4.Run r, int t) {
                return 0;
            }

            @Override
            public double increment(Experiment4.Run r, int t) {
                return r.lr() * r.lr() * r.gradSq()[t];
            }
        };
        assertEquals(Verdict.HOLDS, WeightNormClaim.decide(List.of(exact), withoutEps), "for ε = 0 it is the law");
        assertEquals(Verdict.FAILS, WeightNormClaim.decide(List.of(torchEps), withoutEps));
        // a wrong law: ‖w_{t+1}‖² = ‖w_t‖² + 2η²‖∇L‖²
        WeightNormClaim.Prediction doubled = new WeightNormClaim.Prediction() {
            @Override
            public double inner(Experiment4.Run r, int t) {
                return r.exactInner()[t];
            }

            @Override
            public double increment(Experiment4.Run r, int t) {
                return 2 * r.lr() * r.lr() * r.gradSq()[t];
            }
        };
        assertEquals(Verdict.FAILS, WeightNormClaim.decide(List.of(exact), doubled));
        // the bounds are not vacuous: the measured deviations are far inside them, and the ε-term is far outside
        WeightNormClaim.Check c = WeightNormClaim.check(exact, WeightNormClaim.THEORY);
        assertTrue(c.innerRatio() < 0.05 && c.lawRatio() < 1, c.toString());
        assertTrue(WeightNormClaim.check(torchEps, withoutEps).innerRatio() > 1e3, "the ε-term dwarfs the rounding bound");
    }

    @Test
    void theNormOfTheScaleInvariantWeightsNeverDecreasesAndTheRestIsNotInvariant() {
        for (int t = 0; t < exact.steps(); t++) {
            assertTrue(exact.increment()[t] >= -exact.lawBound()[t], "step " + t);
        }
        // b1's gradient is 0 up to rounding (the batch mean removes it), so the bias does not move
        double[] th = exact.finalTheta();
        Mlp net = Experiment4.network(true, 0.0);
        double[] t0 = Experiment4.init(net, 1, 0);
        int b1 = net.layout().block("b1").offset();
        for (int j = 0; j < Experiment4.HIDDEN; j++) {
            assertEquals(t0[b1 + j], th[b1 + j], 1e-14, "b1 " + j);
        }
    }

    @Test
    void theClaimOnItsQuickBudget() {
        ClaimResult r = new WeightNormClaim().check(ClaimContext.quick(1));
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.numbers().get("worst_eps_term_relative_to_increment") > 0.5, "with torch's ε the law is off: " + r.numbers());
        assertTrue(r.numbers().get("invariance.eps0.max_rel_change_of_L_under_fc1_scaling") < 1e-14, r.numbers().toString());
        assertTrue(r.numbers().get("invariance.eps1e-05.max_rel_change_of_L_under_fc1_scaling") > 1e-8, r.numbers().toString());
    }
}
