package org.sgdlab.nn.probe;

import java.util.OptionalInt;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorChain;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.probe.Probe;

/** Probes of what a network computes: margins, the product of a factor chain, a diagonal network's predictor. */
public final class NetworkProbes {
    private NetworkProbes() {
    }

    /** "min_margin": minᵢ yᵢ f(xᵢ) over the objective's data (labels ±1, one output). */
    public static Probe minMargin(NetworkObjective f) {
        requireOneOutput(f);
        double[] out = new double[f.sampleCount()];
        return Probe.of("min_margin", (t, w, o) -> minMargin(f, w, out));
    }

    /**
     * "normalized_margin": minᵢ yᵢ f(xᵢ) / ‖θ‖₂^L for a network positively homogeneous of degree L, the quantity gradient
     * descent on an exponentially tailed loss increases toward a KKT point of the max-margin problem (Lyu &amp; Li 2020,
     * Theorem 4.1; 002 ch. 8).
     */
    public static Probe normalizedMargin(NetworkObjective f) {
        requireOneOutput(f);
        OptionalInt degree = f.network().homogeneityDegree();
        if (degree.isEmpty()) {
            throw new IllegalArgumentException("the normalized margin needs a homogeneous network; " + f.network().describe()
                    + " is not");
        }
        int l = degree.getAsInt();
        double[] out = new double[f.sampleCount()];
        return Probe.of("normalized_margin", (t, w, o) -> minMargin(f, w, out) / Math.pow(WeightNorms.norm(w, 0, w.length), l));
    }

    private static void requireOneOutput(NetworkObjective f) {
        if (f.network().outputs() != 1) {
            throw new IllegalArgumentException("margins need a network with one output, " + f.network().describe() + " has "
                    + f.network().outputs());
        }
        f.data().requireBinaryLabels();
    }

    private static double minMargin(NetworkObjective f, double[] w, double[] out) {
        f.outputs(w, out);
        double[] y = f.data().y();
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            m = Math.min(m, y[i] * out[i]);
        }
        return m;
    }

    /** "nuclear_norm": ‖W_L ⋯ W₁‖_*, the sum of the product's singular values. */
    public static Probe nuclearNorm(FactorChain chain) {
        return Probe.of("nuclear_norm", (t, w, o) -> FactorizedMatrix.nuclearNorm(chain.product(w)));
    }

    /** "balance": max_l ‖W_{l+1}ᵀW_{l+1} − W_lW_lᵀ‖_F ({@link FactorChain#balanceResidual}). */
    public static Probe balance(FactorChain chain) {
        return Probe.of("balance", (t, w, o) -> chain.balanceResidual(w));
    }

    /** "predictor_l1": ‖w‖₁ of a diagonal network's linear predictor w (the norm its small-α limit minimizes). */
    public static Probe predictorL1(DiagonalNetwork net) {
        return Probe.of("predictor_l1", (t, w, o) -> {
            double s = 0;
            for (double v : net.weights(w)) {
                s += Math.abs(v);
            }
            return s;
        });
    }
}
