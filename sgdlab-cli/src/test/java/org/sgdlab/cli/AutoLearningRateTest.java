package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sgdlab.data.DataFiles;
import org.sgdlab.data.Dataset;
import org.sgdlab.objective.Smoothness;

/**
 * {@code train --lr auto}: the step size the command reports is, bit for bit, the one the CLI computed before the
 * formula moved into {@link Smoothness#autoLearningRate} (the reference below is that code, kept here), with σ_max(X̃)²
 * now from the Gram matrix ({@link Smoothness#sigmaMaxSquaredByGram}; checked against an SVD in sgdlab-core's
 * SmoothnessTest) instead of power iteration.
 */
class AutoLearningRateTest {
    @TempDir
    Path dir;

    /** The CLI's formula as it was: η = 1/(c·L̃), c by loss, L̃ by batch kind and reduction. */
    private static double formerCliRate(Dataset d, String loss, String reduction, boolean intercept, boolean fullBatch) {
        double c = switch (loss) {
            case "squared", "exponential" -> 1.0;
            case "logistic" -> 0.25;
            case "squared-hinge" -> 2.0;
            default -> throw new IllegalArgumentException(loss);
        };
        int n = d.n();
        double big = fullBatch
                ? Smoothness.sigmaMaxSquaredByGram(d, intercept, rows -> { }) * (reduction.equals("mean") ? 1.0 / n : 1.0)
                : Smoothness.maxRowNormSquared(d, intercept) * (reduction.equals("sum") ? n : 1.0);
        return 1.0 / (c * big);
    }

    @Test
    void theReportedStepSizeIsTheFormerFormulasBitForBit() throws IOException {
        Path regression = dir.resolve("r.csv");
        Path separable = dir.resolve("s.csv");
        CliTest.Result gr = CliTest.run("generate", "regression", "--n", "6", "--d", "9", "--data-seed", "3", "--out",
                regression.toString());
        assertEquals(0, gr.code(), gr.err());
        CliTest.Result gs = CliTest.run("generate", "separable", "--n", "12", "--d", "3", "--data-seed", "4", "--out",
                separable.toString());
        assertEquals(0, gs.code(), gs.err());
        int k = 0;
        for (String loss : new String[] {"squared", "logistic", "exponential", "squared-hinge"}) {
            Path file = loss.equals("squared") ? regression : separable;
            Dataset data = DataFiles.read(file, null);
            for (String reduction : new String[] {"sum", "mean"}) {
                for (boolean intercept : new boolean[] {false, true}) {
                    for (boolean fullBatch : new boolean[] {true, false}) {
                        Path out = dir.resolve("t" + k++);
                        List<String> args = new ArrayList<>(List.of("train", "--data", file.toString(), "--loss", loss,
                                "--reduction", reduction, "--optimizer", "sgd", "--sampler", fullBatch ? "full" : "shuffled",
                                "--lr", "auto", "--steps", "2", "--probes", "loss", "--out", out.toString()));
                        if (!fullBatch) {
                            args.addAll(List.of("--batch", "3")); // --batch with the full sampler is a usage error
                        }
                        if (intercept) {
                            args.add("--intercept");
                        }
                        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
                        String what = loss + " " + reduction + (intercept ? " intercept" : "") + (fullBatch ? " full" : " batch 3");
                        assertEquals(0, r.code(), what + ": " + r.err());
                        Matcher m = Pattern.compile("\"learning_rate\"\\s*:\\s*([-0-9.eE]+)")
                                .matcher(Files.readString(out.resolve("result.json")));
                        assertTrue(m.find(), what);
                        assertEquals(formerCliRate(data, loss, reduction, intercept, fullBatch), Double.parseDouble(m.group(1)),
                                0.0, what);
                    }
                }
            }
        }
    }

    @Test
    void theHingeLossHasNoAutomaticStepSize() {
        CliTest.Result r = CliTest.run("train", "--generate", "separable", "--loss", "hinge", "--lr", "auto", "--out",
                dir.resolve("h").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr auto needs a smooth loss; the hinge loss is not smooth: give --lr"), r.err());
    }
}
