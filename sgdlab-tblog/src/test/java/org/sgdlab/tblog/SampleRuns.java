package org.sgdlab.tblog;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.PlotSpec;
import org.sgdlab.report.Provenance;

/** The runs both readers check: a training run and a two-configuration sweep, written by sgdlab-tblog into a folder. */
final class SampleRuns {
    private SampleRuns() {
    }

    /** A trace with awkward values: zeros (a proto3 default), NaN, ±∞, subnormal and large magnitudes, a 2⁴⁰ step. */
    static Trace trace(double scale) {
        Trace t = new Trace("trace", List.of("loss", "norm", "grad_norm"));
        long[] steps = {0, 1, 2, 5, 10, 100, 1000, 1L << 40};
        for (int i = 0; i < steps.length; i++) {
            double loss = scale * Math.exp(-0.3 * i) + (i == 3 ? 1e-40 : 0);
            double norm = i == 0 ? 0.0 : i == 4 ? Double.NaN : i == 5 ? Double.POSITIVE_INFINITY : scale * Math.log1p(i) * 1e30;
            double grad = i == 6 ? Double.NEGATIVE_INFINITY : -0.5 * scale / (i + 1) + Math.PI;
            t.add(new double[] {steps[i], loss, norm, grad});
        }
        return t;
    }

    static final List<PlotSpec> PLOTS = List.of(
            PlotSpec.logLog("loss.png").title("loss").trace("trace").x("step", "step").y("loss", "loss").build(),
            PlotSpec.semiLogX("norm.png").title("norm").trace("trace").x("step", "step").y("norm", "norm").build());

    /** The plots' PNG files, written into {@code reportDir} (two small images of different sizes). */
    static void writePngs(Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        Files.write(reportDir.resolve("loss.png"), png(5, 3, 0x80ff0000));
        Files.write(reportDir.resolve("norm.png"), png(2, 7, 0xff00ff00));
    }

    static byte[] png(int width, int height, int argb) throws IOException {
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.setRGB(x, y, argb ^ (x * 31 + y * 7));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(im, "png", out);
        return out.toByteArray();
    }

    static Provenance provenance(long seed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("optimizer", "sgd | momentum");
        params.put("loss", "logistic");
        return new Provenance("0.1.0-test", "abc123", "test JVM", "test OS", seed, params,
                Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMillis(1234));
    }

    static Map<String, Object> hparams(double lr, String optimizer) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("learning_rate", lr);
        h.put("optimizer", optimizer);
        h.put("intercept", Boolean.FALSE);
        h.put("steps", 1L << 40);
        return h;
    }

    /** A training run in {@code dir/train} and a sweep of two runs in {@code dir/sweep}; returns the train run's folder. */
    static Path write(Path dir) throws IOException {
        Path report = dir.resolve("report");
        writePngs(report);
        Path train = dir.resolve("train");
        RunLog.writeRun(train, hparams(0.1, "sgd"), "", List.of(trace(1.0)), report, PLOTS, provenance(1));
        List<Map<String, Object>> configs = List.of(hparams(0.1, "sgd"), hparams(0.01, "adam"));
        SweepLog sweep = SweepLog.create(dir.resolve("sweep"), "test sweep", "two configurations", configs,
                List.of("loss", "grad_norm"));
        for (int k = 0; k < configs.size(); k++) {
            sweep.writeRun("run-" + k, "group-" + k, configs.get(k), List.of(trace(k + 2.0)), report, PLOTS, provenance(k));
        }
        return train;
    }
}
