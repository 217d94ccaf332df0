package org.sgdlab.theory.scaleinv;

import java.util.Arrays;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * 002 Lemma 13.2.2's network with its head frozen: a bias-free ReLU MLP d → h → h → 1 whose two hidden layers are
 * normalized (layer norm or batch norm, ε as given), x⁽ˡ⁾ = ReLU(N(W⁽ˡ⁻¹⁾x⁽ˡ⁻¹⁾)), with the parameters after the last
 * normalization (its γ, β and the output layer W3) fixed at their initial values. The trainable vector w = (W1, γ1, β1,
 * W2) is a prefix of the {@link Mlp} layout, so the loss L(w) = mean logistic loss of the full parameter vector (w, head)
 * is scale-invariant in w for ε = 0: W1·x is 1-homogeneous in w, N removes the scale, γ1x̂ + β1 and its ReLU are
 * 1-homogeneous, W2·x⁽¹⁾ is 2-homogeneous and the second N removes that scale too. (With biases in the hidden layers
 * W2x⁽¹⁾ + b2 would mix degrees 2 and 1; the lemma's network has none.)
 *
 * <p>Not thread-safe (the objective's graphs are buffers). Arguments are read only; results go to {@code out}.
 */
final class FrozenHeadNet {
    final Mlp net;
    final NetworkObjective objective;
    /** The full parameter vector at initialization; its head part θ[k..p) stays fixed. */
    private final double[] theta0;
    /** k: the length of the trainable prefix w. */
    final int k;
    private final double[] theta;
    private final double[] full;
    private final double[] fullIn;

    /**
     * @param norm  LAYER or BATCH
     * @param eps   the normalization's ε (0 for exact scale invariance)
     * @param n     data rows
     * @param d     features
     * @param h     hidden width
     * @param seed  data and initialization
     */
    FrozenHeadNet(Mlp.Normalization norm, double eps, int n, int d, int h, long seed) {
        this.net = Mlp.builder(d).hidden(h, h).bias(false).normalization(norm).eps(eps).build();
        RandomStream r = new RandomStream(seed);
        this.objective = new NetworkObjective(net, data(n, d, r.split(1)), NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        this.theta0 = net.initialize(r.split(2));
        // frozen head γ2, β2 drawn away from (1, 0) so the head is a generic fixed map
        RandomStream hr = r.split(3);
        var g2 = net.layout().block("gamma2");
        var b2 = net.layout().block("beta2");
        for (int i = g2.offset(); i < g2.end(); i++) {
            theta0[i] = 0.5 + hr.nextDouble();
        }
        for (int i = b2.offset(); i < b2.end(); i++) {
            theta0[i] = 0.5 * (2 * hr.nextDouble() - 1);
        }
        this.k = g2.offset();
        this.theta = theta0.clone();
        this.full = new double[theta0.length];
        this.fullIn = new double[theta0.length];
    }

    /** n rows of d standard Gaussian features, labels ±1 by a random linear teacher with 10% flipped. */
    static Dataset data(int n, int d, RandomStream r) {
        double[] x = r.gaussians(new double[n * d]);
        double[] teacher = r.gaussians(new double[d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * teacher[j];
            }
            y[i] = (s >= 0 ? 1 : -1) * (r.nextDouble() < 0.1 ? -1 : 1);
        }
        return new Dataset("scale-invariance teacher n" + n + " d" + d, new Matrix(n, d, x), y);
    }

    /** The dimension k of w. */
    int dimension() {
        return k;
    }

    /** w₀: the trainable prefix of the initialization (a copy). */
    double[] initialW() {
        return Arrays.copyOf(theta0, k);
    }

    private double[] withHead(double[] w) {
        System.arraycopy(w, 0, theta, 0, k);
        return theta;
    }

    double value(double[] w) {
        return objective.value(withHead(w));
    }

    /** ∇L(w) into {@code out} (length k); returns L(w). */
    double gradient(double[] w, double[] out) {
        double v = objective.gradient(withHead(w), full);
        System.arraycopy(full, 0, out, 0, k);
        return v;
    }

    /** ∇²L(w)·v into {@code out} (the w-block of the full Hessian times (v, 0)); returns L(w). */
    double hvp(double[] w, double[] v, double[] out) {
        Arrays.fill(fullIn, 0.0);
        System.arraycopy(v, 0, fullIn, 0, k);
        double f = objective.hessianVectorProduct(withHead(w), fullIn, full);
        System.arraycopy(full, 0, out, 0, k);
        return f;
    }
}
