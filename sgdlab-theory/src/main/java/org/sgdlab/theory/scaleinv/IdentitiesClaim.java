package org.sgdlab.theory.scaleinv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.BaseClaim;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.theory.Format;
import org.sgdlab.theory.ResultBuilder;

/**
 * scale-invariance.identities (002 Lemma 13.2.2, Lemma 13.2.3, Def. 13.1.2): for a bias-free ReLU network whose hidden
 * layers are normalized (layer norm or batch norm, ε = 0) and whose head (the last normalization's γ, β and the output
 * layer) is frozen ({@link FrozenHeadNet}), the loss is scale-invariant in the trainable parameters w, so
 * L(cw) = L(w), ⟨w, ∇L(w)⟩ = 0, ∇L(cw) = ∇L(w)/c and ∇²L(cw) = ∇²L(w)/c² (checked by exact Hessian–vector products),
 * for c over six decades; and a bias-free depth-k ReLU network is k-homogeneous, f(cθ; x) = cᵏ f(θ; x). Each to
 * rounding ({@link #TOLERANCE}). Controls: the same network with torch's ε = 1e-5 must break L(cw) = L(w) at small c
 * (else the check could not see a violation).
 */
final class IdentitiesClaim extends BaseClaim {
    /** Relative tolerance of every identity (≈ 4500u): set before measuring, far below any planted violation (O(1)). */
    static final double TOLERANCE = 1e-12;
    /** Non-dyadic scales (a power of two would scale every float64 intermediate exactly). */
    static final double[] SCALES = {1e-3, 0.03, 0.3, 3.7, 29, 1e3};
    static final int N = 32;
    static final int D = 4;
    static final int H = 8;

    IdentitiesClaim() {
        super("scale-invariance.identities", "a normalized network with a frozen head is scale-invariant in its weights: L(cw) = L(w), "
                + "⟨w, ∇L⟩ = 0, ∇L(cw) = ∇L(w)/c, ∇²L(cw) = ∇²L(w)/c²; a bias-free depth-k ReLU network is k-homogeneous",
                "002 Lemma 13.2.2, Lemma 13.2.3, Def. 13.1.2, Problem 13.1.3");
    }

    /** The exponents the theory predicts: L(cw) = c^{−loss}L(w), ∇L(cw) = c^{−gradient}∇L(w), ∇²L(cw) = c^{−hessian}∇²L(w), f(cθ) = c^{depth + homogeneityShift}f(θ). */
    record Prediction(double loss, double gradient, double hessian, int homogeneityShift) {
        static final Prediction THEORY = new Prediction(0, 1, 2, 0);
    }

    /** One network at one initialization and one scale c: the raw values at w and at cw. */
    record Sample(String net, int init, double c, double[] w, double lw, double lcw, double[] gw, double[] gcw, double[][] hw,
                  double[][] hcw) {
        double lossError(Prediction p) {
            return Math.abs(Math.pow(c, p.loss()) * lcw - lw) / Math.abs(lw);
        }

        double gradientError(Prediction p) {
            return relative(gcw, Math.pow(c, p.gradient()), gw);
        }

        double hessianError(Prediction p) {
            double worst = 0;
            for (int j = 0; j < hw.length; j++) {
                worst = Math.max(worst, relative(hcw[j], Math.pow(c, p.hessian()), hw[j]));
            }
            return worst;
        }

        /** |⟨w, ∇L(w)⟩| / (‖w‖‖∇L(w)‖). */
        double innerCosine() {
            return Math.abs(dot(w, gw)) / Math.sqrt(dot(w, w) * dot(gw, gw));
        }

        double worst(Prediction p) {
            return Math.max(Math.max(lossError(p), gradientError(p)), Math.max(hessianError(p), innerCosine()));
        }
    }

    /** A bias-free ReLU network of depth k at one scale: outputs at θ and at cθ. */
    record Homogeneity(int depth, double c, double[] f, double[] fc) {
        double error(Prediction p) {
            return relative(fc, Math.pow(c, -(depth + p.homogeneityShift())), f);
        }

        /** The measured degree log(‖f(cθ)‖/‖f(θ)‖)/log c. */
        double degree() {
            return Math.log(Math.sqrt(dot(fc, fc) / dot(f, f))) / Math.log(c);
        }
    }

