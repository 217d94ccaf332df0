package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

class PlotsTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private void assertPng(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8));
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
    }

    private Path render(Trace t, boolean logX, boolean logY, String... ys) throws IOException {
        Path f = dir.resolve("p" + System.nanoTime() + ".png");
        String name = f.getFileName().toString();
        PlotSpec.Builder scales = logX ? (logY ? PlotSpec.logLog(name) : PlotSpec.semiLogX(name))
                : (logY ? PlotSpec.semiLogY(name) : PlotSpec.linear(name));
        Plots.renderPng(scales.title("title").trace(t.name()).x("step", "x").y(List.of(ys), "y").build(), t, f);
        assertPng(f);
        return f;
    }

    private static Trace trace(double[]... rows) {
        Trace t = new Trace("t", List.of("a", "b"));
        for (double[] r : rows) {
            t.add(r);
        }
        return t;
    }

    @Test
    void linearAndLogAxes() throws IOException {
        Trace t = Fixtures.curve("c", 300);
        render(t, false, false, "loss", "angle");
        render(t, false, true, "loss");
        render(t, true, true, "loss", "angle"); // step 0 dropped on log x
    }

    @Test
    void allZerosOnLogAxis() throws IOException {
        render(trace(new double[] {0, 0, 0}, new double[] {1, 0, 0}, new double[] {2, 0, 0}), false, true, "a", "b");
        render(trace(new double[] {0, 0, 0}, new double[] {1, -1, 0}), true, true, "a");
    }

    @Test
    void singlePointAndConstants() throws IOException {
        render(trace(new double[] {5, 2, 2}), false, false, "a");
        render(trace(new double[] {5, 2, 2}), true, true, "a", "b");
        render(trace(new double[] {1, 3, 3}, new double[] {2, 3, 3}), false, true, "a");
    }

    @Test
    void nansAndInfinities() throws IOException {
        double nan = Double.NaN;
        render(trace(new double[] {0, nan, nan}, new double[] {1, nan, nan}), false, false, "a", "b");
        render(trace(new double[] {0, nan, 1}, new double[] {1, 2, Double.POSITIVE_INFINITY},
                new double[] {2, 3, 4}), false, true, "a", "b");
    }

    @Test
    void emptyTraceAndNoColumns() throws IOException {
        render(trace(), false, false, "a");
        render(trace(), true, true, "a");
        render(trace(new double[] {0, 1, 1}), false, false);
    }

    @Test
    void missingColumnIsAnError() {
        Trace t = trace(new double[] {0, 1, 1});
        Path f = dir.resolve("x.png");
        assertThrows(IllegalArgumentException.class, () -> Plots.renderPng(
                PlotSpec.linear("x.png").title("t").trace("t").x("step").y(List.of("nope")).build(), t, f));
        assertThrows(IllegalArgumentException.class, () -> Plots.renderPng(
                PlotSpec.linear("x.png").title("t").trace("t").x("epoch").y(List.of("a")).build(), t, f));
        assertFalse(Files.exists(f));
    }

    @Test
    void warmUpStartsOncePerJvm() throws InterruptedException {
        Thread first = Plots.startWarmUp();
        org.junit.jupiter.api.Assertions.assertSame(first, Plots.startWarmUp());
        first.join();
        org.junit.jupiter.api.Assertions.assertSame(first, Plots.startWarmUp(), "a finished warm-up is not started again");
    }
}
