package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sgdlab.data.Dataset;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.DeepLinearNetwork;
import org.sgdlab.nn.model.DiagonalNetwork;
import org.sgdlab.nn.model.FactorInitialization;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.model.Network;
import org.sgdlab.random.RandomStream;
import picocli.CommandLine.Option;

/**
 * The model of `sgdlab train` ({@code --model} and the options that shape it) and the table `sgdlab list models`
 * prints. Parsing is strict: a bad spec, or an option that does not apply to the chosen model, is a usage error naming
 * the value.
 */
final class ModelOptions {
    /** One kind of model: what `sgdlab list models` prints. */
    record Kind(String name, String syntax, String description, String parameters, String homogeneity, String source) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("linear", "linear", "f(x) = ⟨w, x⟩ (+ b with --intercept): core's linear model (the default)",
                    "d (+1)", "1 (none with --intercept)", "sources 000, 001, 003"),
            new Kind("mlp", "mlp:N1,N2,...", "fully connected, hidden widths N1, N2, ...: h = σ(N(h Wᵀ + b)), linear output "
                    + "layer; --activation, --bias/--no-bias, --norm batch|layer; torch's nn.Linear init times --init-scale",
                    "Σ n_l(n_{l−1} + 1), + 2n_l per normalized layer", "L = layers, when bias-free, unnormalized and "
                    + "relu/leaky-relu/identity; else none", "source 001 exp. 4 (BatchNorm); 002 ch. 4, 8"),
            new Kind("deep-linear", "deep-linear:L", "f(x) = W_L⋯W₁x, hidden widths --width (default d); --init gaussian "
                    + "(default), orthogonal or balanced, each factor scaled by --init-scale",
                    "Σ n_l n_{l−1}", "L", "source 001 §3.1; Arora, Cohen & Hazan 2018; Arora et al. 2019"),
            new Kind("diagonal", "diagonal:D", "f(x) = ⟨w, x⟩ with w = u^D − v^D (--form difference, the default; D = 2 is "
                    + "DiagonalNetObjective) or w = u1⊙⋯⊙uD (--form product); every parameter starts at --init-scale",
                    "2d or D·d", "D", "source 001 §3.2 eq. (24); 002 Ex. 8.1.5; Woodworth et al. 2020"),
            new Kind("factorized", "factorized:L", "W = W_L⋯W₁ ∈ ℝ^{m×n} (--matrix MxN, inner widths --width, default "
                    + "max(m, n)) fit to rows vec(A_k) (sensing, d = m·n) or (row, col) entries (completion, d = 2); "
                    + "squared loss ½Σ(⟨A_k, W⟩ − b_k)²; --init as deep-linear",
                    "Σ n_l n_{l−1}", "L", "source 001 §3.1, exp. 3; Gunasekar et al. 2017; Arora et al. 2019"));

    @Option(names = "--model", paramLabel = "SPEC",
            description = "The model: linear (default), mlp:N1,N2,... (hidden widths), deep-linear:L, diagonal:D or "
                    + "factorized:L (`sgdlab list models`).")
    String model;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden activation of an mlp: relu (default), leaky-relu[:slope], tanh, sigmoid, softplus, identity.")
    String activation;

    @Option(names = "--bias", negatable = true,
            description = "Whether an mlp's layers have biases (default: --bias; --no-bias makes a relu mlp homogeneous).")
    Boolean bias;

    @Option(names = "--norm", paramLabel = "KIND",
            description = "Normalization of an mlp's hidden pre-activations: batch (BatchNorm1d: batch statistics in "
                    + "training, running ones updated each step), layer (LayerNorm) or none (default).")
    String norm;

    @Option(names = "--width", split = ",", paramLabel = "N",
            description = "Hidden widths of deep-linear:L and inner widths of factorized:L: one width for all, or L−1 of them "
                    + "(default: d for deep-linear, max(m, n) for factorized).")
    List<Integer> width;

    @Option(names = "--matrix", paramLabel = "MxN",
            description = "Shape of factorized:L's matrix (default: √d × √d for sensing rows; one past the largest row and "
                    + "column index for completion rows).")
    String matrix;

    @Option(names = "--form", paramLabel = "FORM", description = "diagonal:D's form: difference (w = u^D − v^D, default) or "
            + "product (w = u1⊙⋯⊙uD).")
    String form;

    /** The parsed --model: a kind and its number(s). */
    record Spec(String kind, int[] numbers) {
        /** The depth (deep-linear, diagonal, factorized). */
        int depth() {
            return numbers[0];
        }
    }

    /** True for the linear model (the default): `train`'s own EmpiricalRisk path. */
    boolean isLinear() {
        return model == null || "linear".equals(model);
    }

    /** Parses --model; a usage error names the value and the accepted forms. */
    Spec spec() {
        String s = model == null ? "linear" : model;
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String args = colon < 0 ? null : s.substring(colon + 1);
        if (KINDS.stream().noneMatch(k -> k.name().equals(kind))) {
            throw new Main.UsageException("--model: unknown model \"" + s + "\"; choose linear, mlp:N1,N2,..., deep-linear:L, "
                    + "diagonal:D or factorized:L (`sgdlab list models`)");
        }
        if ("linear".equals(kind)) {
            if (args != null) {
                throw new Main.UsageException("--model: linear takes no arguments, got \"" + s + "\"");
            }
            return new Spec(kind, new int[0]);
        }
        if (args == null || args.isEmpty()) {
            throw new Main.UsageException("--model: " + kind + " needs " + ("mlp".equals(kind) ? "hidden widths, e.g. mlp:64,64"
                    : "a depth, e.g. " + kind + ":2") + "; got \"" + s + "\"");
        }
        String[] parts = args.split(",", -1);
        if (!"mlp".equals(kind) && parts.length != 1) {
            throw new Main.UsageException("--model: " + kind + " takes one depth, e.g. " + kind + ":3; got \"" + s + "\"");
        }
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = positiveInt(parts[i], "--model: in \"" + s + "\", " + ("mlp".equals(kind)
                    ? "hidden widths must be positive integers" : "the depth must be a positive integer"));
        }
        return new Spec(kind, numbers);
    }

    private static int positiveInt(String text, String what) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Main.UsageException(what + ", got \"" + text + "\"");
    }

    /** Rejects the shape options that {@code kind} does not use (so a typo'd model does not silently ignore them). */
    private void onlyFor(Spec spec) {
        String k = spec.kind();
        requireAbsent(activation, "--activation", "mlp", k);
        requireAbsent(bias, "--bias/--no-bias", "mlp", k);
        requireAbsent(norm, "--norm", "mlp", k);
        requireAbsent(form, "--form", "diagonal", k);
        requireAbsent(matrix, "--matrix", "factorized", k);
        if (width != null && !k.equals("deep-linear") && !k.equals("factorized")) {
            throw new Main.UsageException("--width applies to deep-linear and factorized models, not to " + k
                    + (k.equals("mlp") ? " (give its widths in the spec, e.g. --model mlp:64,64)" : ""));
        }
    }

    private static void requireAbsent(Object value, String option, String forKind, String kind) {
        if (value != null && !forKind.equals(kind)) {
            throw new Main.UsageException(option + " applies to " + forKind + " models, not to " + kind);
        }
    }

    /**
     * The network of --model for {@code data} with {@code outputs} outputs (1, or the number of classes for softmax
     * cross-entropy). Not for the linear model.
     */
    Network build(Dataset data, int outputs) {
        Spec spec = spec();
        onlyFor(spec);
        int d = data.d();
        // layers first (before any per-layer array): a depth of 10⁸ would otherwise fill the heap with small objects
        Sizes.requireModel("--model " + model, spec.kind().equals("mlp") ? spec.numbers().length + 1 : spec.depth(), 0);
        switch (spec.kind()) {
            case "mlp": {
                long parameters = 0;
                long in = d;
                for (int width : spec.numbers()) {
                    parameters += (in + 1) * width;
                    in = width;
                }
                Sizes.requireModel("--model " + model, spec.numbers().length + 1, parameters + (in + 1) * outputs);
                Mlp.Builder b = Mlp.builder(d).hidden(spec.numbers()).outputs(outputs)
                        .activation(activation == null ? Activation.relu() : activation(activation))
                        .bias(bias == null || bias).normalization(normalization());
                return b.build();
            }
            case "deep-linear": {
                int depth = spec.depth();
                int[] w = new int[depth + 1];
                w[0] = d;
                w[depth] = outputs;
                int[] hidden = widths(depth, d, "deep-linear:" + depth);
                System.arraycopy(hidden, 0, w, 1, depth - 1);
                long parameters = 0;
                for (int l = 1; l <= depth; l++) {
                    parameters += (long) w[l] * w[l - 1];
                }
                Sizes.requireModel("--model " + model, depth, parameters);
                return new DeepLinearNetwork(w);
            }
            case "diagonal": {
                requireOneOutput(spec, outputs);
                String f = form == null ? "difference" : form;
                switch (f) {
                    case "difference":
                        return DiagonalNetwork.difference(d, spec.depth());
                    case "product":
                        return DiagonalNetwork.product(d, spec.depth());
                    default:
                        throw new Main.UsageException("--form must be difference or product, got \"" + form + "\"");
                }
            }
            case "factorized": {
                requireOneOutput(spec, outputs);
                return factorized(spec.depth(), data);
            }
            default:
                throw new IllegalStateException("not a network: " + spec.kind());
        }
    }

    private static void requireOneOutput(Spec spec, int outputs) {
        if (outputs != 1) {
            throw new Main.UsageException(spec.kind() + " models have one output; the loss needs " + outputs
                    + " (softmax cross-entropy takes mlp, deep-linear)");
        }
    }

    private static Activation activation(String name) {
        try {
            return Activation.byName(name);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--activation: " + e.getMessage());
        }
    }

    private Mlp.Normalization normalization() {
        if (norm == null) {
            return Mlp.Normalization.NONE;
        }
        switch (norm) {
            case "batch":
                return Mlp.Normalization.BATCH;
            case "layer":
                return Mlp.Normalization.LAYER;
            case "none":
                return Mlp.Normalization.NONE;
            default:
                throw new Main.UsageException("--norm must be batch, layer or none, got \"" + norm + "\"");
        }
    }

    /** The L − 1 inner widths from --width (one for all, or L − 1 of them), or all {@code fallback}. */
    private int[] widths(int depth, int fallback, String model) {
        int[] w = new int[depth - 1];
        if (width == null) {
            Arrays.fill(w, fallback);
            return w;
        }
        for (int x : width) {
            if (x < 1) {
                throw new Main.UsageException("--width must be positive, got " + x);
            }
        }
        if (width.size() == 1) {
            Arrays.fill(w, width.get(0));
        } else if (width.size() == depth - 1) {
            for (int i = 0; i < w.length; i++) {
                w[i] = width.get(i);
            }
        } else {
            throw new Main.UsageException("--width: " + model + " has " + (depth - 1) + " inner width" + (depth == 2 ? "" : "s")
                    + "; give one for all or " + (depth - 1) + ", got " + width.size() + " (" + width + ")");
        }
        return w;
    }

    private FactorizedMatrix factorized(int depth, Dataset data) {
        int d = data.d();
        int m;
        int n;
        if (matrix != null) {
            java.util.regex.Matcher mm = java.util.regex.Pattern.compile("(\\d+)[x×](\\d+)").matcher(matrix.strip());
            if (!mm.matches() || Integer.parseInt(mm.group(1)) < 1 || Integer.parseInt(mm.group(2)) < 1) {
                throw new Main.UsageException("--matrix must be MxN with positive M and N, e.g. 20x30; got \"" + matrix + "\"");
            }
            m = Integer.parseInt(mm.group(1));
            n = Integer.parseInt(mm.group(2));
        } else if (d == 2) {
            int[] shape = completionShape(data);
            m = shape[0];
            n = shape[1];
        } else {
            int r = (int) Math.round(Math.sqrt(d));
            if (r * r != d) {
                throw new Main.UsageException("factorized: " + d + " features are not a square matrix; give --matrix MxN with "
                        + "M·N = " + d + " (sensing) or data with two columns (row, col) (completion)");
            }
            m = r;
            n = r;
        }
        boolean sensing = d == (long) m * n && !(d == 2 && matrix == null);
        if (!sensing && d != 2) {
            throw new Main.UsageException("factorized with --matrix " + m + "x" + n + " needs rows vec(A_k) of " + (long) m * n
                    + " features (sensing) or (row, col) pairs (completion, 2 features); data " + data.name() + " has " + d);
        }
        int[] inner = widths(depth, Math.max(m, n), "factorized:" + depth);
        FactorizedMatrix f = sensing ? FactorizedMatrix.sensing(m, n, inner) : FactorizedMatrix.completion(m, n, inner);
        f.validate(data);
        return f;
    }

    /** One past the largest row and column index of completion data (validated as integers ≥ 0 by the model later). */
    private static int[] completionShape(Dataset data) {
        double[] x = data.x().data();
        double rows = 0;
        double cols = 0;
        for (int k = 0; k < data.n(); k++) {
            double i = x[2 * k];
            double j = x[2 * k + 1];
            if (!(i >= 0 && i == Math.rint(i) && i < Integer.MAX_VALUE) || !(j >= 0 && j == Math.rint(j) && j < Integer.MAX_VALUE)) {
                throw new Main.UsageException("factorized: completion rows must hold a row and a column index (integers >= 0); "
                        + "example " + k + " of " + data.name() + " has (" + i + ", " + j + ")");
            }
            rows = Math.max(rows, i);
            cols = Math.max(cols, j);
        }
        return new int[] {(int) rows + 1, (int) cols + 1};
    }

    /** The initialization names {@code network} accepts with --init (besides zeros). */
    static List<String> initNames(Network network) {
        List<String> names = new ArrayList<>(List.of("default"));
        if (network instanceof DeepLinearNetwork || network instanceof FactorizedMatrix) {
            names.addAll(FactorInitialization.NAMES);
        }
        names.add("zeros");
        return names;
    }

    /**
     * The start of {@code network}: --init default (the model's own, with scale α = --init-scale), zeros, or for deep-linear
     * and factorized gaussian, orthogonal, balanced. A new vector; {@code rnd} is advanced.
     */
    static double[] initialize(Network network, String init, double alpha, RandomStream rnd) {
        String name = init == null ? "default" : init.toLowerCase(Locale.ROOT);
        if (!initNames(network).contains(name)) {
            throw new Main.UsageException("--init for " + network.describe() + " must be one of " + initNames(network) + ", got \""
                    + init + "\"");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new Main.UsageException("--init-scale must be > 0 and finite, got " + alpha);
        }
        switch (name) {
            case "default":
                return network.initialize(rnd, alpha);
            case "zeros":
                return new double[network.layout().size()];
            default: {
                FactorInitialization fi = FactorInitialization.byName(name, alpha);
                return network instanceof DeepLinearNetwork dl ? dl.initialize(fi, rnd) : ((FactorizedMatrix) network).initialize(fi, rnd);
            }
        }
    }
}
