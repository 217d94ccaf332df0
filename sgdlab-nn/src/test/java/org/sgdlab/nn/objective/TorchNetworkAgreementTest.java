package org.sgdlab.nn.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Losses;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.objective.Reduction;

/**
 * Small MLPs against PyTorch's float64 values (tools/torch-nn/make_vectors.py, torch 1.13 with functorch): the loss,
 * its gradient, the Hessian-vector product, the per-example gradients and the outputs' JVP agree to 1e-12
 * (‖Δ‖∞/‖ref‖∞), across relu/tanh/softplus/sigmoid/leaky-relu/identity activations, batch and layer norm, with and
 * without biases, five losses and both reductions.
 */
class TorchNetworkAgreementTest {
    static final double TOLERANCE = 1e-12;

    record Case(Map<String, String> words, Map<String, double[]> numbers) {
        String id() {
            return words.get("case");
        }

        @Override
        public String toString() {
            return id();
        }
    }

    static List<Case> cases() throws IOException {
        InputStream in = TorchNetworkAgreementTest.class.getResourceAsStream("/nn/torch_network_vectors.txt");
        assertNotNull(in, "nn/torch_network_vectors.txt on the test class path");
        List<Case> out = new ArrayList<>();
        Map<String, String> words = new HashMap<>();
        Map<String, double[]> numbers = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                switch (f[0]) {
                    case "case", "activation", "normalization", "bias", "loss", "reduction", "hvp_method" -> words.put(f[0], f[1]);
                    case "widths" -> words.put(f[0], line.substring(7).trim());
                    case "X", "per_example" -> {
                        words.put(f[0] + ".shape", f[1] + " " + f[2]);
                        numbers.put(f[0], parse(f, 3));
                    }
                    case "end" -> {
                        out.add(new Case(words, numbers));
                        words = new HashMap<>();
                        numbers = new HashMap<>();
                    }
                    default -> numbers.put(f[0], parse(f, 1));
                }
            }
        }
        return out;
    }

    private static double[] parse(String[] f, int from) {
        double[] v = new double[f.length - from];
        for (int i = from; i < f.length; i++) {
            v[i - from] = Double.parseDouble(f[i]);
        }
        return v;
    }

    private static Activation activation(String name) {
        if (name.startsWith("leaky-relu:")) {
            return Activation.leakyRelu(Double.parseDouble(name.substring(11)));
        }
        return switch (name) {
            case "relu" -> Activation.relu();
            case "tanh" -> Activation.tanh();
            case "softplus" -> Activation.softplus();
            case "sigmoid" -> Activation.sigmoid();
            case "identity" -> Activation.identity();
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }

    private static NetworkObjective objective(Case c) {
        String[] ws = c.words().get("widths").split(" ");
        int[] widths = new int[ws.length];
        for (int i = 0; i < ws.length; i++) {
            widths[i] = Integer.parseInt(ws[i]);
        }
        int[] hidden = java.util.Arrays.copyOfRange(widths, 1, widths.length - 1);
        Mlp net = Mlp.builder(widths[0]).hidden(hidden).outputs(widths[widths.length - 1])
                .activation(activation(c.words().get("activation")))
                .bias(c.words().get("bias").equals("1"))
                .normalization(Mlp.Normalization.valueOf(c.words().get("normalization").toUpperCase(java.util.Locale.ROOT)))
                .build();
        String[] shape = c.words().get("X.shape").split(" ");
        int n = Integer.parseInt(shape[0]);
        int d = Integer.parseInt(shape[1]);
        Dataset data = new Dataset(c.id(), new Matrix(n, d, c.numbers().get("X")), c.numbers().get("y"));
        String loss = c.words().get("loss");
        NetworkLoss nl = loss.equals("softmax-cross-entropy") ? NetworkLoss.softmaxCrossEntropy()
                : NetworkLoss.of(Losses.byName(loss));
        Reduction red = Reduction.valueOf(c.words().get("reduction").toUpperCase(java.util.Locale.ROOT));
        return new NetworkObjective(net, data, nl, red);
    }

    static Stream<Case> all() throws IOException {
        return cases().stream();
    }

    private static void close(String what, Case c, double[] actual, double[] expected) {
        assertEquals(expected.length, actual.length, c + " " + what + " length");
        double err = Checks.relativeErrorInf(actual, expected);
        assertTrue(err <= TOLERANCE, c + ": " + what + " differs from torch by " + err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void lossGradientHvpPerExampleAndJvpMatchTorch(Case c) {
        NetworkObjective f = objective(c);
        double[] theta = c.numbers().get("theta");
        double[] v = c.numbers().get("v");
        assertEquals(f.dimension(), theta.length, c + ": layout size");
        double value = c.numbers().get("value")[0];
        double[] g = new double[theta.length];
        double got = f.gradient(theta, g);
        assertEquals(value, got, TOLERANCE * Math.abs(value), c + ": value");
        close("gradient", c, g, c.numbers().get("gradient"));
        double[] hv = new double[theta.length];
        f.hessianVectorProduct(theta, v, hv);
        close("HVP (" + c.words().get("hvp_method") + " in torch)", c, hv, c.numbers().get("hvp"));
        double[] rows = new double[f.sampleCount() * theta.length];
        f.perExampleGradients(theta, rows);
        close("per-example gradients", c, rows, c.numbers().get("per_example"));
        double[] jo = new double[f.sampleCount() * f.network().outputs()];
        f.outputJvp(theta, v, jo);
        close("output JVP", c, jo, c.numbers().get("jvp_outputs"));
    }

    @Test
    void theVectorsCoverEveryNormalizationLossAndReduction() throws IOException {
        List<Case> cs = cases();
        assertEquals(9, cs.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Case c : cs) {
            seen.add("norm:" + c.words().get("normalization"));
            seen.add("loss:" + c.words().get("loss"));
            seen.add("red:" + c.words().get("reduction"));
        }
        for (String s : new String[] {"norm:none", "norm:batch", "norm:layer", "loss:squared", "loss:logistic",
                "loss:exponential", "loss:squared-hinge", "loss:softmax-cross-entropy", "red:sum", "red:mean"}) {
            assertTrue(seen.contains(s), "no case with " + s);
        }
    }
}
