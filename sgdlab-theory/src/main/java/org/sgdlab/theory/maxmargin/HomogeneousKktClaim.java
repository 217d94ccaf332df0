package org.sgdlab.theory.maxmargin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.oracles.Nnls;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Fit;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;
import org.sgdlab.train.ProgressListener;

/**
 * max-margin.homogeneous-kkt (002 §8.4, Def. 8.4.1 and Thm 8.4.5; Lyu &amp; Li 2020, "Gradient descent maximizes the margin
 * of homogeneous neural networks", ICLR, Thms 4.1/A.7 and 4.4/A.8): for an L-homogeneous network f(θ; x) (a bias-free
 * ReLU MLP of depth L: f(cθ; x) = c^L f(θ; x)) trained by gradient flow on the logistic loss L(θ) = Σᵢ log(1 + e^{−qᵢ}),
 * qᵢ = yᵢ f(θ; xᵢ), once L(θ(t₀)) &lt; log 2 (Lyu &amp; Li, Appendix A, assumption (B4) with b_f = 0 for the logistic loss:
 * every sample classified correctly; for the mean loss the threshold is log 2 / n):
 * <ol>
 *   <li>the smoothed normalized margin γ̃(θ) = ℓ⁻¹(L(θ))/‖θ‖^L = −log(e^{L(θ)} − 1)/‖θ‖^L never decreases along the flow
 *       (Thm A.7), because its rate ⟨∇γ̃, −∇L⟩ is ≥ 0 at every such point (Lemma 5.1/B.1, what the claim checks at every
 *       iterate); the normalized margin γ̄(θ) = minᵢ qᵢ/‖θ‖^L ≥ γ̃ tends to the same limit — γ̄ is not claimed monotone;</li>
 *   <li>θ/‖θ‖ approaches the direction of a KKT point of min ½‖θ‖² s.t. qᵢ(θ) ≥ 1 (Thm A.8).</li>
 * </ol>
 *
 * <p>How the flow is followed. The theorems are for gradient flow (Lyu &amp; Li's GD theorem 4.2 needs a C² model; ReLU is
 * not). Any positive rescaling of the flow's speed traces the same curve, so the claim integrates
 * dθ/ds = −∇L/(L·‖θ‖^{2(L−1)}) by explicit Euler steps of size h: GD with the step η_t = h/(L(θ_t)·‖θ_t‖^{2(L−1)}). The
 * factor 1/L is the loss-normalized step (Lyu &amp; Li's experiments, their §K; Nacson et al. 2019 for linear models) and
 * makes the progress per step independent of how small the loss has become; the factor ‖θ‖^{−2(L−1)} keeps the angular
 * change per step ~h/ρ^L shrinking as ρ^L grows linearly (for L = 1 it is exactly normalized GD). The loss becomes
 * tiny (it underflows a double at the full budget), so the step never forms L: ∇L/L = Σᵢ yᵢ∇f(θ; xᵢ)·ℓ'(qᵢ)/Σⱼℓ(qⱼ) is computed
 * from log(−ℓ'(qᵢ)) − log Σⱼ ℓ(qⱼ) (a log-sum-exp of core's {@link LogisticLoss#logValue}), and γ̃ from log L the same
 * way; one vector-Jacobian product of the network outputs gives the gradient.
 *
 * <p>The KKT residual (at probed steps), Lyu &amp; Li's (ε, δ)-KKT point (Def. C.6): with θ̃ = θ/q_min^{1/L} (feasible,
 * min qᵢ(θ̃) = 1) and the Jacobian rows ∇qᵢ(θ̃) = yᵢ∇f(θ̃; xᵢ), ε = ‖θ̃ − Σλᵢ∇qᵢ(θ̃)‖/‖θ̃‖ (stationarity) and
 * δ = L·Σλᵢ(qᵢ(θ̃) − 1)/‖θ̃‖² (complementary slackness, relative to Σλᵢqᵢ(θ̃) = ‖θ̃‖²/L at a KKT point); the residual is
 * min over λ ≥ 0 of √(ε² + δ²), one non-negative least-squares problem ({@link Nnls}) with the slackness as an extra row.
 * The stationarity alone (min over λ ≥ 0 of ε, the plain NNLS) is reported beside it.
 */
final class HomogeneousKktClaim extends BaseClaim {
    /** Euler step h of the reparametrized flow. */
    static final double H = 0.05;
    /** Data: n separable Gaussian points in ℝ^d with geometric margin ≥ MARGIN through the origin. */
    static final int N = 20;
    static final int D = 5;
    static final double MARGIN = 0.3;
    static final int WIDTH = 10;
    /** The residual's trend is fitted over the probes in [FIT_FROM·T, T]. */
    static final double FIT_FROM = 0.01;

