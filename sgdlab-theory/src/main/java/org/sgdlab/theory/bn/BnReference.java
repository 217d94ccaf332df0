package org.sgdlab.theory.bn;

import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.param.ParameterLayout;

/**
 * A naive reference of source 001 experiment 4's BatchNorm network, written out loop by loop: Linear(d, H) →
 * BatchNorm1d(H) (training mode: batch mean and biased variance, ε) → ReLU → Linear(H, 1), logistic loss
 * log(1 + e^{−yf}) averaged over the batch (= torch's binary_cross_entropy_with_logits against (y + 1)/2). Parameters
 * in {@link Mlp}'s layout (W1, b1, gamma1, beta1, W2, b2). It serves two purposes: the graph's gradient must match it
 * (the house rule for fast paths), and it exposes the batch-norm internals that the scale-invariance law is stated in.
 *
 * <p>The law. Row j of fc1 together with its bias, w_j = (W1_j, b1_j), feeds unit j of the batch norm only through
 * x̂_j = (z_j − μ_j)/√(σ_j² + ε) with z_j = Xw_j (augmented rows). Scaling w_j by α scales z_j − μ_j by α and σ_j² by α²,
 * so d/dα x̂_j(αw_j)|_{α=1} = x̂_j·ε/(σ_j² + ε), and with ȳ_j = ∂L/∂x̂_j:
 * <pre>
 *   ⟨w_j, ∇_{w_j} L⟩ = ε/(σ_j² + ε) · ⟨x̂_j, ȳ_j⟩        (0 for ε = 0: seed 001 eq. 29's scale invariance)
 * </pre>
 *
 * <p>Rounding. {@link #bound} is a first-order running-error bound (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, 2nd ed., §3.1–3.3: a computed sum of k terms errs by at most γ_k times the sum of their absolute values,
 * γ_k = ku/(1 − ku)) on how far the graph's float64 ⟨w_j, ĝ_j⟩ may lie from the exact value above: every quantity the
 * computation passes through — z (d + 1 products), μ and σ² (n-term means), x̂, the backward map
 * (ȳ − mean ȳ − x̂·mean(x̂ȳ))/s and the n-term sums into ĝ — replaced by its magnitude,
 * <pre>
 *   B_j = Σᵢ (|zᵢⱼ − μⱼ| + Z⁺ᵢⱼ + |μⱼ|) · (|ȳᵢⱼ| + mean|ȳⱼ| + 2(|x̂ᵢⱼ| + 1)·mean(|x̂ⱼ||ȳⱼ|)) / sⱼ,
 *   Z⁺ᵢⱼ = Σ_k |W1ⱼₖ||xᵢₖ| + |b1ⱼ|,      |⟨w_j, ĝ_j⟩ − exact| ≤ γ_K · B_j,   K = 2(n + d) + 16
 * </pre>
 * (the factor 2 and the constant 16 cover the few extra roundings per term: the subtraction of μ, the division by s,
 * the square root; the ε-term's own evaluation is included since it is a product of the same magnitudes).
 */
final class BnReference {
    private final Dataset data;
    private final int n;
    private final int d;
    private final int h;
    private final double eps;
    private final int w1;
    private final int b1;
    private final int gamma;
    private final int beta;
    private final int w2;
    private final int b2;
    private final int size;
    // per-call buffers (n × h, row-major by sample)
    private final double[] z;
    private final double[] xhat;
    private final double[] act;
    private final double[] ybar;
    private final double[] zabs;
    /** Per unit j: μ, σ² (biased), s = √(σ² + ε), ⟨x̂_j, ȳ_j⟩, the exact-arithmetic ⟨w_j, ∇L⟩ and the bound γ_K·B_j. */
    final double[] mean;
    final double[] variance;
    final double[] std;
    final double[] xhatDotYbar;
    final double[] exactInner;
    final double[] bound;

