package org.sgdlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays torch.optim trajectories (tools/torch/make_optimizer_vectors.py, torch 1.13, float64) on
 * the quadratic f(w) = ½wᵀAw − bᵀw with the gradient computed exactly as the script does, and
 * requires agreement to 1e-12 relative (‖w − w_torch‖∞/‖w_torch‖∞) at every one of the 100 steps.
 */
class TorchAgreementTest {
    static final double TOLERANCE = 1e-12;

    record Case(String id, String name, Map<String, Double> hp, List<double[]> steps) {
    }

    record Vectors(int dim, double[] a, double[] b, double[] w0, List<Case> cases) {
    }

    private static Vectors cached;

    static synchronized Vectors vectors() throws IOException {
        if (cached != null) {
            return cached;
        }
        InputStream in = TorchAgreementTest.class.getResourceAsStream("/optim/torch_vectors.txt");
        assertNotNull(in, "optim/torch_vectors.txt on the test class path");
        int dim = 0;
        double[] a = null;
        double[] b = null;
        double[] w0 = null;
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                switch (f[0]) {
                    case "dim" -> dim = Integer.parseInt(f[1]);
                    case "A" -> a = numbers(f, 1);
                    case "b" -> b = numbers(f, 1);
                    case "w0" -> w0 = numbers(f, 1);
                    case "case" -> {
                        Map<String, Double> hp = new LinkedHashMap<>();
                        for (int i = 3; i < f.length; i++) {
                            String[] kv = f[i].split("=", 2);
                            hp.put(kv[0], Double.parseDouble(kv[1]));
                        }
                        cases.add(new Case(f[1], f[2], hp, new ArrayList<>()));
                    }
                    case "step" -> {
                        Case c = cases.get(cases.size() - 1);
                        assertEquals(c.steps().size() + 1, Integer.parseInt(f[1]), "step numbering in " + c.id());
                        c.steps().add(numbers(f, 2));
                    }
                    default -> throw new IllegalStateException("unexpected line: " + line);
                }
            }
        }
        cached = new Vectors(dim, a, b, w0, cases);
        return cached;
    }

    private static double[] numbers(String[] f, int from) {
        double[] x = new double[f.length - from];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.parseDouble(f[from + i]);
        }
        return x;
    }

    /** g = Aw − b with the left-to-right sums of the Python script. */
    static void gradient(Vectors v, double[] w, double[] g) {
        int d = v.dim();
        for (int i = 0; i < d; i++) {
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                s += v.a()[i * d + j] * w[j];
            }
            g[i] = s - v.b()[i];
        }
    }

    /** max over steps of ‖w − w_torch‖∞/‖w_torch‖∞, and at the last step. */
    static double[] relativeErrors(Vectors v, Case c) {
        Chain opt = Optimizers.byName(c.name(), c.hp());
        double[] w = v.w0().clone();
        double[] g = new double[v.dim()];
        State s = opt.init(w);
        double worst = 0;
        double last = 0;
        for (double[] ref : c.steps()) {
            gradient(v, w, g);
            opt.updateInPlace(g, s, w);
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] += g[i];
                diff = Math.max(diff, Math.abs(w[i] - ref[i]));
                scale = Math.max(scale, Math.abs(ref[i]));
            }
            last = diff / scale;
            worst = Math.max(worst, last);
        }
        return new double[] {worst, last};
    }

    static Stream<Arguments> cases() throws IOException {
        return vectors().cases().stream().map(c -> Arguments.of(c.id(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTorchToOneInATrillion(String id, Case c) throws IOException {
        double[] e = relativeErrors(vectors(), c);
        assertTrue(e[0] <= TOLERANCE, id + ": max relative error over 100 steps " + e[0] + " (at step 100: " + e[1] + ")");
    }

    @Test
    void everyTorchOptimizerIsCovered() throws IOException {
        List<String> ids = vectors().cases().stream().map(Case::id).toList();
        for (String need : List.of("sgd_plain", "sgd_momentum", "sgd_dampening", "sgd_nesterov", "sgd_weight_decay", "adam",
                "adamw", "amsgrad", "adamax", "adagrad", "adagrad_decay_init", "rmsprop", "rmsprop_centered",
                "rmsprop_momentum", "rmsprop_weight_decay")) {
            assertTrue(ids.contains(need), need);
        }
        assertEquals(100, vectors().cases().get(0).steps().size());
    }
}
