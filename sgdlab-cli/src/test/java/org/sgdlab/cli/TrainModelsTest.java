package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.catalog.OptimizerEntry;
import org.sgdlab.cli.CliTest.Result;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.linalg.JacobiSvd;

/**
 * `sgdlab train --model …` in-process: every model with every optimizer of `sgdlab list optimizers` (constrained ones
 * from the projected initialization), the sharpness and weight-norm probes in the trace and the report, source 001
 * experiment 3 by hand, `list models`, and usage errors naming the value.
 */
class TrainModelsTest {
    @TempDir
    Path dir;

    /** A model and the data options it trains on, with its parameter count p (for stiefel's rows = p, the sphere). */
    record ModelCase(String model, int parameters, List<String> args) {
        @Override
        public String toString() {
            return model;
        }
    }

    static final List<ModelCase> MODELS = List.of(
            // --init random: the linear model's default start is 0, which no sphere or simplex projection accepts
            new ModelCase("linear", 4, List.of("--generate", "separable", "--n", "20", "--d", "4", "--loss", "logistic",
                    "--init", "random")),
            new ModelCase("mlp:4,3", 4 * 4 + 4 + 3 * 4 + 3 + 3 + 1, List.of("--generate", "separable", "--n", "20", "--d", "4",
                    "--loss", "logistic")),
            new ModelCase("deep-linear:2", 4 * 4 + 4, List.of("--generate", "separable", "--n", "20", "--d", "4", "--loss",
                    "logistic", "--init-scale", "0.5")),
            new ModelCase("diagonal:2", 2 * 12, List.of("--generate", "regression", "--n", "10", "--d", "12", "--init-scale",
                    "0.5")),
            // 16 features: sensing of a 4 × 4 matrix, inner width 4
            new ModelCase("factorized:2", 2 * 16, List.of("--generate", "regression", "--n", "10", "--d", "16", "--init-scale",
                    "0.5")));

    /** Hyperparameters the optimizer requires (and a learning rate that moves a few steps without diverging). */
    static List<String> settings(String optimizer, int parameters) {
        Map<String, String> h = new LinkedHashMap<>();
        switch (optimizer) {
            case "steepest-lp", "lp-sgd", "riemannian-lp-sphere", "mirror-lp" -> h.put("p", "3");
            case "mirror-hyperbolic" -> h.put("alpha", "1");
            case "stiefel" -> h.put("rows", Integer.toString(parameters));
            default -> {
            }
        }
        List<String> out = new ArrayList<>(List.of("--optimizer", optimizer, "--lr", "0.01"));
        h.forEach((k, v) -> out.addAll(List.of("-H", k + "=" + v)));
        return out;
    }

    static Stream<Arguments> everyModelWithEveryOptimizer() {
        List<Arguments> out = new ArrayList<>();
        for (ModelCase m : MODELS) {
            for (OptimizerEntry e : OptimizerCatalog.all()) {
                out.add(Arguments.of(m, e.name()));
            }
        }
        return out.stream();
    }