    BnReference(Mlp net, Dataset data) {
        if (net.normalization() != Mlp.Normalization.BATCH || net.depth() != 2 || !net.hasBias()
                || !net.activation().name().equals("relu") || net.outputs() != 1) {
            throw new IllegalArgumentException("the reference is Linear-BatchNorm-ReLU-Linear with biases, got " + net.describe());
        }
        this.data = data;
        this.n = data.n();
        this.d = data.d();
        this.h = net.widths()[1];
        this.eps = net.batchNormStatistics(1).eps();
        ParameterLayout l = net.layout();
        this.w1 = l.block("W1").offset();
        this.b1 = l.block("b1").offset();
        this.gamma = l.block("gamma1").offset();
        this.beta = l.block("beta1").offset();
        this.w2 = l.block("W2").offset();
        this.b2 = l.block("b2").offset();
        this.size = l.size();
        this.z = new double[n * h];
        this.xhat = new double[n * h];
        this.act = new double[n * h];
        this.ybar = new double[n * h];
        this.zabs = new double[n * h];
        this.mean = new double[h];
        this.variance = new double[h];
        this.std = new double[h];
        this.xhatDotYbar = new double[h];
        this.exactInner = new double[h];
        this.bound = new double[h];
    }

    int hidden() {
        return h;
    }

    /** γ_K of the bound, K = 2(n + d) + 16. */
    double gammaK() {
        double ku = (2.0 * (n + d) + 16) * 0x1.0p-53;
        return ku / (1 - ku);
    }

    /**
     * The loss at {@code theta} (read only), its gradient into {@code grad} (Mlp layout) and the per-unit quantities
     * ({@link #mean}, {@link #variance}, {@link #std}, {@link #xhatDotYbar}, {@link #exactInner}, {@link #bound}).
     */
    double lossAndGradient(double[] theta, double[] grad) {
        // One small method per unit or sample and phase (same operations in the same order as one method with the
        // loops inline): C2 then compiles each once, instead of entering this method's inner loops by on-stack
        // replacement one after another (JFR of check --quick: this method was compiled 9 times, 7 of them OSR).
        double[] x = data.x().data();
        double[] y = data.y();
        double gk = gammaK();
        for (int j = 0; j < h; j++) {
            normalizeUnit(theta, x, j);
        }
        java.util.Arrays.fill(grad, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += sampleLossAndBackward(theta, y, grad, i);
        }
        for (int j = 0; j < h; j++) {
            unitBackward(theta, x, grad, gk, j);
        }
        return loss / n;
    }

