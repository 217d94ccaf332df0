package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimCatalog;
import org.sgdlab.theory.ClaimContext;
import org.sgdlab.train.ProgressListener;

/**
 * Spec files end to end: the worked examples of docs/specs give the same verdict through {@code check --spec} and
 * {@code sweep}; exported claims reproduce the built-in claims' runs and verdicts; planted wrong predictions FAIL; a spec
 * run is the same bits as {@code sgdlab train}; sweeps are deterministic and independent of the runner; mistakes name the
 * file, the key and the line.
 */
class SpecCommandsTest {
    @TempDir
    Path dir;

    private static final Path DOCS = Path.of("..", "docs", "specs");

    private static SpecFile example(String name) throws IOException {
        return SpecFile.read(DOCS.resolve(name + ".yaml"));
    }

    /** The local runner with its notes kept (tests are silent). */
    private static SpecRunner quietRunner() {
        return SpecRunner.local(new java.io.PrintWriter(new java.io.StringWriter()));
    }

    @Test
    void aSweepPrintsTheDataFilesNoteOnceNotOncePerRun() throws IOException {
        SpecFile s = example("sgd-noise-floor");
        List<SpecRunConfig> configs = s.configurations(Budget.QUICK, 1).subList(0, 3);
        java.io.StringWriter notes = new java.io.StringWriter();
        SpecRunner.local(new java.io.PrintWriter(notes, true)).run(s, configs, ProgressListener.NONE);
        String text = notes.toString();
        assertTrue(text.contains("first line read as the header"), text);
        assertEquals(1, text.lines().filter(l -> l.contains("first line read as the header")).count(), text);
    }

    private static Verdict checkVerdict(SpecFile s) {
        return new SpecClaim(s, quietRunner()).check(ClaimContext.quick(1)).verdict();
    }

    private static String jsonVerdict(Path resultJson) throws IOException {
        Matcher m = Pattern.compile("\"verdict\"\\s*:\\s*\"(\\w+)\"").matcher(Files.readString(resultJson));
        assertTrue(m.find(), resultJson.toString());
        return m.group(1);
    }

    @Test
    void theWorkedExamplesGiveTheSameVerdictThroughCheckAndSweepAndOneFails() throws IOException {
        String[][] examples = {{"momentum-min-norm", "HOLDS"}, {"sgd-noise-floor", "HOLDS"}, {"adam-min-norm", "FAILS"}};
        for (String[] e : examples) {
            Path spec = DOCS.resolve(e[0] + ".yaml");
            CliTest.Result check = CliTest.run("check", "--spec", spec.toString(), "--quick", "--out", dir.resolve("c-" + e[0])
                    .toString());
            assertEquals(e[1].equals("FAILS") ? 1 : 0, check.code(), e[0] + ": " + check.err() + check.out());
            assertTrue(check.out().contains("spec." + e[0]) && check.out().contains(e[1]), check.out());
            CliTest.Result sweep = CliTest.run("sweep", spec.toString(), "--quick", "--out", dir.resolve("s-" + e[0]).toString());
            assertEquals(check.code(), sweep.code(), e[0] + ": " + sweep.err() + sweep.out());
            assertTrue(sweep.out().contains(e[0] + ": " + e[1]), sweep.out());
            assertEquals(e[1], jsonVerdict(dir.resolve("s-" + e[0]).resolve("result.json")));
            String checkJson = Files.readString(dir.resolve("c-" + e[0]).resolve("result.json"));
            assertTrue(checkJson.contains("\"verdict\": \"" + e[1] + "\""), checkJson.substring(0, 400));
            // provenance: the spec's hash in both outputs
            assertTrue(checkJson.contains("spec_sha256"), e[0]);
            assertTrue(Files.readString(dir.resolve("s-" + e[0]).resolve("result.json")).contains("spec_sha256"), e[0]);
        }
        assertTrue(Files.exists(dir.resolve("s-sgd-noise-floor").resolve("sweep.csv")));
        assertTrue(Files.exists(dir.resolve("s-sgd-noise-floor").resolve("by_lr.png")));
        assertEquals(17, Files.readAllLines(dir.resolve("s-sgd-noise-floor").resolve("sweep.csv")).size(), "16 runs and a header");
    }

