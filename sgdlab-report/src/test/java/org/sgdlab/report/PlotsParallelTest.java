package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

/** {@link Plots#renderPngs}: the same bytes as one chart after the other, whatever the threads; failures in order. */
class PlotsParallelTest {
    @TempDir
    Path dir;

    private static List<Plots.PngJob> jobs(Path folder) {
        List<Plots.PngJob> jobs = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            Trace t = Fixtures.curve("c" + k, 20 + 40 * k);
            PlotSpec.Builder b = k % 2 == 0 ? PlotSpec.logLog("p" + k + ".png") : PlotSpec.semiLogX("p" + k + ".png");
            jobs.add(new Plots.PngJob(b.title("chart " + k).trace(t.name()).x("step", "step t")
                    .y(k % 3 == 0 ? List.of("loss", "angle") : List.of("loss"), "y").build(), t, folder.resolve("p" + k + ".png")));
        }
        return jobs;
    }

    @Test
    void parallelRenderingWritesTheBytesOfSequentialRendering() throws IOException {
        Path one = Files.createDirectory(dir.resolve("one"));
        Path four = Files.createDirectory(dir.resolve("four"));
        Path started = Files.createDirectory(dir.resolve("started"));
        Plots.renderPngs(jobs(one), 1);
        Plots.renderPngs(jobs(four), 4);
        Plots.Rendering r = Plots.startRendering(jobs(started), 2);
        Files.writeString(started.resolve("meanwhile.txt"), "the caller writes its own files while the charts render");
        r.finish();
        for (int k = 0; k < 8; k++) {
            byte[] a = Files.readAllBytes(one.resolve("p" + k + ".png"));
            assertTrue(a.length > 1000);
            assertArrayEquals(a, Files.readAllBytes(four.resolve("p" + k + ".png")), "p" + k);
            assertArrayEquals(a, Files.readAllBytes(started.resolve("p" + k + ".png")), "p" + k + ", started early");
        }
    }

    @Test
    void cancelStartsNoFurtherChartAndReturnsOnlyWhenTheHelpersHaveStopped() throws IOException {
        Plots.Rendering r = Plots.startRendering(jobs(dir), 2);
        r.cancel();
        assertFalse(r.helpersAlive(), "a helper still rendering could write into a folder the caller deletes next");
        Plots.Rendering none = Plots.startRendering(jobs(dir), 0);
        assertFalse(none.helpersAlive());
        none.cancel(); // no helper: nothing to wait for, nothing rendered
        assertThrows(IllegalArgumentException.class, () -> Plots.startRendering(jobs(dir), -1));
    }

    @Test
    void theFirstFailureInTheJobsOrderIsRethrown() {
        List<Plots.PngJob> jobs = new ArrayList<>(jobs(dir));
        Trace t = Fixtures.curve("bad", 5);
        jobs.add(2, new Plots.PngJob(PlotSpec.linear("x.png").trace("bad").x("step", "s").y(List.of("nope"), "y").build(),
                t, dir.resolve("x.png")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.renderPngs(jobs, 3));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.renderPngs(jobs, 0));
    }
}