    /** Unit j's pre-activations z, their magnitudes, mean, variance, std, x̂ and activations (fields; theta read only). */
    private void normalizeUnit(double[] theta, double[] x, int j) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = theta[b1 + j];
            double a = Math.abs(theta[b1 + j]);
            for (int k = 0; k < d; k++) {
                v += theta[w1 + j * d + k] * x[i * d + k];
                a += Math.abs(theta[w1 + j * d + k] * x[i * d + k]);
            }
            z[i * h + j] = v;
            zabs[i * h + j] = a;
            s += v;
        }
        double mu = s / n;
        double q = 0;
        for (int i = 0; i < n; i++) {
            double c = z[i * h + j] - mu;
            q += c * c;
        }
        mean[j] = mu;
        variance[j] = q / n;
        std[j] = Math.sqrt(variance[j] + eps);
        for (int i = 0; i < n; i++) {
            xhat[i * h + j] = (z[i * h + j] - mu) / std[j];
            act[i * h + j] = theta[gamma + j] * xhat[i * h + j] + theta[beta + j];
        }
    }

    /**
     * Sample i's logistic loss (returned, not yet divided by n); adds its share to the gradient of fc2, γ and β in
     * {@code grad} (modified) and writes its ȳ row (field; theta, y read only).
     */
    private double sampleLossAndBackward(double[] theta, double[] y, double[] grad, int i) {
        double f = theta[b2];
        for (int j = 0; j < h; j++) {
            f += theta[w2 + j] * Math.max(act[i * h + j], 0.0);
        }
        double m = y[i] * f;
        double loss = LogisticLoss.INSTANCE.value(m);
        double df = y[i] * LogisticLoss.INSTANCE.derivative(m) / n;
        grad[b2] += df;
        for (int j = 0; j < h; j++) {
            double a = act[i * h + j];
            grad[w2 + j] += df * Math.max(a, 0.0);
            double da = a > 0 ? df * theta[w2 + j] : 0.0;
            grad[gamma + j] += da * xhat[i * h + j];
            grad[beta + j] += da;
            ybar[i * h + j] = da * theta[gamma + j];
        }
        return loss;
    }

    /**
     * Unit j's backward pass through the batch norm into fc1's gradient in {@code grad} (modified), with its
     * {@link #xhatDotYbar}, {@link #exactInner} and {@link #bound} (fields; theta, x read only).
     */
    private void unitBackward(double[] theta, double[] x, double[] grad, double gk, int j) {
        double sy = 0;
        double sxy = 0;
        double sAbsY = 0;
        double sAbsXy = 0;
        for (int i = 0; i < n; i++) {
            sy += ybar[i * h + j];
            sxy += xhat[i * h + j] * ybar[i * h + j];
            sAbsY += Math.abs(ybar[i * h + j]);
            sAbsXy += Math.abs(xhat[i * h + j] * ybar[i * h + j]);
        }
        double my = sy / n;
        double mxy = sxy / n;
        double b = 0;
        for (int i = 0; i < n; i++) {
            double dz = (ybar[i * h + j] - my - xhat[i * h + j] * mxy) / std[j];
            for (int k = 0; k < d; k++) {
                grad[w1 + j * d + k] += dz * x[i * d + k];
            }
            grad[b1 + j] += dz;
            double zMag = Math.abs(z[i * h + j] - mean[j]) + zabs[i * h + j] + Math.abs(mean[j]);
            double dzMag = (Math.abs(ybar[i * h + j]) + sAbsY / n + 2 * (Math.abs(xhat[i * h + j]) + 1) * sAbsXy / n) / std[j];
            b += zMag * dzMag;
        }
        xhatDotYbar[j] = sxy;
        exactInner[j] = epsilonTerm(variance[j], sxy);
        bound[j] = gk * b;
    }

    /**
     * ε/(σ² + ε)·⟨x̂, ȳ⟩, and +0 for ε = 0 (also when σ² = 0 there), without a branch on ε: bn.weight-norm runs ε = 0 first
     * and ε = 1e-5 next, and a test {@code eps == 0} made C2 drop the ε path of {@link #unitBackward} during the first run
     * and deoptimize it in the second (JFR of check --quick: unstable_if, recompiled). The denominator is at least
     * {@link Double#MIN_NORMAL} so that ε = σ² = 0 gives 0/MIN_NORMAL = +0 instead of 0/0; for ε &gt; 0 it is σ² + ε ≥ ε
     * itself. The product is ±0 when ε = 0 and {@code + 0.0} turns −0 into +0 (the value the branch returned); it leaves
     * every other value as it is (a −0 product for ε &gt; 0 becomes +0, which the Σⱼ of the law, started at +0, cannot tell
     * apart; a non-finite ⟨x̂, ȳ⟩ now gives NaN for ε = 0 as well, when the gradient itself is no longer finite).
     */
    private double epsilonTerm(double variance, double xhatDotYbar) {
        return eps / Math.max(variance + eps, Double.MIN_NORMAL) * xhatDotYbar + 0.0;
    }

    /** The number of parameters (the Mlp layout's size). */
    int size() {
        return size;
    }

    /** Offset of fc1's weight W1 (H × d) in the layout; fc1's bias b1 (H) is at {@link #fc1BiasOffset()}. */
    int fc1WeightOffset() {
        return w1;
    }

    int fc1BiasOffset() {
        return b1;
    }

    int inputs() {
        return d;
    }
}