    @Test
    void plantedWrongPredictionsFail() throws IOException {
        // the floor of the distance scales like η^(1/2), not η^1
        String floor = Files.readString(DOCS.resolve("sgd-noise-floor.yaml")).replace("lr^0.5", "lr^1")
                .replace("noisy-regression.csv", DOCS.toAbsolutePath().resolve("noisy-regression.csv").toString());
        assertEquals(Verdict.FAILS, checkVerdict(SpecFile.parse("floor.yaml", floor)));
        // GD reaches X⁺y to rounding (≈1e-15), never 1e-20: the distance stalls and the rule says FAILS
        String minNorm = ClaimSpecs.export("min-norm.gd").replace("<= 1e-8", "<= 1e-20");
        assertEquals(Verdict.FAILS, checkVerdict(SpecFile.parse("mn.yaml", minNorm)));
        // the max-margin direction rule against a wrong reference: the min-norm interpolant of the ±1 labels
        String mm = ClaimSpecs.export("max-margin.gd-logistic").replace("reference: svm", "reference: min-norm")
                .replace("1000000, full", "100000, full");
        assertEquals(Verdict.FAILS, checkVerdict(SpecFile.parse("mm.yaml", mm)));
    }

    @Test
    void theRateFormFitsTheLossExponentAndAWrongExponentFails() {
        // GD on the logistic loss over separable data: the loss falls like 1/t (the max-margin claims measure −0.99)
        String base = ClaimSpecs.export("max-margin.gd-logistic").replace("reference: svm\n", "");
        SpecFile right = SpecFile.parse("rate.yaml", base.replace("angle_to_ref → 0 like (ln t)^−1", "loss → 0 like t^−1"));
        assertEquals(SpecPrediction.Kind.RATE, right.prediction().kind());
        List<SpecRunResult> runs = quietRunner().run(right, right.configurations(Budget.QUICK, 1), ProgressListener.NONE);
        SpecPrediction.Decision d = right.prediction().decide(runs);
        assertEquals(Verdict.HOLDS, d.verdict(), d.measurement());
        double slope = d.numbers().get("run0.loss_exponent");
        assertTrue(Math.abs(slope + 1) < 0.05, d.measurement());
        SpecFile wrong = SpecFile.parse("rate.yaml", base.replace("angle_to_ref → 0 like (ln t)^−1", "loss -> 0 like t^-2"));
        assertEquals(Verdict.FAILS, wrong.prediction().decide(runs).verdict());
        SpecFile near = SpecFile.parse("rate.yaml", base.replace("angle_to_ref → 0 like (ln t)^−1", "loss -> 0 like t^-1.3"));
        assertEquals(Verdict.INCONCLUSIVE, near.prediction().decide(runs).verdict(), "|s − K| in (0.2, 0.4]");
    }

    @Test
    void exportedClaimsReproduceTheClaimsVerdictsAndNumbers() {
        for (String id : ClaimSpecs.EXPORTABLE) {
            SpecFile s = SpecFile.parse(id + ".yaml", ClaimSpecs.export(id));
            ClaimResult spec = new SpecClaim(s, quietRunner()).check(ClaimContext.quick(1));
            Claim claim = ClaimCatalog.all().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
            assertEquals(claim.expectedVerdict(Budget.QUICK), spec.verdict(), id + ": " + spec.measurement());
            if (id.startsWith("max-margin.")) {
                // the same run: train's lr: auto computes the claim's η = n/(c·σ_max²) in another order (σ_max² from the
                // Gram matrix, then /n), equal to the last bits or so, so the angles agree to ~1e-13 rather than bit for bit
                ClaimResult builtin = claim.check(ClaimContext.quick(1));
                String run = id.endsWith("logistic") ? "gd_logistic" : "gd_exponential";
                for (String[] k : new String[][] {{".final_angle", "angle_at_T"}, {".angle_at_T_over_100", "angle_at_T/100"},
                    {".angle_limit", "angle_limit"}, {".norm_growth_per_ln_t", "norm_growth"}, {".loss_rate", "loss_rate"}}) {
                    double want = builtin.numbers().get(run + k[0]);
                    double got = spec.numbers().get("run0." + k[1]);
                    assertEquals(want, got, 1e-10 * Math.abs(want), id + " " + k[1]);
                }
            }
        }
        CliTest.Result r = CliTest.run("list", "claims", "--spec", "min-norm.gd");
        assertEquals(0, r.code(), r.err());
        assertEquals(ClaimSpecs.export("min-norm.gd"), r.out());
        CliTest.Result no = CliTest.run("list", "claims", "--spec", "sgd.noise-floor");
        assertEquals(2, no.code());
        assertTrue(no.err().contains("exportable: min-norm.gd"), no.err());
    }