    /** ‖k·a − b‖/‖b‖. */
    static double relative(double[] a, double k, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            double e = k * a[i] - b[i];
            num += e * e;
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Samples of {@code net} at its initialization for every c of {@link #SCALES}, {@code directions} HVP directions each. */
    static List<Sample> measure(FrozenHeadNet f, String name, int init, int directions, RandomStream r) {
        double[] w = f.initialW();
        int k = f.dimension();
        double[] gw = new double[k];
        double lw = f.gradient(w, gw);
        double[][] v = new double[directions][];
        double[][] hw = new double[directions][k];
        for (int j = 0; j < directions; j++) {
            v[j] = r.gaussians(new double[k]);
            f.hvp(w, v[j], hw[j]);
        }
        List<Sample> out = new ArrayList<>();
        for (double c : SCALES) {
            double[] cw = new double[k];
            for (int i = 0; i < k; i++) {
                cw[i] = c * w[i];
            }
            double[] gcw = new double[k];
            double lcw = f.gradient(cw, gcw);
            double[][] hcw = new double[directions][k];
            for (int j = 0; j < directions; j++) {
                f.hvp(cw, v[j], hcw[j]);
            }
            out.add(new Sample(name, init, c, w, lw, lcw, gw, gcw, hw, hcw));
        }
        return out;
    }

    /** Outputs of a bias-free ReLU MLP of the given depth (depth − 1 hidden layers of width H) at θ and cθ for every c. */
    static List<Homogeneity> homogeneity(int depth, long seed) {
        RandomStream r = new RandomStream(seed).split(100 + depth);
        Mlp.Builder b = Mlp.builder(D).bias(false);
        for (int l = 1; l < depth; l++) {
            b.hidden(H);
        }
        Mlp net = b.build();
        Dataset data = FrozenHeadNet.data(N, D, r.split(1));
        NetworkObjective o = new NetworkObjective(net, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        double[] theta = net.initialize(r.split(2));
        double[] f = new double[N];
        o.outputs(theta, f);
        List<Homogeneity> out = new ArrayList<>();
        for (double c : SCALES) {
            double[] ct = theta.clone();
            for (int i = 0; i < ct.length; i++) {
                ct[i] *= c;
            }
            double[] fc = new double[N];
            o.outputs(ct, fc);
            out.add(new Homogeneity(depth, c, f, fc));
        }
        return out;
    }

    /**
     * HOLDS when every sample and every homogeneity case meets {@code p} within {@link #TOLERANCE} and the ε = 1e-5 control
     * breaks L(cw) = L(w) by more than the tolerance at some c; FAILS when some sample or case misses it; INCONCLUSIVE when
     * the control does not break (the check would not see a violation).
     */
    static Verdict decide(List<Sample> samples, List<Homogeneity> homog, double controlWorst, Prediction p) {
        for (Sample s : samples) {
            if (!(s.worst(p) <= TOLERANCE)) {
                return Verdict.FAILS;
            }
        }
        for (Homogeneity h : homog) {
            if (!(h.error(p) <= TOLERANCE)) {
                return Verdict.FAILS;
            }
        }
        return controlWorst > TOLERANCE ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    @Override
    public ClaimResult check(ClaimContext c) {
        ResultBuilder rb = new ResultBuilder(this);
        boolean quick = c.budget() == Budget.QUICK;
        int inits = quick ? 1 : 5;
        int directions = quick ? 2 : 8;
        int[] depths = quick ? new int[] {1, 2, 3, 4} : new int[] {1, 2, 3, 4, 5, 6};
        RandomStream master = new RandomStream(c.seed()).split(13);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < inits; i++) {
            long s = master.split(i).nextLong();
            samples.addAll(measure(new FrozenHeadNet(Mlp.Normalization.LAYER, 0, N, D, H, s), "layer_norm", i, directions, master.split(50 + i)));
            samples.addAll(measure(new FrozenHeadNet(Mlp.Normalization.BATCH, 0, N, D, H, s), "batch_norm", i, directions, master.split(50 + i)));
            c.progress().onProgress(i + 1, inits + 2);
        }
        List<Homogeneity> homog = new ArrayList<>();
        for (int k : depths) {
            homog.addAll(homogeneity(k, c.seed()));
        }
        List<Sample> control = measure(new FrozenHeadNet(Mlp.Normalization.LAYER, 1e-5, N, D, H, master.split(0).nextLong()),
                "layer_norm_eps1e-5", 0, 1, master.split(99));
        double controlWorst = control.stream().mapToDouble(s -> s.lossError(Prediction.THEORY)).max().orElse(0);
        c.progress().onProgress(inits + 2, inits + 2);
        Verdict v = decide(samples, homog, controlWorst, Prediction.THEORY);

        Trace t = new Trace("identity_errors_vs_c", List.of("c", "ln_loss", "ln_gradient", "ln_hessian", "ln_inner", "bn_loss",
                "bn_gradient", "bn_hessian", "bn_inner", "eps1e-5_loss", "tolerance"));
        double[] worst = new double[4];
        for (int j = 0; j < SCALES.length; j++) {
            double[] row = new double[12];
            row[0] = j;
            row[1] = SCALES[j];
            for (String net : List.of("layer_norm", "batch_norm")) {
                int base = net.equals("layer_norm") ? 2 : 6;
                final int jj = j;
                List<Sample> at = samples.stream().filter(s -> s.net().equals(net) && s.c() == SCALES[jj]).toList();
                row[base] = at.stream().mapToDouble(s -> s.lossError(Prediction.THEORY)).max().orElse(0);
                row[base + 1] = at.stream().mapToDouble(s -> s.gradientError(Prediction.THEORY)).max().orElse(0);
                row[base + 2] = at.stream().mapToDouble(s -> s.hessianError(Prediction.THEORY)).max().orElse(0);
                row[base + 3] = at.stream().mapToDouble(Sample::innerCosine).max().orElse(0);
            }
            row[10] = control.get(j).lossError(Prediction.THEORY);
            row[11] = TOLERANCE;
            t.add(row);
        }
        for (String net : List.of("layer_norm", "batch_norm")) {
            List<Sample> of = samples.stream().filter(s -> s.net().equals(net)).toList();
            double l = of.stream().mapToDouble(s -> s.lossError(Prediction.THEORY)).max().orElse(0);
            double g = of.stream().mapToDouble(s -> s.gradientError(Prediction.THEORY)).max().orElse(0);
            double h = of.stream().mapToDouble(s -> s.hessianError(Prediction.THEORY)).max().orElse(0);
            double in = of.stream().mapToDouble(Sample::innerCosine).max().orElse(0);
            rb.number(net + ".max_rel_loss_change", l).number(net + ".max_rel_gradient_error", g)
                    .number(net + ".max_rel_hvp_error", h).number(net + ".max_cos_w_grad", in)
                    .number(net + ".parameters_w", new FrozenHeadNet(Mlp.Normalization.LAYER, 0, N, D, H, 0).dimension());
            worst[0] = Math.max(worst[0], l);
            worst[1] = Math.max(worst[1], g);
            worst[2] = Math.max(worst[2], h);
            worst[3] = Math.max(worst[3], in);
        }
        Trace ht = new Trace("homogeneity_vs_c", buildHomogColumns(depths));
        double worstHom = 0;
        for (int j = 0; j < SCALES.length; j++) {
            double[] row = new double[2 + 2 * depths.length];
            row[0] = j;
            row[1] = SCALES[j];
            for (int q = 0; q < depths.length; q++) {
                Homogeneity h = homog.get(q * SCALES.length + j);
                row[2 + 2 * q] = h.error(Prediction.THEORY);
                row[3 + 2 * q] = h.degree();
                worstHom = Math.max(worstHom, h.error(Prediction.THEORY));
            }
            ht.add(row);
        }
        for (int q = 0; q < depths.length; q++) {
            final int qq = q;
            rb.number("relu_depth" + depths[q] + ".max_rel_homogeneity_error", homog.stream().filter(h -> h.depth() == depths[qq])
                    .mapToDouble(h -> h.error(Prediction.THEORY)).max().orElse(0));
            rb.number("relu_depth" + depths[q] + ".measured_degree_at_c1000", homog.get(q * SCALES.length + SCALES.length - 1).degree());
        }
        rb.number("control_eps1e-5.max_rel_loss_change", controlWorst).number("tolerance", TOLERANCE)
                .number("worst_over_tolerance", Math.max(Math.max(worst[0], worst[1]), Math.max(Math.max(worst[2], worst[3]), worstHom)) / TOLERANCE)
                .number("worst_in_units_of_u", Math.max(Math.max(worst[0], worst[1]), Math.max(Math.max(worst[2], worst[3]), worstHom)) / 0x1.0p-53);
        bitwise(rb, c.seed());
        rb.trace(t).trace(ht);
        rb.plot(PlotSpec.logLog("identity_errors.png").title("scale-invariance.identities: relative error of each identity against c "
                        + "(layer norm, batch norm; ε = 1e-5 control)").trace(t.name()).x("c", "scale c")
                .y(List.of("ln_loss", "ln_gradient", "ln_hessian", "ln_inner", "bn_loss", "bn_gradient", "bn_hessian", "bn_inner",
                        "eps1e-5_loss", "tolerance"), "relative error").build());
        List<String> errCols = new ArrayList<>();
        for (int k : depths) {
            errCols.add("depth" + k + "_error");
        }
        rb.plot(PlotSpec.logLog("homogeneity.png").title("scale-invariance.identities: ‖f(cθ) − cᵏf(θ)‖/‖cᵏf(θ)‖ for bias-free ReLU "
                + "networks of depth k").trace(ht.name()).x("c", "scale c").y(errCols, "relative error").build());
        rb.note("Network (002 Lemma 13.2.2): x⁽ˡ⁾ = ReLU(N(W⁽ˡ⁻¹⁾x⁽ˡ⁻¹⁾)), two normalized hidden layers of width " + H + ", d = " + D
                + ", n = " + N + ", logistic loss (mean), ε = 0, no biases (with biases W2x⁽¹⁾ + b2 would mix degrees 2 and 1 in w and "
                + "the invariance would fail). Trainable w = (W1, γ1, β1, W2); frozen head γ2, β2, W3 (the lemma's 'fix the parameters "
                + "after the last normalization'). Batch norm uses the batch statistics of the full data (training mode).");
        rb.note("Scales c = " + Arrays.toString(SCALES) + " are not powers of two on purpose: multiplying by 2ᵏ scales every float64 "
                + "intermediate exactly, so the identities then hold bit for bit (numbers 'bitwise_*'), which tests nothing about rounding.");
        rb.note("Control: with torch's ε = 1e-5 the layer norm divides by √(σ² + ε), and at c = 1e-3 the ε dominates σ²: L(cw) moves by "
                + Format.g(controlWorst) + " relative, " + Format.g(controlWorst / TOLERANCE) + " × the tolerance. The lemma needs ε = 0.");
        rb.sourceStatement("引理13.2.3: If L is scale-invariant then ⟨w, ∇L(w)⟩ = 0, ∇L(c·w) = ∇L(w)/c, ∇²L(c·w) = ∇²L(w)/c² "
                + "(and Lemma 13.2.2: with the parameters after the last normalization fixed, the function computed is scale-invariant)", v,
                "judged on layer-norm and batch-norm networks with ε = 0 and a frozen head, c = 1e-3 … 1e3: worst relative errors "
                        + Format.g(worst[0]) + " (L), " + Format.g(worst[1]) + " (∇L), " + Format.g(worst[2]) + " (∇²L·v), cos(w, ∇L) ≤ "
                        + Format.g(worst[3]) + ".");
        String rule = "HOLDS when, for every network (layer norm, batch norm; " + inits + " initialization(s)), every c in "
                + Arrays.toString(SCALES) + " and " + directions + " random HVP directions: |L(cw) − L(w)|/|L(w)|, ‖c∇L(cw) − ∇L(w)‖/‖∇L(w)‖, "
                + "‖c²∇²L(cw)v − ∇²L(w)v‖/‖∇²L(w)v‖ and |⟨w, ∇L(w)⟩|/(‖w‖‖∇L(w)‖) are ≤ " + Format.g(TOLERANCE) + ", and for bias-free "
                + "ReLU networks of depth k ∈ " + Arrays.toString(depths) + " ‖f(cθ) − cᵏf(θ)‖/‖cᵏf(θ)‖ ≤ " + Format.g(TOLERANCE)
                + " (else FAILS); INCONCLUSIVE if the ε = 1e-5 control does not exceed the tolerance.";
        return rb.build(v, "every identity to rounding (≤ " + Format.g(TOLERANCE) + " relative); f(cθ) = cᵏf(θ) for depth k",
                "worst relative errors: L " + Format.g(worst[0]) + ", ∇L " + Format.g(worst[1]) + ", ∇²L·v " + Format.g(worst[2])
                        + ", cos(w, ∇L) " + Format.g(worst[3]) + ", homogeneity " + Format.g(worstHom) + " (tolerance " + Format.g(TOLERANCE)
                        + "); ε = 1e-5 control breaks L(cw) = L(w) by " + Format.g(controlWorst), rule);
    }

    private static List<String> buildHomogColumns(int[] depths) {
        List<String> cols = new ArrayList<>();
        cols.add("c");
        for (int k : depths) {
            cols.add("depth" + k + "_error");
            cols.add("depth" + k + "_measured_degree");
        }
        return cols;
    }

    /** Whether c = 2 and c = 1/4 give the identities bit for bit (every float64 intermediate scales exactly). */
    private static void bitwise(ResultBuilder rb, long seed) {
        FrozenHeadNet f = new FrozenHeadNet(Mlp.Normalization.LAYER, 0, N, D, H, seed);
        double[] w = f.initialW();
        double[] g = new double[w.length];
        double l = f.gradient(w, g);
        for (double c : new double[] {2, 0.25}) {
            double[] cw = w.clone();
            double[] gc = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                cw[i] *= c;
            }
            double lc = f.gradient(cw, gc);
            boolean same = lc == l;
            for (int i = 0; i < w.length; i++) {
                same &= gc[i] * c == g[i];
            }
            rb.number("bitwise_layer_norm_c" + (c == 2 ? "2" : "0.25"), same ? 1 : 0);
        }
    }
}
