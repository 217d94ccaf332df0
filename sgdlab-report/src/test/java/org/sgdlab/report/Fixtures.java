package org.sgdlab.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;

/** Shared test data. */
final class Fixtures {

    private Fixtures() {
    }

    static Trace curve(String name, int n) {
        Trace t = new Trace(name, List.of("loss", "angle"));
        for (int i = 0; i < n; i++) {
            t.add(new double[] {i, Math.exp(-0.05 * i), 1.0 / (1 + i)});
        }
        return t;
    }

    static ClaimResult claim(String id, Verdict v, SourceStatement statement) {
        return claim(id, v, statement, List.of());
    }

    static ClaimResult claim(String id, Verdict v, SourceStatement statement, List<NumericalFinding> findings) {
        Trace t = curve("train", 50);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("predicted", 0.5);
        numbers.put("measured", 0.4999999);
        numbers.put("gap", Double.NaN);
        List<PlotSpec> plots = List.of(
                PlotSpec.semiLogY("loss.png").title("Loss <" + id + ">").trace("train").x("step", "step").y("loss", "loss")
                        .build(),
                PlotSpec.logLog("angle.png").title("Angle").trace("train").x("step").y(List.of("angle", "loss")).build());
        return new ClaimResult(id, "Title of " + id + " & <b>co</b>", "Paper §3", v, "distance → 0",
                "distance = 1e-9", "pass if distance < 1e-6", statement, findings, numbers, List.of(t), plots,
                List.of("note \"one\"", "note <two>"), Duration.ofMillis(1234));
    }

    static List<ClaimResult> claims() {
        List<ClaimResult> out = new ArrayList<>();
        out.add(claim("gd-min-norm", Verdict.HOLDS, new SourceStatement("GD finds the min-norm solution", true,
                "distance 1e-9")));
        out.add(claim("sgd-noise", Verdict.FAILS, new SourceStatement("SGD noise vanishes", false, "it did not")));
        out.add(claim("edge-of-stability", Verdict.INCONCLUSIVE, new SourceStatement("sharpness hovers at 2/eta",
                null, null)));
        // numerical findings are results of their own: here on a claim without a source statement
        out.add(claim("no-statement", Verdict.HOLDS, null,
                List.of(new NumericalFinding("float64", "|‖w‖ − 1| ≤ 1e-14 at every step", false, "max drift 4.7e-13",
                                "the rounding of √(1+η²) repeats <every> step"),
                        new NumericalFinding("float64", "the normalizing retraction stays at rounding level", true, null, null))));
        return out;
    }

    static Provenance provenance() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("steps", "1000");
        params.put("eta", "0.01");
        return new Provenance("0.1.0-TEST", "abc123", "TestVM 17", "TestOS x", 7L, params,
                Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(3));
    }
}
