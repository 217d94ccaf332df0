package org.sgdlab.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kernels by spec, {@code NAME[:key=value,key=value…]}, the form {@code sgdlab solve --kernel} takes and
 * {@link Kernel#describe()} writes: {@code linear}, {@code poly:degree=3,gamma=1,coef0=1}, {@code rbf:gamma=0.5},
 * {@code arccos:order=1}, {@code ntk:depth=2,activation=relu,c=2,param=ntk,trained=all}. A bad spec is an
 * IllegalArgumentException naming the offending part and its value.
 */
public final class KernelSpecs {
    private KernelSpecs() {
    }

    /**
     * One kind of kernel, as {@code sgdlab list kernels} shows it.
     *
     * @param syntax      the spec with its keys and defaults
     * @param description the kernel as a formula
     * @param source      where it comes from
     */
    public record Kind(String name, String syntax, String description, String source) {
    }

    /** Every kind, in the order {@code sgdlab list kernels} prints them. */
    public static final List<Kind> KINDS = List.of(
            new Kind("linear", "linear", "k(x, y) = ⟨x, y⟩", "the kernel SVM on it is the linear hard-margin SVM"),
            new Kind("poly", "poly[:degree=3,gamma=1,coef0=1]", "k(x, y) = (γ⟨x, y⟩ + c₀)^degree, integer degree >= 1, "
                    + "γ > 0, c₀ >= 0", "Schölkopf & Smola 2002 §2.3"),
            new Kind("rbf", "rbf[:gamma=1]", "k(x, y) = exp(−γ‖x − y‖²), γ > 0", "Schölkopf & Smola 2002 §2.3"),
            new Kind("arccos", "arccos[:order=1]", "k_n(x, y) = ‖x‖ⁿ‖y‖ⁿ J_n(θ)/π, J₀ = π − θ, J₁ = sin θ + (π − θ) cos θ, "
                    + "n ∈ {0, 1}", "Cho & Saul 2009"),
            new Kind("ntk", "ntk[:depth=2,activation=relu,c=auto,param=ntk,trained=all]",
                    "the infinite-width NTK of a bias-free fully connected net of depth weight layers (2 = one hidden "
                    + "layer); activation relu|erf (closed form) or tanh|softplus (Gauss–Hermite, points="
                    + QuadratureDual.DEFAULT_POINTS
                    + " nodes); c = c_σ (auto: 1/E[σ(z)²], 2 for relu); param ntk|standard (standard needs width=n or "
                    + "n1/n2/…); trained all|first|last or layers like 1/3",
                    "002 §9.4 (corrected eq. 9.8); Arora et al. 2019; docs/ntk.md"));

    private static final Map<String, Set<String>> KEYS = Map.of(
            "linear", Set.of(),
            "poly", Set.of("degree", "gamma", "coef0"),
            "rbf", Set.of("gamma"),
            "arccos", Set.of("order"),
            "ntk", Set.of("depth", "activation", "c", "param", "width", "trained", "points"));

    /** The kernel named by {@code spec}. */
    public static Kernel parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("kernel spec must not be empty; choose one of " + names());
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Set<String> keys = KEYS.get(name);
        if (keys == null) {
            throw new IllegalArgumentException("unknown kernel \"" + name + "\"; choose one of " + names());
        }
        Map<String, String> args = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1);
            if (rest.isBlank()) {
                throw new IllegalArgumentException("kernel spec \"" + s + "\" has nothing after the colon");
            }
            for (String part : rest.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("kernel " + name + ": expected key=value, got \"" + part + "\"");
                }
                String key = part.substring(0, eq).strip();
                String value = part.substring(eq + 1).strip();
                if (!keys.contains(key)) {
                    throw new IllegalArgumentException("kernel " + name + " has no parameter \"" + key + "\"; "
                            + (keys.isEmpty() ? "it takes none" : "it takes " + String.join(", ", sorted(keys))));
                }
                if (args.put(key, value) != null) {
                    throw new IllegalArgumentException("kernel " + name + ": " + key + " is given twice");
                }
            }
        }
        Args a = new Args(name, args);
        switch (name) {
            case "linear":
                return new LinearKernel();
            case "poly":
                return new PolynomialKernel(a.integer("degree", 3), a.number("gamma", 1.0), a.number("coef0", 1.0));
            case "rbf":
                return new RbfKernel(a.number("gamma", 1.0));
            case "arccos":
                return new ArcCosineKernel(a.integer("order", 1));
            default:
                return ntk(a);
        }
    }

    private static AnalyticNtk ntk(Args a) {
        int depth = a.integer("depth", 2);
        if (depth < 1) {
            throw new IllegalArgumentException("kernel ntk: depth must be an integer >= 1 (weight layers), got " + depth);
        }
        int points = a.integer("points", QuadratureDual.DEFAULT_POINTS);
        String act = a.text("activation", "relu");
        if (!DualActivation.NAMES.contains(act)) {
            throw new IllegalArgumentException("kernel ntk: unknown activation \"" + act + "\"; choose one of "
                    + String.join(", ", DualActivation.NAMES));
        }
        if (a.has("points") && (act.equals("relu") || act.equals("erf"))) {
            throw new IllegalArgumentException("kernel ntk: points sets the Gauss-Hermite rule of tanh and softplus; "
                    + act + " has a closed form, got points=" + points);
        }
        AnalyticNtk.Builder b = AnalyticNtk.builder(depth).activation(DualActivation.byName(act, points));
        if (a.has("c") && !a.text("c", "").equals("auto")) {
            b.cSigma(a.number("c", Double.NaN));
        }
        String param = a.text("param", "ntk");
        switch (param) {
            case "ntk" -> b.parameterization(Parameterization.NTK);
            case "standard" -> b.parameterization(Parameterization.STANDARD);
            default -> throw new IllegalArgumentException("kernel ntk: param must be ntk or standard, got \"" + param + "\"");
        }
        if (a.has("width")) {
            if (!param.equals("standard")) {
                throw new IllegalArgumentException("kernel ntk: width only enters the standard parameterization's NTK "
                        + "(param=standard); the NTK parameterization's limit does not depend on it, got width="
                        + a.text("width", ""));
            }
            String[] parts = a.text("width", "").split("/", -1);
            int[] widths = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                widths[i] = a.parseInteger("width", parts[i]);
            }
            if (widths.length == 1 && depth > 2) {
                b.width(widths[0]);
            } else {
                b.hiddenWidths(widths);
            }
        }
        String trained = a.text("trained", "all");
        switch (trained) {
            case "all" -> b.allLayers();
            case "first" -> b.firstLayerOnly();
            case "last" -> b.lastLayerOnly();
            default -> {
                String[] parts = trained.split("/", -1);
                int[] layers = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        layers[i] = Integer.parseInt(parts[i].strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("kernel ntk: trained must be all, first, last or layer numbers "
                                + "like 1/3, got \"" + trained + "\"");
                    }
                }
                b.trainOnly(layers);
            }
        }
        return b.build();
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    /** The kernel names, "linear, poly, rbf, arccos, ntk". */
    public static String names() {
        List<String> n = new ArrayList<>();
        KINDS.forEach(k -> n.add(k.name()));
        return String.join(", ", n);
    }

    /** 0, 0.5, 1e-08 … : the shortest faithful form of a number in a spec. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A spec's key=value pairs, read with messages that name the kernel, the key and the value. */
    private record Args(String kernel, Map<String, String> values) {
        boolean has(String key) {
            return values.containsKey(key);
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        double number(String key, double fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                double x = Double.parseDouble(v);
                if (!Double.isFinite(x)) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kernel " + kernel + ": " + key + " must be a finite number, got \"" + v
                        + "\"");
            }
        }

        int integer(String key, int fallback) {
            String v = values.get(key);
            return v == null ? fallback : parseInteger(key, v);
        }

        int parseInteger(String key, String v) {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kernel " + kernel + ": " + key + " must be an integer, got \"" + v + "\"");
            }
        }
    }
}