    HomogeneousKktClaim() {
        super("max-margin.homogeneous-kkt", "bias-free ReLU networks on the logistic loss: once L < log 2 the smoothed normalized "
                + "margin never decreases, and θ/‖θ‖ approaches a KKT point of min ½‖θ‖² s.t. yᵢf(θ; xᵢ) ≥ 1",
                "002 §8.4, Def. 8.4.1, Thm 8.4.5; Lyu & Li 2020 (Thms 4.1, 4.4, A.7, A.8)");
    }

    /** The network: depth L bias-free ReLU MLP, hence L-homogeneous in its parameters. */
    static Mlp network(int depth) {
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, WIDTH);
        return Mlp.builder(D).hidden(hidden).bias(false).build();
    }

    /** The data set. */
    static Dataset data(long seed) {
        return Generators.separableGaussians(N, D, MARGIN, new RandomStream(seed).split(300).nextLong());
    }

    /** The outputs graph of a network on a data set: forward values, vector-Jacobian products and Jacobians. */
    static final class Model {
        final Mlp net;
        final Dataset data;
        final int degree;
        final Graph graph;
        final Node out;
        final int p;

        Model(Mlp net, Dataset data) {
            this.net = net;
            this.data = data;
            this.degree = net.depth();
            GraphBuilder b = new GraphBuilder(net.layout());
            Node in = b.input("x", data.n(), data.d());
            this.out = net.build(b, in);
            this.graph = b.build(out);
            graph.setInput("x", data.x().data());
            this.p = net.layout().size();
        }

        /** The margins qᵢ = yᵢ f(θ; xᵢ) into {@code q}. */
        void margins(double[] theta, double[] q) {
            graph.forward(theta);
            double[] f = out.value().data();
            for (int i = 0; i < q.length; i++) {
                q[i] = data.y()[i] * f[i];
            }
        }

        /** log Σᵢ ℓ(qᵢ) by log-sum-exp of ℓ's logarithms (finite where Σℓ underflows). */
        static double logLossSum(double[] q) {
            double max = Double.NEGATIVE_INFINITY;
            for (double m : q) {
                max = Math.max(max, LogisticLoss.INSTANCE.logValue(m));
            }
            double s = 0;
            for (double m : q) {
                s += Math.exp(LogisticLoss.INSTANCE.logValue(m) - max);
            }
            return max + Math.log(s);
        }

        /**
         * ∇ log Σℓ(qᵢ) = Σᵢ yᵢ∇f(θ; xᵢ)·ℓ'(qᵢ)/Σⱼℓ(qⱼ) into {@code grad} (one forward, one vector-Jacobian product); the
         * margins into {@code q}; returns log Σℓ.
         */
        double gradientOfLogLoss(double[] theta, double[] q, double[] u, double[] grad) {
            margins(theta, q);
            double logL = logLossSum(q);
            for (int i = 0; i < q.length; i++) {
                u[i] = -data.y()[i] * Math.exp(LogisticLoss.INSTANCE.logNegDerivative(q[i]) - logL);
            }
            graph.vjp(theta, out, u, grad);
            return logL;
        }
    }

    /** γ̃ = ℓ⁻¹(L)/ρ^L = −log(e^L − 1)/ρ^L for the logistic loss, from log L (L = Σℓ); NaN unless L &lt; log 2. */
    static double smoothedMargin(double logL, double rhoPowL) {
        double l = Math.exp(logL);
        if (!(l < Math.log(2))) {
            return Double.NaN;
        }
        // log(e^L − 1) = log L + log(expm1(L)/L); expm1(L)/L = 1 + L/2 + L²/6 + … (exact enough below 1e-5)
        double logExpm1 = l > 1e-5 ? Math.log(Math.expm1(l)) : logL + Math.log1p(l / 2 + l * l / 6);
        return -logExpm1 / rhoPowL;
    }

    /**
     * The first-order relative rounding bound of a computed γ̃ or γ̄: each margin is a sum over at most d + width
     * products per layer, so it errs by at most γ_K·ρ^L·‖xᵢ‖₁ (the triangle inequality through the layers bounds the
     * magnitudes of the terms by ρ^L‖xᵢ‖₁), i.e. relative to q_min = γ̄ρ^L by γ_K·max‖xᵢ‖₁/γ̄; log-sum-exp, log and ρ^L
     * add a few units of u. K = p + n + 16.
     */
    static double relativeRoundingBound(int p, int n, double maxX1, double gammaBar) {
        double k = (p + n + 16) * 0x1.0p-53;
        double gk = k / (1 - k);
        return gk * (4 + maxX1 / Math.abs(gammaBar));
    }

    /** One probe: the margins and the KKT residual at step t. */
    /**
     * One probe at step t. The KKT measures at θ̃ = θ/q_min^{1/L} (relative: ε = ‖θ̃ − Σλᵢ∇qᵢ(θ̃)‖/‖θ̃‖ and
     * δ = L·Σλᵢ(qᵢ(θ̃) − 1)/‖θ̃‖², the slackness relative to Σλᵢqᵢ(θ̃) = ‖θ̃‖²/L at a KKT point): {@code kktResidual} =
     * min over λ ≥ 0 of √(ε² + δ²) (one NNLS with the slackness as an extra row), {@code stationarity} and
     * {@code slackness} its two parts at that λ; {@code stationarityOnly} = min over λ ≥ 0 of ε alone (the plain NNLS)
     * and {@code slacknessOfStationarityOnly} the δ at its λ (with more points than parameters that λ is not unique and
     * may load non-support points, which δ then shows). {@code nnlsKkt}: the worse NNLS certificate.
     */
    record Probe(long step, double logLossMean, double rho, double gammaBar, double gammaTilde, double kktResidual,
                 double stationarity, double slackness, double stationarityOnly, double slacknessOfStationarityOnly,
                 int activeMultipliers, double nnlsKkt, double logEta) {
    }

    /** A run: probes, the threshold step, and the per-step monotonicity measurements after it. */
    record Run(String name, int degree, List<Probe> probes, long thresholdStep, double maxSmoothedDecrease, long smoothedAt,
               double smoothedOverBound, double maxNormalizedDecrease, long normalizedAt, double normalizedOverBound, long steps,
               int nnlsNotOptimal, Derivative derivative) {
        /** log-log fit of the stationarity residual against the step over [from, T]. */
        Fit residualFit(double from) {
            double[] t = probes.stream().mapToDouble(Probe::step).toArray();
            double[] r = probes.stream().mapToDouble(Probe::kktResidual).toArray();
            return Fit.logLog(t, r, Math.max(from, thresholdStep + 1), steps);
        }

        /** The first probe at or after the threshold. */
        Probe firstAfterThreshold() {
            return probes.stream().filter(p -> p.step() >= thresholdStep && !Double.isNaN(p.kktResidual())).findFirst()
                    .orElse(null);
        }

        Probe last() {
            return probes.get(probes.size() - 1);
        }
    }

    /**
     * The flow's rate of change of the smoothed margin with exponent k, G(L)/ρ^k (G(L) = −log(e^L − 1), L = Σℓ), at every
     * step t from the threshold on, as the bracket S_k = c(L)‖g‖² + k·G(L)⟨θ, g⟩/ρ² of
     * ⟨∇(G/ρ^k), −∇L⟩ = L·S_k/ρ^k (g = ∇ log L = ∇L/L, c(L) = L/(1 − e^{−L}) = −L·G'(L)), so its sign is S_k's:
     * S_k = t1 + k·t2. Lyu &amp; Li's Lemma 5.1 / B.1 is the pointwise inequality S_L ≥ 0 wherever L &lt; log 2 (the flow
     * through every such point increases γ̃). e1 + k·e2 is a first-order rounding bound on the computed S_k: the computed
     * g errs by at most ε_g = γ_K(1 + |log L| + q_max)·L·ρ^{L−1}·max‖xᵢ‖₁ (each ∇qᵢ's terms are bounded by
     * L·ρ^{L−1}‖xᵢ‖₁, and the weights exp(log(−ℓ'(qᵢ)) − log L) carry relative errors ~u(|log L| + qᵢ)), G errs by at
     * most γ_K·ρ^L·max‖xᵢ‖₁ (through the margins), and evaluating the products adds γ_K of their magnitudes.
     */
    record Derivative(long from, double[] t1, double[] t2, double[] e1, double[] e2) {
        /** max over steps of −S_k/(e1 + k·e2): ≤ 1 when the flow's derivative is non-negative to rounding. */
        double worstOverBound(double k) {
            double w = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t1.length; i++) {
                w = Math.max(w, -(t1[i] + k * t2[i]) / (e1[i] + k * e2[i]));
            }
            return w;
        }

        /** The step at which {@link #worstOverBound} is attained. */
        long worstStep(double k) {
            double w = Double.NEGATIVE_INFINITY;
            long at = -1;
            for (int i = 0; i < t1.length; i++) {
                double v = -(t1[i] + k * t2[i]) / (e1[i] + k * e2[i]);
                if (v > w) {
                    w = v;
                    at = from + i;
                }
            }
            return at;
        }

        /** min over steps of S_k/t1: how far above 0 the relative derivative stays (small late: the direction settles). */
        double minRelative(double k) {
            double m = Double.POSITIVE_INFINITY;
            for (int i = 0; i < t1.length; i++) {
                m = Math.min(m, (t1[i] + k * t2[i]) / t1[i]);
            }
            return m;
        }
    }

    /** Runs the reparametrized flow for {@code steps} Euler steps of size h from θ₀ (torch's init law). */
    static Run run(String name, Mlp net, Dataset data, double h, long steps, RandomStream init, ProgressListener progress) {
        Model m = new Model(net, data);
        int n = data.n();
        int p = m.p;
        int degree = m.degree;
        double[] theta = net.initialize(init);
        double[] q = new double[n];
        double[] u = new double[n];
        double[] g = new double[p];
        double maxX1 = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < data.d(); k++) {
                s += Math.abs(data.x().get(i, k));
            }
            maxX1 = Math.max(maxX1, s);
        }
        long[] probeSteps = ProbeSchedule.logSpaced(steps, 20).steps();
        int nextProbe = 0;
        List<Probe> probes = new ArrayList<>();
        long threshold = -1;
        double prevTilde = Double.NaN;
        double prevBar = Double.NaN;
        double maxTildeDec = 0;
        double maxBarDec = 0;
        long tildeAt = -1;
        long barAt = -1;
        double tildeRatio = 0;
        double barRatio = 0;
        int nnlsBad = 0;
        int kdeg = degree;
        double gk = (p + n + 16) * 0x1.0p-53 / (1 - (p + n + 16) * 0x1.0p-53);
        double[] d1 = new double[(int) steps + 1];
        double[] d2 = new double[(int) steps + 1];
        double[] f1 = new double[(int) steps + 1];
        double[] f2 = new double[(int) steps + 1];
        for (long t = 0; ; t++) {
            double logL = m.gradientOfLogLoss(theta, q, u, g);
            double rho2 = 0;
            for (double v : theta) {
                rho2 += v * v;
            }
            double rho = Math.sqrt(rho2);
            double rhoL = Math.pow(rho, degree);
            double qmin = Arrays.stream(q).min().orElseThrow();
            double gammaBar = qmin / rhoL;
            double gammaTilde = smoothedMargin(logL, rhoL);
            if (!Double.isNaN(gammaTilde)) {
                if (threshold < 0) {
                    threshold = t;
                }
                double tol = 2 * relativeRoundingBound(p, n, maxX1, gammaBar);
                if (!Double.isNaN(prevTilde)) {
                    double dec = (prevTilde - gammaTilde) / Math.abs(prevTilde);
                    if (dec > maxTildeDec) {
                        maxTildeDec = dec;
                        tildeAt = t - 1;
                    }
                    tildeRatio = Math.max(tildeRatio, dec / tol);
                    double decBar = (prevBar - gammaBar) / Math.abs(prevBar);
                    if (decBar > maxBarDec) {
                        maxBarDec = decBar;
                        barAt = t - 1;
                    }
                    barRatio = Math.max(barRatio, decBar / tol);
                }
                prevTilde = gammaTilde;
                prevBar = gammaBar;
                // the flow's derivative of G/ρ^k (see Derivative)
                double l = Math.exp(logL);
                double cL = l > 1e-8 ? l / -Math.expm1(-l) : 1 + l / 2;
                double gl = gammaTilde * rhoL;
                double gg = 0;
                double tg = 0;
                for (int i = 0; i < p; i++) {
                    gg += g[i] * g[i];
                    tg += theta[i] * g[i];
                }
                double qmax = Arrays.stream(q).max().orElseThrow();
                double epsG = gk * (1 + Math.abs(logL) + qmax) * kdeg * Math.pow(rho, kdeg - 1) * maxX1;
                int i = (int) t;
                d1[i] = cL * gg;
                d2[i] = gl * tg / rho2;
                f1[i] = 2 * cL * Math.sqrt(gg) * epsG + gk * Math.abs(d1[i]);
                f2[i] = Math.abs(gl) * epsG / rho + gk * Math.abs(d2[i]) + gk * rhoL * maxX1 * Math.abs(tg) / rho2;
            }
            // η_t = h/(L_mean·ρ^{2(L−1)}): its logarithm, reported at probes
            double logEta = Math.log(h) - (2.0 * degree - 2) * Math.log(rho) - (logL - Math.log(n));
            if (nextProbe < probeSteps.length && probeSteps[nextProbe] == t) {
                Probe pr = kkt(m, theta, q, t, logL, rho, gammaBar, gammaTilde, logEta);
                nnlsBad += pr.nnlsKkt() > 1e-9 ? 1 : 0;
                probes.add(pr);
                nextProbe++;
            }
            if (t == steps) {
                break;
            }
            double step = h / Math.pow(rho2, degree - 1);
            for (int i = 0; i < p; i++) {
                theta[i] -= step * g[i];
            }
            if ((t & 1023) == 0) {
                progress.onProgress(t, steps);
            }
        }
        progress.onProgress(steps, steps);
        int from = (int) Math.max(threshold, 0);
        int to = threshold < 0 ? from : (int) steps + 1;
        Derivative der = new Derivative(from, Arrays.copyOfRange(d1, from, to), Arrays.copyOfRange(d2, from, to),
                Arrays.copyOfRange(f1, from, to), Arrays.copyOfRange(f2, from, to));
        return new Run(name, degree, probes, threshold, maxTildeDec, tildeAt, tildeRatio, maxBarDec, barAt, barRatio, steps, nnlsBad,
                der);
    }

    /** The KKT measurement at θ (read only) with margins q (see {@link Probe}). */
    static Probe kkt(Model m, double[] theta, double[] q, long t, double logL, double rho, double gammaBar, double gammaTilde,
                     double logEta) {
        int n = q.length;
        int p = m.p;
        double qmin = Arrays.stream(q).min().orElseThrow();
        double logMean = logL - Math.log(n);
        if (!(qmin > 0)) {
            return new Probe(t, logMean, rho, gammaBar, gammaTilde, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                    logEta);
        }
        double c = Math.pow(qmin, -1.0 / m.degree);
        double[] tilde = new double[p];
        double tn = 0;
        for (int i = 0; i < p; i++) {
            tilde[i] = theta[i] * c;
            tn += tilde[i] * tilde[i];
        }
        double tnorm = Math.sqrt(tn);
        double[] jac = new double[n * p];
        m.graph.jacobian(tilde, m.out, jac);
        // A = [∇q_1 … ∇q_n] ((p + 1) × n, row-major), ∇q_i = y_i ∇f_i; the last row (L/‖θ̃‖)(q̃_i − 1) for the joint solve
        double[] a = new double[(p + 1) * n];
        double[] slackRow = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                a[k * n + i] = m.data.y()[i] * jac[i * p + k];
            }
            slackRow[i] = q[i] / qmin - 1;
            a[p * n + i] = m.degree / tnorm * slackRow[i];
        }
        double[] target = Arrays.copyOf(tilde, p + 1);
        Nnls.Result joint = Nnls.solve(a, p + 1, n, target, 1e-12, 10 * n + 10);
        Nnls.Result plain = Nnls.solve(Arrays.copyOf(a, p * n), p, n, tilde, 1e-12, 10 * n + 10);
        double jointSlack = 0;
        double plainSlack = 0;
        int active = 0;
        for (int i = 0; i < n; i++) {
            jointSlack += joint.x()[i] * slackRow[i];
            plainSlack += plain.x()[i] * slackRow[i];
            active += joint.x()[i] > 0 ? 1 : 0;
        }
        double delta = m.degree * jointSlack / tn;
        double eps = Math.sqrt(Math.max(0, joint.residualNorm() * joint.residualNorm() / tn - delta * delta));
        double cert = Math.max(certificate(joint), certificate(plain));
        return new Probe(t, logMean, rho, gammaBar, gammaTilde, joint.residualNorm() / tnorm, eps, delta,
                plain.residualNorm() / tnorm, m.degree * plainSlack / tn, active, cert, logEta);
    }

    private static double certificate(Nnls.Result r) {
        return r.status() == OracleStatus.OPTIMAL ? r.kktResidual() : Math.max(r.kktResidual(), 1.0);
    }

    /**
     * Which monotonicity is predicted: of the flow (the derivative of G/ρ^k along −∇L at every iterate, the theorem's
     * statement), or of the discrete sequence of iterates (γ̃ or γ̄ from one step to the next: readings the theorem does
     * not make; tests plant them).
     */
    enum Monotone { FLOW_SMOOTHED, STEPS_SMOOTHED, STEPS_NORMALIZED }

    /**
     * A prediction: the monotone quantity, the exponent shift (the theorem's margin divides by ρ^L: shift 0) and the
     * direction of the KKT residual's trend (the theorem: decaying).
     */
    record Prediction(Monotone monotone, double exponentShift, boolean decaying) {
    }

    /** Lyu &amp; Li's: the flow never decreases γ̃ = G(L)/ρ^L, and the KKT residual decays. */
    static final Prediction THEORY = new Prediction(Monotone.FLOW_SMOOTHED, 0, true);

    /**
     * The rule. (1) Monotonicity (for {@link Monotone#FLOW_SMOOTHED}): at every step after the threshold, the flow's
     * derivative of G(L)/ρ^{L+shift} must not be negative beyond its rounding bound ({@link Derivative}); for the step
     * readings, no decrease from one iterate to the next beyond the rounding bound of the margin's evaluation. Else FAILS.
     * (2) KKT: the stationarity residual fitted log-log against the step over the probes after the threshold in
     * [{@link #FIT_FROM}·T, T]: FAILS if the slope has the wrong sign beyond 2 standard errors; HOLDS (with (1)) if it
     * has the predicted sign beyond 2 standard errors and the residual at T is below its value at the first probe after
     * the threshold; INCONCLUSIVE otherwise (also with fewer than 5 probes in the fit, or when the threshold was never
     * reached).
     */
    static Verdict decide(List<Run> runs, Prediction pred) {
        boolean inconclusive = false;
        for (Run r : runs) {
            if (r.thresholdStep() < 0) {
                inconclusive = true;
                continue;
            }
            double worst = switch (pred.monotone()) {
                case FLOW_SMOOTHED -> r.derivative().worstOverBound(r.degree() + pred.exponentShift());
                case STEPS_SMOOTHED -> r.smoothedOverBound();
                case STEPS_NORMALIZED -> r.normalizedOverBound();
            };
            if (!(worst <= 1)) {
                return Verdict.FAILS;
            }
            Fit f = r.residualFit(FIT_FROM * r.steps());
            if (f.points() < 5 || Double.isNaN(f.slopeStdErr())) {
                inconclusive = true;
                continue;
            }
            double signed = pred.decaying() ? f.slope() : -f.slope();
            if (signed - 2 * f.slopeStdErr() > 0) {
                return Verdict.FAILS;
            }
            Probe first = r.firstAfterThreshold();
            boolean lower = first != null && r.last().kktResidual() < first.kktResidual();
            if (!(signed + 2 * f.slopeStdErr() < 0) || (pred.decaying() && !lower)) {
                inconclusive = true;
            }
        }
        return inconclusive ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
    }

    static String rule() {
        return "Per network (bias-free ReLU MLP of depth L on separable data, logistic loss; the gradient flow followed by Euler "
                + "steps h = " + H + " of dθ/ds = −∇L/(L‖θ‖^{2(L−1)}), the same curve): (1) at every step after the first with "
                + "Σᵢℓ(qᵢ) < log 2 (mean loss < log 2/n), the flow's rate of change of γ̃ = −log(e^{Σℓ} − 1)/‖θ‖^L, i.e. the sign of "
                + "⟨∇γ̃, −∇L⟩ (Lyu & Li's Lemma 5.1/B.1, a pointwise inequality), must not be negative beyond its first-order "
                + "rounding bound (errors of the computed gradient and margins, γ_K with K = p + n + 16); else FAILS. (2) The KKT "
                + "residual min_{λ≥0} √(ε² + δ²) at θ̃ = θ/q_min^{1/L} (ε = ‖θ̃ − Σλᵢ∇qᵢ(θ̃)‖/‖θ̃‖ stationarity, δ = L·Σλᵢ(qᵢ(θ̃) − 1)/‖θ̃‖² "
                + "complementary slackness; one NNLS), fitted log-log against the step over the probes in [" + FIT_FROM + "·T, T] "
                + "after the threshold: FAILS if the slope is positive beyond 2 standard errors; HOLDS (with (1)) if it is negative "
                + "beyond 2 standard errors and the residual at T is below its value at the threshold; INCONCLUSIVE otherwise. "
                + "Reported beside, not judged: γ̃ and γ̄ = q_min/‖θ‖^L from one Euler step to the next (discretization, not the "
                + "theorem), and the stationarity-only NNLS residual.";
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        boolean quick = c.budget() == Budget.QUICK;
        long steps = quick ? 20_000 : 1_000_000;
        int[] depths = quick ? new int[] {2} : new int[] {2, 3};
        Dataset data = data(c.seed());
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < depths.length; k++) {
            Mlp net = network(depths[k]);
            runs.add(run("depth" + depths[k], net, data, H, steps, new RandomStream(c.seed()).split(301 + k),
                    c.part(k, depths.length).progress()));
        }
        Verdict v = decide(runs, THEORY);
        StringBuilder meas = new StringBuilder();
        for (Run r : runs) {
            Fit f = r.residualFit(FIT_FROM * r.steps());
            Fit cs = slacknessFit(r);
            Probe first = r.firstAfterThreshold();
            Probe last = r.last();
            String tag = r.name();
            rb.number(tag + ".flow_derivative_worst_over_rounding_bound", r.derivative().worstOverBound(r.degree()))
                    .number(tag + ".flow_derivative_worst_at_step", r.derivative().worstStep(r.degree()))
                    .number(tag + ".flow_derivative_min_relative", r.derivative().minRelative(r.degree()))
                    .number(tag + ".homogeneity_degree_L", r.degree()).number(tag + ".parameters", network(r.degree()).layout().size())
                    .number(tag + ".threshold_step", r.thresholdStep())
                    .number(tag + ".max_relative_decrease_smoothed_margin", r.maxSmoothedDecrease())
                    .number(tag + ".smoothed_decrease_at_step", r.smoothedAt())
                    .number(tag + ".max_smoothed_decrease_over_rounding_bound", r.smoothedOverBound())
                    .number(tag + ".max_relative_decrease_normalized_margin", r.maxNormalizedDecrease())
                    .number(tag + ".normalized_decrease_at_step", r.normalizedAt())
                    .number(tag + ".max_normalized_decrease_over_rounding_bound", r.normalizedOverBound())
                    .number(tag + ".kkt_residual_slope_vs_step", f.slope()).number(tag + ".kkt_residual_slope_stderr", f.slopeStdErr())
                    .number(tag + ".kkt_residual_fit_points", f.points())
                    .number(tag + ".slackness_slope_vs_step", cs.slope())
                    .number(tag + ".slackness_slope_stderr", cs.slopeStdErr())
                    .number(tag + ".nnls_not_certified_probes", r.nnlsNotOptimal());
            if (first != null) {
                rb.number(tag + ".kkt_residual_at_step" + first.step(), first.kktResidual())
                        .number(tag + ".stationarity_at_step" + first.step(), first.stationarity())
                        .number(tag + ".slackness_at_step" + first.step(), first.slackness())
                        .number(tag + ".stationarity_only_nnls_at_step" + first.step(), first.stationarityOnly())
                        .number(tag + ".normalized_margin_at_step" + first.step(), first.gammaBar());
            }
            rb.number(tag + ".kkt_residual_at_step" + last.step(), last.kktResidual())
                    .number(tag + ".stationarity_at_step" + last.step(), last.stationarity())
                    .number(tag + ".slackness_at_step" + last.step(), last.slackness())
                    .number(tag + ".stationarity_only_nnls_at_step" + last.step(), last.stationarityOnly())
                    .number(tag + ".slackness_of_stationarity_only_at_step" + last.step(), last.slacknessOfStationarityOnly())
                    .number(tag + ".stationarity_only_slope_vs_step", stationarityOnlyFit(r).slope())
                    .number(tag + ".active_multipliers_at_step" + last.step(), last.activeMultipliers())
                    .number(tag + ".normalized_margin_at_step" + last.step(), last.gammaBar())
                    .number(tag + ".smoothed_margin_at_step" + last.step(), last.gammaTilde())
                    .number(tag + ".norm_at_step" + last.step(), last.rho())
                    .number(tag + ".log_mean_loss_at_step" + last.step(), last.logLossMean())
                    .number(tag + ".log_eta_at_step" + last.step(), last.logEta());
            meas.append(tag).append(": threshold at step ").append(r.thresholdStep()).append(", flow derivative of γ̃ ≥ 0 to rounding ")
                    .append(r.derivative().worstOverBound(r.degree()) <= 1 ? "at every step" : "VIOLATED at step "
                            + r.derivative().worstStep(r.degree())).append("; between Euler steps the largest decrease of γ̃ is ")
                    .append(Format.g(r.maxSmoothedDecrease())).append(" (").append(Format.g(r.smoothedOverBound()))
                    .append(" × its rounding bound), of γ̄ ").append(Format.g(r.maxNormalizedDecrease())).append("; KKT residual ")
                    .append(first == null ? "–" : Format.g(first.kktResidual())).append(" → ").append(Format.g(last.kktResidual()))
                    .append(" (slope ").append(Format.g(f.slope())).append(" ± ").append(Format.g(f.slopeStdErr()))
                    .append("), γ̄ → ").append(Format.g(last.gammaBar())).append("; ");
            traces(rb, r);
        }
        rb.note("Threshold: Lyu & Li 2020, Appendix A, assumption (B4): L(θ(t₀)) < e^{−f(b_f)}, and for the logistic loss b_f = 0 "
                + "(their Remark A.2), so the threshold is ℓ(0) = log 2 for the summed loss Σℓ(qᵢ) — log 2/n for the mean loss. 002 "
                + "§8.4 states the same conclusion for the exponential loss under extra assumptions (limits exist, LICQ; Thm 8.4.5), "
                + "which Lyu & Li remove.");
        rb.note("Monotonicity is judged for the flow, where the theorem states it: at every iterate after the threshold the rate "
                + "⟨∇γ̃, −∇L⟩ is computed exactly (from ∇L/L, ⟨θ, ∇L⟩/L, ‖θ‖ and L) and must be ≥ 0 up to its rounding bound "
                + "('flow_derivative_worst_over_rounding_bound' ≤ 1; 'flow_derivative_min_relative' is the smallest rate relative to "
                + "its positive part — small late in training, when the direction settles). The Euler iterates themselves need not "
                + "be monotone: a step crosses ReLU kinks and overshoots by O(h); their largest decreases of γ̃ and of the normalized "
                + "margin γ̄ = q_min/‖θ‖^L are reported as findings ('max_relative_decrease_…', in units of the rounding bound "
                + "'max_…_over_rounding_bound'). The theorem does not claim γ̄ monotone even for the flow (γ̃ ≤ γ̄, same limit).");
        double lowest = runs.stream().mapToDouble(r -> r.last().logLossMean()).min().orElse(0);
        rb.note("Numerics: the loss falls to e^" + Format.g(lowest) + " (natural log of the mean loss at the end, "
                + "'log_mean_loss_at_step…'; below e^-745 a double underflows to 0" + (lowest < -745 ? ", as here" : "") + "). The step "
                + "never forms L: it uses ∇L/L = Σᵢ yᵢ∇fᵢ·exp(log(−ℓ'(qᵢ)) − log Σℓ), and γ̃ uses log Σℓ, both by log-sum-exp of "
                + "core's LogisticLoss.logValue, so nothing underflows. The learning rate η_t = h/(L_mean·‖θ‖^{2(L−1)}) is "
                + "astronomically large late in training ('log_eta_at_step…' is its natural logarithm) — the flow's clock, not a "
                + "stability problem. Explicit Euler tracks the flow to O(h) per unit of its time s; the flow's rate of γ̃ is "
                + "checked at every step, not only at probes.");
        rb.note("KKT: Lyu & Li's (ε, δ)-KKT point (their Def. C.6) at θ̃ = θ/q_min^{1/L}: ε = ‖θ̃ − Σλᵢ∇qᵢ(θ̃)‖/‖θ̃‖ and δ = "
                + "L·Σλᵢ(qᵢ(θ̃) − 1)/‖θ̃‖² for one λ ≥ 0. The judged residual is min over λ ≥ 0 of √(ε² + δ²): one NNLS "
                + "(Lawson–Hanson, certified by its own KKT conditions; 'nnls_not_certified_probes' counts probes above 1e-9) with "
                + "the slackness as an extra row; ε and δ at that λ are reported ('stationarity_…', 'slackness_…'). Beside it, the "
                + "stationarity alone, min over λ ≥ 0 of ε ('stationarity_only_nnls_…'): it is never larger, but its λ may load "
                + "points off the margin (their δ in 'slackness_of_stationarity_only_…'), so alone it does not certify a KKT point. "
                + "ReLU's kink uses the subgradient relu'(0) = 0 (an element of the Clarke subdifferential the theorem works with).");
        return rb.build(v, "the flow never decreases γ̃ after Σℓ < log 2; the (ε, δ)-KKT residual of θ/q_min^{1/L} for min ½‖θ‖² s.t. "
                        + "qᵢ ≥ 1 decays to 0",
                meas.toString(), rule());
    }

    /** log-log fit of the relative complementary slackness δ against the step, over the same window as the residual. */
    static Fit slacknessFit(Run r) {
        double[] t = r.probes().stream().mapToDouble(Probe::step).toArray();
        double[] s = r.probes().stream().mapToDouble(pr -> Math.abs(pr.slackness())).toArray();
        return Fit.logLog(t, s, Math.max(FIT_FROM * r.steps(), r.thresholdStep() + 1), r.steps());
    }

    /** log-log fit of the plain NNLS stationarity residual against the step, over the same window. */
    static Fit stationarityOnlyFit(Run r) {
        double[] t = r.probes().stream().mapToDouble(Probe::step).toArray();
        double[] s = r.probes().stream().mapToDouble(Probe::stationarityOnly).toArray();
        return Fit.logLog(t, s, Math.max(FIT_FROM * r.steps(), r.thresholdStep() + 1), r.steps());
    }

    private static void traces(ResultBuilder rb, Run r) {
        Trace t = new Trace("kkt_" + r.name(), List.of("kkt_residual", "stationarity", "slackness", "stationarity_only_nnls",
                "normalized_margin", "smoothed_margin", "norm", "log_mean_loss", "active_multipliers"));
        for (Probe p : r.probes()) {
            t.add(new double[] {p.step(), p.kktResidual(), p.stationarity(), Math.abs(p.slackness()), p.stationarityOnly(), p.gammaBar(),
                    p.gammaTilde(), p.rho(), p.logLossMean(), p.activeMultipliers()});
        }
        rb.trace(t);
        rb.plot(PlotSpec.logLog("kkt_residual_" + r.name() + ".png").title("max-margin.homogeneous-kkt: KKT residual of θ/q_min^{1/L} "
                        + "against steps (" + r.name() + ", L = " + r.degree() + ")").trace(t.name()).x("step", "step t")
                .y(List.of("kkt_residual", "stationarity", "slackness", "stationarity_only_nnls"), "relative residual").build());
        rb.plot(PlotSpec.semiLogX("margins_" + r.name() + ".png").title("max-margin.homogeneous-kkt: normalized margin γ̄ and smoothed "
                        + "margin γ̃ against steps (" + r.name() + ")").trace(t.name()).x("step", "step t")
                .y(List.of("normalized_margin", "smoothed_margin"), "margin / ‖θ‖^L").build());
    }
}
