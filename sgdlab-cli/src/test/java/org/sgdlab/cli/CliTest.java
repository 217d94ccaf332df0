package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line end to end, in-process: exit codes, messages, files written (and not written). */
class CliTest {
    @TempDir
    Path dir;

    /**
     * A command's exit code, what it printed through picocli ({@code out}, {@code err}) and what it wrote to
     * {@link System#out}/{@link System#err} directly ({@code console}: {@code check}'s progress lines), captured so
     * that the tests print nothing.
     */
    record Result(int code, String out, String err, String console) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            // replaced before the command line is built: replaced after, some output (e.g. `list`) still reached the
            // real stdout through a writer picocli 4.7.7 had bound to System.out while building it
            System.setOut(capture);
            System.setErr(capture);
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(), err.toString(), console.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "check", "train", "solve", "generate", "sweep"})
    void everyCommandHasHelp(String command) {
        Result r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: sgdlab " + command), r.out());
    }

    @Test
    void listPrintsOneLinePerClaim() {
        Result r = run("list");
        assertEquals(0, r.code());
        assertEquals(org.sgdlab.theory.ClaimCatalog.all().size(), r.out().lines().count(), r.out());
        assertTrue(r.out().contains("max-margin.seed-exp1"));
    }

    @Test
    void listOptimizersPrintsEveryCatalogEntryWithItsFormula() {
        Result r = run("list", "optimizers");
        assertEquals(0, r.code());
        assertEquals(org.sgdlab.catalog.OptimizerCatalog.all().size(), r.out().lines().count(), r.out());
        assertTrue(r.out().contains("adam") && r.out().contains("beta2=0.999") && r.out().contains("torch.optim.Adam"), r.out());
        assertEquals(2, run("list", "bananas").code());
    }

    @Test
    void everyCatalogOptimizerIsReachableFromTrain() throws IOException {
        Path out = dir.resolve("adam");
        Result r = run("train", "--generate", "regression", "--n", "10", "--optimizer", "adam", "--lr", "0.01", "-H", "beta2=0.99",
                "--steps", "500", "--reference", "min-norm", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("betas=(0.9, 0.99)"), r.out());
        assertTrue(Files.readString(out.resolve("result.json")).contains("beta2=0.99"));
        Result bad = run("train", "--generate", "regression", "--optimizer", "adam", "-H", "beta3=1", "--out", dir.resolve("b").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("beta3") && bad.err().contains("beta2"), bad.err());
        Result missing = run("train", "--generate", "separable", "--loss", "logistic", "--optimizer", "lp-sgd", "--lr", "0.1",
                "--out", dir.resolve("c").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("needs hyperparameter p"), missing.err());
    }

    @Test
    void unknownOptionAndUnknownClaimExitTwo() {
        Result a = run("check", "--bogus");
        assertEquals(2, a.code());
        assertTrue(a.err().contains("--bogus"), a.err());
        Result b = run("check", "no.such-claim", "--quick", "--out", dir.resolve("x").toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("no.such-claim"), b.err());
        assertFalse(Files.exists(dir.resolve("x")), "no output for bad usage");
    }

    @Test
    void anOutputFolderHoldingOtherFilesIsRefusedBeforeAnyRun() throws IOException {
        Path busy = dir.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("thesis.tex"), "mine");
        Result r = run("check", "max-margin.seed-exp1", "--out", busy.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("refusing to replace") && r.err().contains("busy"), r.err());
        assertEquals("mine", Files.readString(busy.resolve("thesis.tex")));
    }

    @Test
    void checkWritesTheReport() throws IOException {
        Path out = dir.resolve("report");
        Result r = run("check", "min-norm.gd", "--quick", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("min-norm.gd") && r.out().contains("HOLDS"), r.out());
        assertTrue(r.console().startsWith("sgdlab check: 1 claim, quick budget, seed 1"), r.console());
        assertTrue(r.console().matches("(?s).*\\[1/1\\] min-norm\\.gd +HOLDS +[0-9.]+s\\R"), r.console());
        assertTrue(Files.exists(out.resolve("result.json")));
        assertTrue(Files.exists(out.resolve("index.html")));
        assertTrue(Files.exists(out.resolve("min-norm.gd").resolve("distance.png")));
        String json = Files.readString(out.resolve("result.json"));
        assertTrue(json.contains("\"seed\"") && json.contains("\"gitCommit\"") || json.contains("git"), json.substring(0, 400));
    }

    @Test
    void checkJsonPrintsMachineReadableResults() {
        Result r = run("check", "min-norm.momentum", "--quick", "--json", "--seed", "2", "--out", dir.resolve("j").toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out().strip();
        assertTrue(out.startsWith("{") && out.endsWith("}"), out);
        assertTrue(out.contains("\"results\"") && out.contains("\"min-norm.momentum\"") && out.contains("\"HOLDS\""), out);
        assertTrue(r.console().startsWith("sgdlab check: 1 claim, quick budget, seed 2"), r.console());
        assertFalse(r.console().contains("{"), "the JSON goes to stdout only: " + r.console());
    }

    private Path writeCsv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void solveSvmOnNonSeparableDataExitsTwoWithAClearMessageAndNoOutput() throws IOException {
        Path csv = writeCsv("xor.csv", "x1,x2,y\n1,1,1\n-1,-1,1\n1,-1,-1\n-1,1,-1\n");
        Path outFile = dir.resolve("svm.json");
        Result r = run("solve", "svm", "--data", csv.toString(), "--out", outFile.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("xor.csv") && r.err().toLowerCase().contains("separable"), r.err());
        assertFalse(Files.exists(outFile));
    }

    @Test
    void solveSvmOnSeparableData() throws IOException {
        Path csv = writeCsv("pts.csv", "x1,x2,y\n2,0,1\n3,1,1\n-2,0,-1\n-1,-3,-1\n");
        Path outFile = dir.resolve("svm.json");
        Result r = run("solve", "svm", "--data", csv.toString(), "--out", outFile.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(outFile);
        assertTrue(json.contains("\"OPTIMAL\"") && json.contains("kkt_residual"), json);
    }

    @Test
    void badCellNamesFileLineAndValue() throws IOException {
        Path csv = writeCsv("bad.csv", "x1,x2,y\n1,2,3\n4,abc,6\n");
        Result r = run("train", "--data", csv.toString(), "--label", "y", "--steps", "10", "--out", dir.resolve("t").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.csv") && r.err().contains("line 3") && r.err().contains("abc"), r.err());
        assertFalse(Files.exists(dir.resolve("t")));
    }

    @Test
    void badLearningRateExitsTwo() {
        Result r = run("train", "--generate", "regression", "--n", "5", "--d", "10", "--lr", "-0.1", "--out", dir.resolve("t").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("-0.1"), r.err());
    }

    @Test
    void divergingRunStopsWithStepAndStepSizeAndExitsOne() {
        Result r = run("train", "--generate", "regression", "--n", "20", "--d", "40", "--loss", "squared", "--reduction", "sum",
                "--lr", "5", "--steps", "100000", "--out", dir.resolve("t").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("diverged at step") && r.err().contains("learning rate 5.0"), r.err());
        assertFalse(Files.exists(dir.resolve("t")), "a diverged run leaves no report");
    }

    @Test
    void trainOnACsvReproducesMinNormGd() throws IOException {
        Path csv = dir.resolve("X.csv");
        assertEquals(0, run("generate", "regression", "--n", "40", "--d", "200", "--data-seed", "1", "--out", csv.toString()).code());
        Path out = dir.resolve("train");
        Result r = run("train", "--data", csv.toString(), "--label", "y", "--loss", "squared", "--reduction", "sum", "--optimizer", "gd",
                "--lr", "auto", "--steps", "4000", "--init", "random", "--reference", "min-norm", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(out.resolve("result.json"));
        Matcher m = Pattern.compile("\"final_rel_dist_to_ref\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), json.substring(0, Math.min(600, json.length())));
        assertTrue(Double.parseDouble(m.group(1)) <= 1e-8, "distance to w0 + X⁺(y − Xw0): " + m.group(1));
        assertTrue(Files.exists(out.resolve("trace.csv")) && Files.exists(out.resolve("reference.png")));
    }

    @Test
    void probesCanBeChosenAndUnknownOnesAreRejected() throws IOException {
        Path out = dir.resolve("p");
        Result r = run("train", "--generate", "separable", "--loss", "logistic", "--optimizer", "sgd", "--batch", "5",
                "--sampler", "shuffled", "--epochs", "20", "--probes", "loss,min_margin", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("step,loss,min_margin", Files.readAllLines(out.resolve("trace.csv")).get(0));
        assertTrue(r.out().contains("200 steps"), r.out());
        Result bad = run("train", "--generate", "separable", "--loss", "logistic", "--probes", "angle_to_ref", "--out",
                dir.resolve("q").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("angle_to_ref"), bad.err());
    }

    @Test
    void source003ExperimentByHandOnTheShippedDigits() throws IOException {
        // source 003: F = (1/m)Σ(aᵢᵀx − yᵢ)², α = 0.001 ⇒ library step 0.002 on the mean of ½(aᵢᵀx − yᵢ)²
        Path out = dir.resolve("m49");
        Result r = run("train", "--builtin", "mnist49", "--loss", "squared", "--optimizer", "sgd", "--lr", "0.002", "--steps", "3000",
                "--probes", "loss", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("result.json")).contains("MNIST 4 vs 9"));
        Result bad = run("train", "--builtin", "fashion:0", "--out", dir.resolve("f").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("fashion:0"), bad.err());
    }

    @Test
    void fashionMnistFromTheDebianPackage() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(org.sgdlab.data.MnistDigits.DEFAULT_FASHION_DIR),
                "dataset-fashion-mnist is not installed");
        Result r = run("train", "--builtin", "fashion:0,6", "--loss", "squared", "--optimizer", "sgd", "--lr", "0.002", "--steps", "200",
                "--probes", "loss", "--out", dir.resolve("fm").toString());
        assertEquals(0, r.code(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"min-p-norm --p 1.5", "bregman --potential hyperbolic --alpha 0.01", "bregman --potential lp --p 3",
        "bregman --potential euclidean"})
    void interpolantSolversReachOptimalityOnARegressionProblem(String args) throws IOException {
        Path outFile = dir.resolve("s.json");
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("solve"));
        argv.addAll(java.util.List.of(args.split(" ")));
        argv.addAll(java.util.List.of("--generate", "regression", "--n", "6", "--d", "20", "--out", outFile.toString()));
        Result r = run(argv.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(outFile);
        assertTrue(json.contains("\"OPTIMAL\""), json);
    }

    @Test
    void solveLpMarginsBasisPursuitAndMulticlass() throws IOException {
        for (String norm : new String[] {"l1", "linf"}) {
            Path f = dir.resolve("m-" + norm + ".json");
            Result r = run("solve", "margin", "--norm", norm, "--generate", "separable", "--n", "30", "--d", "5", "--out", f.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.readString(f).contains("\"OPTIMAL\"") && Files.readString(f).contains("duality_gap"));
        }
        Result bp = run("solve", "basis-pursuit", "--generate", "regression", "--n", "10", "--d", "40");
        assertEquals(0, bp.code(), bp.err());
        assertTrue(bp.out().contains("l1_norm") && !bp.out().contains("ojAlgo"), bp.out());
        Path csv = writeCsv("mc.csv", "x1,x2,y\n2,0,0\n0,2,1\n-2,-2,2\n3,0,0\n");
        Result mc = run("solve", "multiclass-svm", "--data", csv.toString());
        assertEquals(0, mc.code(), mc.err());
        assertTrue(mc.out().contains("\"classes\": 3") && mc.out().contains("kkt_residual"), mc.out());
        Path bad = writeCsv("mcbad.csv", "x1,x2,y\n2,0,0\n0,2,1.5\n");
        Result e = run("solve", "multiclass-svm", "--data", bad.toString());
        assertEquals(2, e.code());
        assertTrue(e.err().contains("row 2") && e.err().contains("1.5"), e.err());
        Result nonsep = run("solve", "margin", "--data", writeCsv("x.csv", "x1,x2,y\n1,1,1\n-1,-1,1\n1,-1,-1\n-1,1,-1\n").toString());
        assertEquals(2, nonsep.code());
        assertTrue(nonsep.err().contains("not linearly separable"), nonsep.err());
    }

    @Test
    void solveRegularizedLogisticAndMissingParameters() throws IOException {
        Path outFile = dir.resolve("lr.json");
        Result r = run("solve", "logistic-reg", "--lambda", "0.01", "--generate", "separable", "--n", "30", "--d", "3",
                "--out", outFile.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(outFile).contains("gradient_norm"));
        Result missing = run("solve", "logistic-reg", "--generate", "separable");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--lambda"), missing.err());
    }

    @Test
    void solveMinNormWritesCsv() throws IOException {
        Path csv = writeCsv("ls.csv", "a,b,c,y\n1,0,0,1\n0,1,0,2\n");
        Path outFile = dir.resolve("w.csv");
        Result r = run("solve", "min-norm", "--data", csv.toString(), "--out", outFile.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("index,w\n0,1\n1,2\n2,0\n", Files.readString(outFile));
    }

    @Test
    void trainWithMmapGivesTheSameWeightsAsInMemoryForAnyThreadCount() throws IOException {
        org.sgdlab.random.RandomStream r = new org.sgdlab.random.RandomStream(3);
        int n = 300;
        int d = 7;
        double[] x = r.gaussians(new double[n * d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d] + 0.3 * r.nextGaussian() > 0 ? 1 : -1;
        }
        Path xFile = dir.resolve("big_X.npy");
        org.sgdlab.data.NpyWriter.write(xFile, new org.sgdlab.linalg.Matrix(n, d, x));
        org.sgdlab.data.NpyWriter.write(dir.resolve("big_y.npy"), y);
        String[] weights = new String[4];
        int k = 0;
        for (String sampler : new String[] {"full", "shuffled"}) {
            for (boolean mmap : new boolean[] {false, true}) {
                Path out = dir.resolve("t" + k);
                List<String> args = new java.util.ArrayList<>(List.of("train", "--data", xFile.toString(), "--loss", "logistic",
                        "--optimizer", "sgd", "--sampler", sampler, "--lr", "0.5", "--steps", "500", "--intercept",
                        "--threads", mmap ? "2" : "1", "--out", out.toString()));
                if (mmap) {
                    args.add("--mmap");
                }
                Result res = run(args.toArray(String[]::new));
                assertEquals(0, res.code(), res.err());
                Matcher m = Pattern.compile("\"w\"\\s*:\\s*(\\[[^\\]]*\\])").matcher(Files.readString(out.resolve("result.json")));
                assertTrue(m.find());
                weights[k++] = m.group(1);
            }
        }
        assertEquals(weights[0], weights[1], "full batch: memory vs mapped");
        assertEquals(weights[2], weights[3], "single-sample SGD: memory vs mapped");
        Result auto = run("train", "--data", xFile.toString(), "--mmap", "--loss", "logistic", "--lr", "auto", "--out",
                dir.resolve("auto").toString());
        assertEquals(2, auto.code(), auto.err());
        assertTrue(auto.err().contains("--mmap supports"), auto.err());
    }
}