    private static double[] finalParameters(Path out) throws IOException {
        Matcher m = Pattern.compile("\"w\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(out.resolve("result.json")));
        assertTrue(m.find(), "result.json has the final parameters");
        return Arrays.stream(m.group(1).split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
    }

    private static double number(Path out, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\"?[-0-9.eEINaf]+\"?)").matcher(Files.readString(out.resolve("result.json")));
        assertTrue(m.find(), "result.json has " + key);
        return Double.parseDouble(m.group(1).replace("\"", ""));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyModelWithEveryOptimizer")
    void everyModelTrainsWithEveryOptimizer(ModelCase model, String optimizer) throws IOException {
        Path out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--model", model.model(), "--steps", "5", "--probes", "loss",
                "--out", out.toString()));
        args.addAll(model.args());
        args.addAll(settings(optimizer, model.parameters()));
        Result r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), model + " with " + optimizer + ": " + r.err());
        double[] w = finalParameters(out);
        assertEquals(model.parameters(), w.length, "parameter count");
        for (double v : w) {
            assertTrue(Double.isFinite(v), model + " with " + optimizer + ": non-finite parameter");
        }
        assertTrue(Double.isFinite(number(out, "final_loss")));
        assertEquals(7, Files.readAllLines(out.resolve("trace.csv")).size(), "header and steps 0..5");
        boolean constrained = optimizer.startsWith("riemannian") || optimizer.equals("stiefel")
                || optimizer.equals("exponentiated-gradient");
        assertEquals(constrained, r.err().contains("sgdlab: note:"), model + " with " + optimizer + ": the note on stderr: " + r.err());
        double l2 = 0;
        double l3 = 0;
        double max = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : w) {
            l2 += v * v;
            l3 += Math.abs(v * v * v);
            max = Math.max(max, Math.abs(v));
            sum += v;
            min = Math.min(min, v);
        }
        switch (optimizer) {
            case "riemannian-sphere", "stiefel" -> assertEquals(1.0, Math.sqrt(l2), 1e-10, "on the unit sphere");
            case "riemannian-lp-sphere" -> assertEquals(1.0, Math.cbrt(l3), 1e-10, "on the unit l3 sphere");
            case "riemannian-linf-sphere" -> assertEquals(1.0, max, 1e-10, "on the unit l-infinity sphere");
            case "exponentiated-gradient" -> {
                assertEquals(1.0, sum, 1e-10, "on the simplex");
                assertTrue(min >= 0, "on the simplex");
            }
            default -> {
            }
        }
    }

    @Test
    void listModelsPrintsEveryKindWithItsHomogeneity() {
        Result r = CliTest.run("list", "models");
        assertEquals(0, r.code(), r.err());
        assertEquals(ModelOptions.KINDS.size(), r.out().lines().count(), r.out());
        for (String syntax : List.of("linear", "mlp:N1,N2,...", "deep-linear:L", "diagonal:D", "factorized:L")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(syntax + " ")), syntax + " in " + r.out());
        }
        assertTrue(r.out().contains("homogeneity: L") && r.out().contains("homogeneity: D"), r.out());
        assertTrue(CliTest.run("list", "--help").out().contains("models"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--model mlp:16,x                          | \"x\"",
        "--model mlp:                              | mlp needs hidden widths",
        "--model deep-linear:0                     | \"0\"",
        "--model deep-linear:2,3                   | deep-linear takes one depth",
        "--model conv:3                            | \"conv:3\"",
        "--model linear:2                          | \"linear:2\"",
        "--model deep-linear:3 --activation tanh   | --activation applies to mlp models, not to deep-linear",
        "--model mlp:4 --width 3                   | --width applies to deep-linear and factorized models",
        "--model deep-linear:3 --width 2,2,2       | give one for all or 2, got 3",
        "--model mlp:4 --activation gelu           | \"gelu\"",
        "--model mlp:4 --norm group                | \"group\"",
        "--model diagonal:2 --form sum             | \"sum\"",
        "--model factorized:2 --matrix 3y3         | \"3y3\"",
        "--model factorized:2 --matrix 3x3         | --matrix 3x3 needs rows vec(A_k) of 9 features",
        "--model mlp:4 --init balanced             | [default, zeros], got \"balanced\"",
        "--model mlp:4 --init-scale 0              | --init-scale must be > 0 and finite, got 0.0",
        "--model mlp:4 --intercept                 | --intercept is the linear model's",
        "--model mlp:4 --reference svm             | --reference svm",
        "--model mlp:4 --probes sharpness:every=0  | every must be a positive integer, got \"0\"",
        "--model mlp:4 --probes sharpness:each=2   | no setting \"each\"",
        "--model mlp:4 --probes angle_to_ref       | \"angle_to_ref\" is not available",
    })
    void badModelUsageExitsTwoNamingTheValue(String options, String expected) {
        List<String> args = new ArrayList<>(List.of("train", "--generate", "separable", "--n", "10", "--d", "4", "--lr", "0.1",
                "--steps", "3", "--out", dir.resolve("bad").toString()));
        args.addAll(Arrays.asList(options.strip().split(" +")));
        Result r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), options + ": " + r.out() + r.err());
        assertTrue(r.err().contains(expected.strip()), options + ": " + r.err());
        assertFalse(Files.exists(dir.resolve("bad")), "no output for bad usage");
    }

    @Test
    void networksNeedAnExplicitLearningRate() {
        Result r = CliTest.run("train", "--generate", "separable", "--model", "mlp:4", "--out", dir.resolve("a").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr auto") && r.err().contains("mlp 10-4-1"), r.err());
    }

    @Test
    void sharpnessEveryKStepsIsRecordedWithItsResidualAndShownInTheReport() throws IOException {
        Path out = dir.resolve("eos");
        Result r = CliTest.run("train", "--generate", "separable", "--n", "30", "--d", "3", "--loss", "logistic", "--model", "mlp:6",
                "--activation", "tanh", "--optimizer", "gd", "--lr", "0.5", "--steps", "40", "--probe", "loss,sharpness:every=10",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals("step,loss,sharpness,sharpness_residual", lines.get(0));
        assertEquals(List.of("0", "10", "20", "30", "40"), lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList());
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            double sharp = Double.parseDouble(v[2]);
            assertTrue(sharp > 0, line);
            // Lanczos stops at a residual of 1e-8·‖H‖_est; here ‖H‖ is within a few times the sharpness
            assertTrue(Double.parseDouble(v[3]) <= 1e-7 * sharp, "residual bound: " + line);
        }
        assertEquals(Double.parseDouble(lines.get(5).split(",")[2]), number(out, "final_sharpness"), 0.0);
        assertEquals(4.0, number(out, "two_over_learning_rate"), 0.0);
        assertTrue(Files.exists(out.resolve("sharpness.png")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("sharpness.png"));
        assertTrue(r.out().contains("sharpness") && r.out().contains("2/η = 4"), r.out());
    }

    @Test
    void linearModelSharpnessIsTheLargestSquaredSingularValueOverN() throws IOException {
        Path out = dir.resolve("lin");
        Result r = CliTest.run("train", "--generate", "regression", "--n", "10", "--d", "20", "--loss", "squared", "--reduction",
                "mean", "--lr", "0.01", "--steps", "3", "--probes", "sharpness,weight_norm", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals("step,sharpness,sharpness_residual,weight_norm", lines.get(0));
        Dataset data = Generators.underdeterminedRegression(10, 20, 0.1, 1);
        double sigma = JacobiSvd.singularValues(data.x().data(), 10, 20)[0];
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(sigma * sigma / 10, Double.parseDouble(line.split(",")[1]), 1e-12 * sigma * sigma, line);
        }
    }

    @Test
    void weightNormOfABatchNormMlpHasEveryBlock() throws IOException {
        // source 001 experiment 4's network: Linear(2,10) → BatchNorm1d(10) → ReLU → Linear(10,1), logistic loss, GD 0.01
        Path out = dir.resolve("bn");
        Result r = CliTest.run("train", "--generate", "separable", "--n", "40", "--d", "2", "--loss", "logistic", "--model",
                "mlp:10", "--norm", "batch", "--optimizer", "gd", "--lr", "0.01", "--steps", "30", "--probes", "loss,weight_norm",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("step,loss,weight_norm,weight_norm_W1,weight_norm_b1,weight_norm_gamma1,weight_norm_beta1,weight_norm_W2,"
                + "weight_norm_b2", Files.readAllLines(out.resolve("trace.csv")).get(0));
        assertTrue(Files.exists(out.resolve("weight_norm.png")));
        assertTrue(r.out().contains("mlp 2-10-1 (relu, bias, batch norm): 61 parameters"), r.out());
    }

    @Test
    void sourceExperimentThreeByHandRecoversTheNuclearNorm() throws IOException {
        // Y = (1,2,3)ᵀ(1,2,3), fully observed; W = W₂W₁ with inner width 10, init 0.01·randn; the source's GD with lr 0.01
        // on ‖Y − W‖²_F is GD with lr 0.02 on ½‖Y − W‖²_F (--reduction sum)
        StringBuilder csv = new StringBuilder("row,col,y\n");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                csv.append(i).append(',').append(j).append(',').append((i + 1) * (j + 1)).append('\n');
            }
        }
        Path y = dir.resolve("Y.csv");
        Files.writeString(y, csv.toString());
        Path out = dir.resolve("exp3");
        Result r = CliTest.run("train", "--data", y.toString(), "--label", "y", "--model", "factorized:2", "--width", "10",
                "--init-scale", "0.01", "--reduction", "sum", "--optimizer", "gd", "--lr", "0.02", "--steps", "10000", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("factorized 3×3 = W2⋯W1 (widths 3-10-3, completion): 60 parameters"), r.out());
        assertTrue(number(out, "final_loss") < 1e-5, "fits Y");
        assertEquals(14.0, number(out, "product_nuclear_norm"), 1e-2, "‖Y‖_* = 14 (rank one)");
        assertTrue(Files.exists(out.resolve("nuclear_norm.png")));
    }

    @Test
    void softmaxCrossEntropyGivesOneOutputPerClass() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        org.sgdlab.random.RandomStream rnd = new org.sgdlab.random.RandomStream(1);
        for (int i = 0; i < 30; i++) {
            int c = i % 3;
            csv.append(3 * Math.cos(2 * Math.PI * c / 3) + rnd.nextGaussian()).append(',')
                    .append(3 * Math.sin(2 * Math.PI * c / 3) + rnd.nextGaussian()).append(',').append(c).append('\n');
        }
        Path data = dir.resolve("three.csv");
        Files.writeString(data, csv.toString());
        for (String model : List.of("mlp:8", "deep-linear:2")) {
            Path out = dir.resolve(model.replace(':', '_'));
            Result r = CliTest.run("train", "--data", data.toString(), "--label", "y", "--loss", "softmax-cross-entropy",
                    "--model", model, "--lr", "0.1", "--steps", "200", "--out", out.toString());
            assertEquals(0, r.code(), model + ": " + r.err());
            assertTrue(r.out().contains("-3 ("), model + " has three outputs: " + r.out());
            assertTrue(number(out, "final_loss") < Math.log(3), model + " learned something");
        }
        Result diag = CliTest.run("train", "--data", data.toString(), "--label", "y", "--loss", "softmax-cross-entropy",
                "--model", "diagonal:2", "--lr", "0.1", "--out", dir.resolve("d").toString());
        assertEquals(2, diag.code());
        assertTrue(diag.err().contains("diagonal models have one output; the loss needs 3"), diag.err());
    }

    @Test
    void factorizedShapesFromMatrixOrFromTheData() throws IOException {
        // sensing of a 2 × 3 matrix (6 features, not a square): --matrix 2x3
        Path out = dir.resolve("sense");
        Result r = CliTest.run("train", "--generate", "regression", "--n", "4", "--d", "6", "--model", "factorized:3", "--matrix",
                "2x3", "--width", "4,5", "--lr", "0.01", "--steps", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("factorized 2×3 = W3⋯W1 (widths 3-4-5-2, sensing)"), r.out());
        Result square = CliTest.run("train", "--generate", "regression", "--n", "4", "--d", "6", "--model", "factorized:2",
                "--lr", "0.01", "--out", dir.resolve("sq").toString());
        assertEquals(2, square.code());
        assertTrue(square.err().contains("6 features are not a square matrix"), square.err());
        // completion: the shape from the largest indices, or a larger one from --matrix
        Path csv = dir.resolve("entries.csv");
        Files.writeString(csv, "row,col,y\n0,0,1\n1,3,2\n2,1,-1\n");
        Result inferred = CliTest.run("train", "--data", csv.toString(), "--label", "y", "--model", "factorized:1", "--lr", "0.1",
                "--steps", "10", "--out", dir.resolve("c1").toString());
        assertEquals(0, inferred.code(), inferred.err());
        assertTrue(inferred.out().contains("factorized 3×4 = W1 (widths 4-3, completion)"), inferred.out());
        Result given = CliTest.run("train", "--data", csv.toString(), "--label", "y", "--model", "factorized:2", "--matrix", "5x5",
                "--lr", "0.1", "--steps", "10", "--out", dir.resolve("c2").toString());
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("factorized 5×5 = W2⋯W1 (widths 5-5-5, completion)"), given.out());
        Result outside = CliTest.run("train", "--data", csv.toString(), "--label", "y", "--model", "factorized:2", "--matrix",
                "2x4", "--lr", "0.1", "--out", dir.resolve("c3").toString());
        assertEquals(2, outside.code());
        assertTrue(outside.err().contains("example 2") && outside.err().contains("(2.0, 1.0)"), outside.err());
    }

    @Test
    void trainHelpExplainsTheModelOptions() {
        String help = CliTest.run("train", "--help").out();
        for (String option : List.of("--model", "--activation", "--[no-]bias", "--norm", "--width", "--matrix", "--form",
                "--init-scale", "sharpness:every=K", "weight_norm")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
    }
}