    @Test
    void aSpecRunIsTheSameBitsAsTrainWithTheSameOptions() throws IOException {
        String text = "name: same\ntrain:\n  generate: separable\n  n: 20\n  d: 4\n  loss: logistic\n  optimizer: sgd\n"
                + "  batch: 3\n  lr: 0.3\n  hyper: {momentum: 0.5}\n  init: random\n  init-scale: 0.5\nsteps: 700\nseeds: [5]\n";
        SpecFile s = SpecFile.parse("same.yaml", text);
        SpecRunResult r = quietRunner().run(s, s.configurations(Budget.QUICK, 1), ProgressListener.NONE).get(0);
        CliTest.Result t = CliTest.run("train", "--generate", "separable", "--n", "20", "--d", "4", "--loss", "logistic",
                "--optimizer", "sgd", "--batch", "3", "--lr", "0.3", "-H", "momentum=0.5", "--init", "random", "--init-scale",
                "0.5", "--steps", "700", "--seed", "5", "--out", dir.resolve("train").toString());
        assertEquals(0, t.code(), t.err());
        String json = Files.readString(dir.resolve("train").resolve("result.json"));
        Matcher m = Pattern.compile("\"w\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find());
        double[] w = java.util.Arrays.stream(m.group(1).split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(w, r.finalParams(), 0.0);
    }

    @Test
    void sweepsAreDeterministicAndTheSameWhateverOrderTheRunnerRunsThem() throws IOException {
        Path spec = DOCS.resolve("sgd-noise-floor.yaml");
        SweepCommandRun a = sweep(spec, dir.resolve("a"), quietRunner());
        // a runner that executes the configurations in reverse order (as a distributed runner may) and returns them in order
        SpecRunner reversed = (s, configs, progress) -> {
            List<SpecRunConfig> rev = new ArrayList<>(configs);
            Collections.reverse(rev);
            List<SpecRunResult> out = new ArrayList<>(quietRunner().run(s, rev, progress));
            Collections.reverse(out);
            return out;
        };
        SweepCommandRun b = sweep(spec, dir.resolve("b"), reversed);
        assertEquals(a.code, b.code);
        assertEquals(Files.readString(dir.resolve("a").resolve("sweep.csv")), Files.readString(dir.resolve("b").resolve("sweep.csv")));
        assertEquals(Files.readString(dir.resolve("a").resolve("by_lr.csv")), Files.readString(dir.resolve("b").resolve("by_lr.csv")));
    }

    private record SweepCommandRun(int code) {
    }

    private static SweepCommandRun sweep(Path spec, Path out, SpecRunner runner) {
        SweepCommand cmd = new SweepCommand();
        cmd.runner = runner;
        picocli.CommandLine cl = new picocli.CommandLine(cmd);
        NumberConverters.register(cl);
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        java.io.PrintStream err = System.err;
        try (java.io.PrintStream sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream())) {
            System.setErr(sink);
            return new SweepCommandRun(cl.execute(spec.toString(), "--quick", "--out", out.toString()));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aProportionalityOverASettingThatIsNotANumberNamesTheSettingAndItsValue() {
        SpecFile s = SpecFile.parse("p.yaml", "name: p\ntrain: {generate: regression, loss: squared}\nsteps: {quick: 5, full: 5}\n"
                + "sweep:\n  optimizer: [sgd, adam]\nprediction: loss ∝ optimizer^1 over the sweep\n");
        List<SpecRunResult> runs = quietRunner().run(s, s.configurations(Budget.QUICK, 1), ProgressListener.NONE);
        SpecException e = assertThrows(SpecException.class, () -> SpecClaim.decide(s, runs));
        assertTrue(e.getMessage().contains("needs numeric values of optimizer, got \"sgd\""), e.getMessage());
    }

    @Test
    void mistakesNameTheFileTheKeyTheLineAndWhatWasExpected() {
        SpecException a = assertThrows(SpecException.class, () -> SpecFile.parse("h.yaml",
                "name: h\ntrain:\n  generate: regression\n  lrate: 0.1\nsteps: 10\n"));
        assertTrue(a.getMessage().startsWith("h.yaml, line 4, key train.lrate: not an option of `sgdlab train`"), a.getMessage());
        SpecException b = assertThrows(SpecException.class, () -> SpecFile.parse("h.yaml",
                "name: h\ntrain: {generate: regression}\nsteps: {quick: 0, full: 10}\n"));
        assertTrue(b.getMessage().startsWith("h.yaml, line 3, key steps.quick: expected a whole number of steps >= 1"),
                b.getMessage());
        SpecException c = assertThrows(SpecException.class, () -> SpecFile.parse("h.yaml",
                "name: h\ntrain: {generate: regression}\nsteps: 10\nprediction: loss goes down\n"));
        assertTrue(c.getMessage().startsWith("h.yaml, line 4, key prediction: expected one of \"METRIC <= TOL at T\""),
                c.getMessage());
        SpecException d = assertThrows(SpecException.class, () -> SpecFile.parse("h.yaml",
                "name: h\ntrain: {generate: regression}\nsteps: 10\nreference: nope\n"));
        assertTrue(d.getMessage().startsWith("h.yaml, line 4, key reference: unknown oracle \"nope\"; expected one of [min-norm"),
                d.getMessage());
        SpecException e = assertThrows(SpecException.class, () -> SpecFile.parse("h.yaml", "name: h\ntrain: [\n"));
        assertTrue(e.getMessage().startsWith("h.yaml, line 3: not valid YAML"), e.getMessage());
        // a value train itself refuses, pinned to its key and line
        SpecFile lr = SpecFile.parse("h.yaml", "name: h\ntrain:\n  generate: regression\n  n: 4\n  lr: -1\nsteps: 10\n");
        SpecException f = assertThrows(SpecException.class, () -> quietRunner().run(lr, lr.configurations(Budget.QUICK, 1),
                ProgressListener.NONE));
        assertTrue(f.getMessage().startsWith("h.yaml, line 5, key train.lr: --lr must be > 0"), f.getMessage());
        SpecFile sweptLr = SpecFile.parse("h.yaml", "name: h\ntrain:\n  generate: regression\n  n: 4\nsteps: 10\nsweep:\n"
                + "  lr: [0.1,\n       abc]\n");
        SpecException g = assertThrows(SpecException.class, () -> quietRunner().run(sweptLr,
                sweptLr.configurations(Budget.QUICK, 1), ProgressListener.NONE));
        assertTrue(g.getMessage().startsWith("h.yaml, line 8, key sweep.lr[1]: --lr must be a number or auto"), g.getMessage());
    }

    @Test
    void helpExplainsTheFormatAndPointsToTheDocs() {
        CliTest.Result sweep = CliTest.run("sweep", "--help");
        assertEquals(0, sweep.code());
        assertTrue(sweep.out().contains("docs/specs.md") && sweep.out().contains("prediction:"), sweep.out());
        CliTest.Result check = CliTest.run("check", "--help");
        assertTrue(check.out().contains("--spec") && check.out().contains("docs/specs.md"), check.out());
        assertFalse(check.out().isBlank());
    }
}
