package org.sgdlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad spec files of the bad-input harness ({@link BadInputs}): each is written as fixture {@code spec-NAME.yaml} and run
 * through {@code check --spec} and {@code sweep}; each must give exit 2, one clear line naming the file, the key and the line,
 * and no output.
 */
final class SpecBadInputs {
    private SpecBadInputs() {
    }

    private static final String OK_TRAIN = "train:\n  generate: regression\n  n: 4\n  d: 8\n  lr: 0.01\n";

    /** Name → spec text. */
    static final Map<String, String> SPECS = specs();

    private static Map<String, String> specs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("yaml-syntax", "name: x\ntrain: [\n");
        m.put("empty", "");
        m.put("top-list", "- name: x\n");
        m.put("unknown-top", "name: x\n" + OK_TRAIN + "steps: 5\npredicton: loss <= 1 at T\n");
        m.put("no-name", OK_TRAIN + "steps: 5\nprediction: loss <= 1 at T\n");
        m.put("bad-name", "name: my spec!\n" + OK_TRAIN + "steps: 5\nprediction: loss <= 1 at T\n");
        m.put("duplicate-key", "name: x\nname: y\n" + OK_TRAIN + "steps: 5\nprediction: loss <= 1 at T\n");
        m.put("train-unknown", "name: x\n" + OK_TRAIN + "  lrate: 0.1\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("train-steps", "name: x\n" + OK_TRAIN + "  steps: 10\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("train-seed", "name: x\n" + OK_TRAIN + "  seed: 3\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("train-list", "name: x\ntrain: [generate, regression]\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("lr-text", "name: x\ntrain:\n  generate: regression\n  n: 4\n  d: 8\n  lr: abc\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("lr-negative", "name: x\ntrain:\n  generate: regression\n  n: 4\n  d: 8\n  lr: -1\nsteps: 5\n"
                + "prediction: loss <= 1 at T\n");
        m.put("loss-unknown", "name: x\n" + OK_TRAIN + "  loss: nope\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("optimizer-unknown", "name: x\n" + OK_TRAIN + "  optimizer: nope\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("hyper-unknown", "name: x\n" + OK_TRAIN + "  hyper: {nope: 1}\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("hyper-text", "name: x\n" + OK_TRAIN + "  optimizer: adam\n  hyper: {beta2: abc}\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("intercept-maybe", "name: x\n" + OK_TRAIN + "  intercept: maybe\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("model-mlp", "name: x\n" + OK_TRAIN + "  model: mlp:3\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("data-missing", "name: x\ntrain:\n  data: nope.csv\n  lr: 0.1\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("no-data", "name: x\ntrain:\n  lr: 0.1\nsteps: 5\nprediction: loss <= 1 at T\n");
        m.put("steps-zero", "name: x\n" + OK_TRAIN + "steps: 0\nprediction: loss <= 1 at T\n");
        m.put("steps-half", "name: x\n" + OK_TRAIN + "steps: {quick: 10}\nprediction: loss <= 1 at T\n");
        m.put("steps-text", "name: x\n" + OK_TRAIN + "steps: many\nprediction: loss <= 1 at T\n");
        m.put("no-steps", "name: x\n" + OK_TRAIN + "prediction: loss <= 1 at T\n");
        m.put("reference-unknown", "name: x\n" + OK_TRAIN + "steps: 5\nreference: nope\nprediction: loss <= 1 at T\n");
        m.put("reference-option", "name: x\n" + OK_TRAIN + "steps: 5\nreference: {oracle: min-norm, options: {nope: 1}}\n"
                + "prediction: loss <= 1 at T\n");
        m.put("reference-labels", "name: x\n" + OK_TRAIN + "steps: 5\nreference: svm\nprediction: loss <= 1 at T\n");
        m.put("seeds-twice", "name: x\n" + OK_TRAIN + "steps: 5\nseeds: [1, 1]\nprediction: loss <= 1 at T\n");
        m.put("seeds-negative", "name: x\n" + OK_TRAIN + "steps: 5\nseeds: [-1]\nprediction: loss <= 1 at T\n");
        m.put("sweep-empty", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  batch: []\nprediction: loss <= 1 at T\n");
        m.put("sweep-seed", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  seed: [1, 2]\nprediction: loss <= 1 at T\n");
        m.put("sweep-unknown", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  rate: [1, 2]\nprediction: loss <= 1 at T\n");
        m.put("sweep-bad-value", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  lr: [0.1, abc]\nprediction: loss <= 1 at T\n");
        m.put("sweep-twice", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  lr: [0.1, 0.1]\nprediction: loss <= 1 at T\n");
        m.put("sweep-huge", "name: x\n" + OK_TRAIN + "steps: 5\nseeds: [" + "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ".repeat(1)
                + "11]\nsweep:\n  n: [" + String.join(", ", java.util.stream.IntStream.range(1, 1001).mapToObj(Integer::toString)
                .toList()) + "]\nprediction: loss <= 1 at T\n");
        m.put("prediction-words", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: the loss goes down\n");
        m.put("prediction-unrecorded", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: foo <= 1e-3 at T\n");
        m.put("prediction-no-reference", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: rel_dist_to_ref <= 1e-3 at T\n");
        m.put("prediction-angle-no-ref", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: angle_to_ref -> 0 like (ln t)^-1\n");
        m.put("prediction-angle-rate", "name: x\n" + OK_TRAIN + "steps: 5\nreference: min-norm\n"
                + "prediction: angle_to_ref -> 0 like (ln t)^-2\n");
        m.put("prediction-propto-unswept", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: loss ∝ lr^1 over the sweep\n");
        m.put("prediction-propto-text", "name: x\n" + OK_TRAIN + "steps: 5\nsweep:\n  init: [zeros, random]\n"
                + "prediction: loss ∝ init^1 over the sweep\n");
        m.put("prediction-tolerance", "name: x\n" + OK_TRAIN + "steps: 5\nprediction: loss <= -1 at T\n");
        m.put("probes-unknown", "name: x\n" + OK_TRAIN + "steps: 5\nprobes: [nope]\nprediction: loss <= 1 at T\n");
        return m;
    }

    /** Writes every spec as {@code in/spec-NAME.yaml}. */
    static void fixtures(Path in) throws IOException {
        for (Map.Entry<String, String> e : SPECS.entrySet()) {
            Files.writeString(in.resolve("spec-" + e.getKey() + ".yaml"), e.getValue());
        }
        Files.writeString(in.resolve("valid.yaml"), "name: x\n" + OK_TRAIN + "steps: 5\nprediction: loss <= 1 at T\n");
    }

    /** The cases: every spec through check --spec and sweep, and the commands' own misuse. */
    static void cases(List<BadInputs.Case> cs) {
        for (String name : SPECS.keySet()) {
            List<String> check = List.of("check", "--spec", "@in/spec-" + name + ".yaml", "--quick", "--out", "@out/check");
            cs.add(new BadInputs.Case("spec: " + String.join(" ", check), "spec-file", check));
            List<String> sweep = List.of("sweep", "@in/spec-" + name + ".yaml", "--quick", "--out", "@out/sweep");
            cs.add(new BadInputs.Case("spec: " + String.join(" ", sweep), "spec-file", sweep));
        }
        for (List<String> args : List.of(
                List.of("check", "--spec", "@in/nope.yaml", "--quick", "--out", "@out/check"),
                List.of("check", "--spec", "@in", "--quick", "--out", "@out/check"),
                List.of("check", "min-norm.gd", "--spec", "@in/spec-no-name.yaml", "--quick", "--out", "@out/check"),
                List.of("check", "--spec", "@in/valid.yaml", "--resume", "--quick", "--out", "@out/check"),
                List.of("sweep", "@in/nope.yaml", "--out", "@out/sweep"),
                List.of("sweep", "--out", "@out/sweep"),
                List.of("sweep", "@in/spec-lr-text.yaml", "--seed", "abc", "--out", "@out/sweep"),
                List.of("list", "claims", "--spec", "nope"),
                List.of("list", "claims", "--spec", "sgd.noise-floor"),
                List.of("list", "optimizers", "--spec", "min-norm.gd"))) {
            cs.add(new BadInputs.Case("spec: " + String.join(" ", args), "spec", args));
        }
    }
}
