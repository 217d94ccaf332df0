package org.sgdlab.theory.scaleinv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;

/** scale-invariance.identities: the quick verdict, the frozen-head gradient, and planted wrong predictions. */
class IdentitiesClaimTest {
    @Test
    void quickRunHolds() {
        ClaimResult r = new IdentitiesClaim().check(ClaimContext.quick(1));
        assertEquals(new IdentitiesClaim().expectedVerdict(Budget.QUICK), r.verdict(), r.measurement());
        assertEquals(Verdict.HOLDS, r.verdict(), r.measurement());
        assertTrue(r.numbers().get("control_eps1e-5.max_rel_loss_change") > 1e-6, r.numbers().toString());
        assertEquals(1.0, r.numbers().get("bitwise_layer_norm_c2"), "c = 2 scales every intermediate exactly");
        assertEquals(2, r.plots().size());
    }

    @Test
    void frozenHeadGradientAndHvpMatchFiniteDifferences() {
        for (Mlp.Normalization norm : List.of(Mlp.Normalization.LAYER, Mlp.Normalization.BATCH)) {
            FrozenHeadNet f = new FrozenHeadNet(norm, 0, 16, 3, 5, 7);
            double[] w = f.initialW();
            double[] g = new double[w.length];
            f.gradient(w, g);
            double[] v = new RandomStream(3).gaussians(new double[w.length]);
            double h = 1e-6;
            double[] wp = w.clone();
            double[] wm = w.clone();
            for (int i = 0; i < w.length; i++) {
                wp[i] += h * v[i];
                wm[i] -= h * v[i];
            }
            double fd = (f.value(wp) - f.value(wm)) / (2 * h);
            assertEquals(IdentitiesClaim.dot(g, v), fd, 1e-7 * Math.max(1, Math.abs(fd)), norm + " directional derivative");
            double[] gp = new double[w.length];
            double[] gm = new double[w.length];
            f.gradient(wp, gp);
            f.gradient(wm, gm);
            double[] hv = new double[w.length];
            f.hvp(w, v, hv);
            for (int i = 0; i < w.length; i++) {
                assertEquals((gp[i] - gm[i]) / (2 * h), hv[i], 1e-5 * Math.max(1, Math.abs(hv[i])), norm + " HVP entry " + i);
            }
        }
    }

    @Test
    void plantedWrongPredictionsFail() {
        RandomStream r = new RandomStream(5);
        List<IdentitiesClaim.Sample> s = new ArrayList<>(IdentitiesClaim.measure(new FrozenHeadNet(Mlp.Normalization.LAYER, 0, 16, 3, 5, 2),
                "ln", 0, 1, r));
        s.addAll(IdentitiesClaim.measure(new FrozenHeadNet(Mlp.Normalization.BATCH, 0, 16, 3, 5, 2), "bn", 0, 1, r));
        List<IdentitiesClaim.Homogeneity> h = IdentitiesClaim.homogeneity(3, 1);
        IdentitiesClaim.Prediction theory = IdentitiesClaim.Prediction.THEORY;
        assertEquals(Verdict.HOLDS, IdentitiesClaim.decide(s, h, 1.0, theory));
        // planted: ∇L(cw) = ∇L(w)/c², ∇²L(cw) = ∇²L(w)/c, L(cw) = L(w)/c, degree k + 1
        assertEquals(Verdict.FAILS, IdentitiesClaim.decide(s, h, 1.0, new IdentitiesClaim.Prediction(0, 2, 2, 0)));
        assertEquals(Verdict.FAILS, IdentitiesClaim.decide(s, h, 1.0, new IdentitiesClaim.Prediction(0, 1, 1, 0)));
        assertEquals(Verdict.FAILS, IdentitiesClaim.decide(s, h, 1.0, new IdentitiesClaim.Prediction(1, 1, 2, 0)));
        assertEquals(Verdict.FAILS, IdentitiesClaim.decide(s, h, 1.0, new IdentitiesClaim.Prediction(0, 1, 2, 1)));
        // planted: a network that is not scale-invariant (ε = 1e-5) claimed to be
        List<IdentitiesClaim.Sample> eps = IdentitiesClaim.measure(new FrozenHeadNet(Mlp.Normalization.LAYER, 1e-5, 16, 3, 5, 2), "eps", 0, 1, r);
        assertEquals(Verdict.FAILS, IdentitiesClaim.decide(eps, h, 1.0, theory));
        // a control that does not break leaves the check undecided
        assertEquals(Verdict.INCONCLUSIVE, IdentitiesClaim.decide(s, h, 0.0, theory));
    }
}
