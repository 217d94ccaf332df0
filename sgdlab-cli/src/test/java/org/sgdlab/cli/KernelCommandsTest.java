package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdlab.kernels.GramMatrix;
import org.sgdlab.kernels.KernelOracleCatalog;
import org.sgdlab.kernels.KernelRidge;
import org.sgdlab.kernels.KernelSpecs;
import org.sgdlab.kernels.KernelSvm;
import org.sgdlab.linalg.Matrix;

/** `sgdlab solve kernel-regression|kernel-svm --kernel SPEC` and `sgdlab list kernels`. */
class KernelCommandsTest {
    @TempDir
    Path dir;

    /** XOR with a fifth point: not linearly separable, separable by the NTK and RBF kernels. */
    static final double[][] XOR = {{1, 1, 1}, {-1, -1, 1}, {1, -1, -1}, {-1, 1, -1}, {0.9, 1.2, 1}};

    private Path xor() throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (double[] r : XOR) {
            sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
        }
        Path p = dir.resolve("xor.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private static Matrix xorPoints() {
        double[] a = new double[10];
        for (int i = 0; i < 5; i++) {
            a[2 * i] = XOR[i][0];
            a[2 * i + 1] = XOR[i][1];
        }
        return new Matrix(5, 2, a);
    }

    private static double[] xorLabels() {
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = XOR[i][2];
        }
        return y;
    }

    @Test
    void listKernelsPrintsEveryKind() {
        CliTest.Result r = CliTest.run("list", "kernels");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(KernelSpecs.KINDS.size(), lines.size(), r.out());
        for (int k = 0; k < lines.size(); k++) {
            KernelSpecs.Kind kind = KernelSpecs.KINDS.get(k);
            assertTrue(lines.get(k).startsWith(kind.syntax()) && lines.get(k).contains("[" + kind.source() + "]"), lines.get(k));
        }
        assertTrue(r.out().contains("corrected eq. 9.8"), r.out());
        CliTest.Result bad = CliTest.run("list", "kernel");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("models or kernels, not \"kernel\""), bad.err());
    }

    @Test
    void helpNamesTheKernelProblemsAndTheKernelOption() {
        CliTest.Result help = CliTest.run("solve", "--help");
        for (String name : KernelOracleCatalog.names()) {
            assertTrue(help.out().contains("  " + name + " "), name + " missing from the help:\n" + help.out());
        }
        assertTrue(help.out().contains("--kernel=SPEC"), help.out());
        CliTest.Result unknown = CliTest.run("solve", "kernel-ridge", "--generate", "regression");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("or a kernel problem: kernel-regression or kernel-svm"), unknown.err());
    }

    @Test
    void kernelSvmSolvesXorInTheNtkFeatureSpace() throws IOException {
        CliTest.Result r = CliTest.run("solve", "kernel-svm", "--kernel", "ntk:depth=2", "--data", xor().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("problem", "status", "kernel", "alpha", "b", "margin", "kkt_residual", "support_vectors", "rank",
                "iterations", "provenance"), topLevelKeys(r.out()));
        assertTrue(r.out().contains("\"status\": \"OPTIMAL\"") && r.out().contains("\"problem\": \"kernel-svm\"")
                && r.out().contains("\"kernel\": \"ntk:depth=2,activation=relu,c=2,param=ntk,trained=all\""), r.out());
        assertTrue(numbers(r.out(), "kkt_residual").get(0) <= 1e-10, r.out());
        List<Double> alpha = numbers(r.out(), "alpha");
        double[] a = new double[5];
        for (int i = 0; i < 5; i++) {
            a[i] = alpha.get(i);
        }
        double[] g = GramMatrix.symmetric(KernelSpecs.parse("ntk:depth=2"), xorPoints());
        assertTrue(KernelSvm.kktResidual(g, 5, xorLabels(), a, 0, false) <= 1e-10, "α from the JSON is optimal on K");
        assertTrue(r.out().contains("\"kernel\": \"ntk:depth=2\""), "the spec as given is in the provenance");

        CliTest.Result b = CliTest.run("solve", "kernel-svm", "--kernel", "rbf:gamma=0.5", "--intercept", "--data",
                xor().toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("\"problem\": \"kernel-svm-intercept\""), b.out());
        assertTrue(numbers(b.out(), "kkt_residual").get(0) <= 1e-10, b.out());
    }

    @Test
    void kernelRegressionWritesAlphaThatSolvesTheRidgeSystem() throws IOException {
        Path csv = dir.resolve("alpha.csv");
        CliTest.Result r = CliTest.run("solve", "kernel-regression", "--kernel", "rbf:gamma=0.5", "--lambda", "0.1", "--data",
                xor().toString(), "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(status OPTIMAL)"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,alpha", lines.get(0));
        assertEquals(6, lines.size(), lines.toString());
        double[] alpha = new double[5];
        for (int i = 0; i < 5; i++) {
            alpha[i] = Double.parseDouble(lines.get(i + 1).split(",")[1]);
        }
        double[] g = GramMatrix.symmetric(KernelSpecs.parse("rbf:gamma=0.5"), xorPoints());
        assertTrue(KernelRidge.relativeResidual(g, 5, 0.1, alpha, xorLabels()) <= 1e-15);

        CliTest.Result ridgeless = CliTest.run("solve", "kernel-regression", "--kernel", "ntk:depth=3", "--data", xor().toString());
        assertEquals(0, ridgeless.code(), ridgeless.err());
        assertEquals(List.of("problem", "status", "kernel", "lambda", "alpha", "condition_estimate", "relative_residual",
                "rkhs_norm_squared", "provenance"), topLevelKeys(ridgeless.out()));
        assertEquals(0.0, numbers(ridgeless.out(), "lambda").get(0), 0.0);
    }

    @Test
    void aSingularGramMatrixStopsWithStatusAndExitOne() throws IOException {
        // The linear kernel on 5 points in the plane has rank 2: the ridgeless interpolant is refused.
        CliTest.Result r = CliTest.run("solve", "kernel-regression", "--kernel", "linear", "--data", xor().toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("status INACCURATE") && r.err().contains("numerically singular")
                && r.err().contains("lambda > 0"), r.err());
        assertEquals("", r.out());
    }

    /** Bad input: exit 2, one clear line naming the option and the value, no output file. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kernel-svm --kernel gauss|--kernel: unknown kernel \"gauss\"; choose one of linear, poly, rbf, arccos, ntk",
        "kernel-svm --kernel rbf:gamma=-1|rbf gamma must be > 0 and finite, got -1.0",
        "kernel-svm --kernel rbf:sigma=2|kernel rbf has no parameter \"sigma\"; it takes gamma",
        "kernel-svm --kernel ntk:depth=0|depth must be an integer >= 1 (weight layers), got 0",
        "kernel-svm --kernel ntk:activation=gelu|unknown activation \"gelu\"",
        "kernel-svm --kernel ntk:depth=3,param=standard|give the hidden widths (width=...)",
        "kernel-svm --kernel ntk:trained=middle|trained must be all, first, last or layer numbers like 1/3, got \"middle\"",
        "kernel-svm --kernel poly:degree=1.5|degree must be an integer, got \"1.5\"",
        "kernel-svm|kernel-svm needs --kernel",
        "kernel-svm --kernel linear --lambda 1|--lambda does not apply to kernel-svm (it takes --kernel, --intercept)",
        "kernel-regression --kernel linear --intercept|--intercept does not apply to kernel-regression (it takes --kernel, --lambda)",
        "kernel-regression --kernel rbf --lambda -0.5|--lambda must be >= 0 and finite for kernel-regression, got -0.5",
        "min-norm --kernel rbf|--kernel does not apply to min-norm (it takes --rcond)"})
    void badKernelInputsAreClearErrors(String args, String message) throws IOException {
        Path out = dir.resolve("never.json");
        List<String> argv = new ArrayList<>(List.of("solve"));
        argv.addAll(List.of(args.split(" ")));
        argv.addAll(List.of("--data", xor().toString(), "--out", out.toString()));
        CliTest.Result r = CliTest.run(argv.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected \"" + message + "\" in:\n" + r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("sgdlab: error: ")), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "no output on error");
        assertEquals("", r.out());
    }

    @Test
    void labelsAndSeparabilityAreDataErrors() throws IOException {
        Path p = dir.resolve("labels.csv");
        Files.writeString(p, "x1,x2,y\n1,0,1\n0,1,2\n");
        CliTest.Result r = CliTest.run("solve", "kernel-svm", "--kernel", "rbf", "--data", p.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("labels.csv") && r.err().contains("2"), r.err());
        Files.writeString(p, "x1,x2,y\n1,0,1\n1,0,-1\n0,1,1\n");
        CliTest.Result s = CliTest.run("solve", "kernel-svm", "--kernel", "rbf", "--data", p.toString());
        assertEquals(2, s.code(), s.err());
        assertTrue(s.err().contains("not separable in the kernel's feature space"), s.err());
    }

    /** The numbers of the JSON value of {@code key} (a number or an array of numbers). */
    private static List<Double> numbers(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\[[^\\]]*\\]|\"?[-0-9.eE+]+\"?)").matcher(json);
        assertTrue(m.find(), key + " missing from " + json);
        List<Double> out = new ArrayList<>();
        for (String t : m.group(1).replaceAll("[\\[\\]\"\\s]", "").split(",")) {
            out.add(Double.parseDouble(t));
        }
        return out;
    }

    private static List<String> topLevelKeys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  \"([a-z0-9_]+)\":").matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
