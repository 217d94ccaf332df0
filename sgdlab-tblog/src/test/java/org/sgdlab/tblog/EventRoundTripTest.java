package org.sgdlab.tblog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

/** Runs written by sgdlab-tblog and read back by its own reader ({@link EventReader}): every value, step and record. */
class EventRoundTripTest {
    @TempDir
    Path tmp;

    /** Every probe of {@code trace} is in {@code run} as a scalar: same steps, each value the float32 of the double. */
    static void assertScalars(Trace trace, EventReader.Run run, String prefix) {
        List<String> cols = trace.columns();
        for (int k = 1; k < cols.size(); k++) {
            List<EventReader.Scalar> points = run.scalars().get(prefix + cols.get(k));
            assertEquals(trace.size(), points.size(), cols.get(k));
            for (int i = 0; i < trace.size(); i++) {
                double[] row = trace.row(i);
                assertEquals((long) row[0], points.get(i).step(), cols.get(k) + " row " + i);
                assertEquals(Float.floatToIntBits((float) row[k]), Float.floatToIntBits(points.get(i).value()),
                        cols.get(k) + " row " + i + ": " + row[k] + " vs " + points.get(i).value());
            }
        }
    }

    @Test
    void aTrainingRunReadsBackWithEveryScalarImageTextAndSession() throws IOException {
        Path runDir = SampleRuns.write(tmp);
        assertEquals(1, EventReader.eventFiles(runDir).size());
        EventReader.Run run = EventReader.read(runDir);
        assertEquals(List.of("brain.Event:2"), run.fileVersions());
        assertEquals(List.of("loss", "norm", "grad_norm"), List.copyOf(run.scalars().keySet()));
        assertScalars(SampleRuns.trace(1.0), run, "");
        // images at the last step, the PNG bytes unchanged, sizes from the header, RGBA
        assertEquals(List.of("plots/loss", "plots/norm"), List.copyOf(run.images().keySet()));
        EventReader.Image loss = run.images().get("plots/loss").get(0);
        assertEquals(1L << 40, loss.step());
        assertEquals(5, loss.width());
        assertEquals(3, loss.height());
        assertEquals(4, loss.colorspace());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("report/loss.png")), loss.png());
        assertEquals(2, run.images().get("plots/norm").get(0).width());
        assertEquals(7, run.images().get("plots/norm").get(0).height());
        // the provenance as Markdown, '|' escaped
        String md = run.texts().get(RunLog.PROVENANCE_TAG).get(0).markdown();
        assertEquals(RunLog.provenanceMarkdown(SampleRuns.provenance(1)), md);
        assertTrue(md.contains("| optimizer | sgd \\| momentum |"), md);
        // the session: numbers as float64, booleans, strings; its own group; ended with success
        assertEquals(Map.of("learning_rate", 0.1, "optimizer", "sgd", "intercept", false, "steps", (double) (1L << 40)),
                run.hparams());
        assertEquals("", run.groupName());
        assertEquals(1, run.endStatus());
        assertNull(run.experiment());
    }

    @Test
    void aSweepHasItsExperimentAtTheRootAndOneSessionPerRun() throws IOException {
        SampleRuns.write(tmp);
        Path sweep = tmp.resolve("sweep");
        EventReader.Run root = EventReader.read(sweep);
        assertEquals("test sweep", root.experiment().name());
        assertEquals("two configurations", root.experiment().description());
        assertEquals(List.of("learning_rate", "optimizer", "intercept", "steps"), List.copyOf(root.experiment().hparams().keySet()));
        assertEquals(List.of(0.1, 0.01), root.experiment().hparams().get("learning_rate"));
        assertEquals(List.of("sgd", "adam"), root.experiment().hparams().get("optimizer"));
        assertEquals(List.of(false), root.experiment().hparams().get("intercept"));
        assertEquals(List.of("loss", "grad_norm"), root.experiment().metricTags());
        assertTrue(root.scalars().isEmpty());
        for (int k = 0; k < 2; k++) {
            EventReader.Run run = EventReader.read(sweep.resolve("run-" + k));
            assertEquals("group-" + k, run.groupName());
            assertEquals(k == 0 ? 0.1 : 0.01, run.hparams().get("learning_rate"));
            assertScalars(SampleRuns.trace(k + 2.0), run, "");
            assertEquals(1, run.endStatus());
        }
    }

    @Test
    void aTraceByTimeIsWrittenByRowWithItsTimeAsAScalar() throws IOException {
        Trace t = new Trace("sde", List.of("x"));
        t.add(new double[] {0.0, 1.0});
        t.add(new double[] {0.25, 2.0});
        t.add(new double[] {0.5, 3.0});
        try (EventWriter w = EventWriter.create(tmp)) {
            RunLog.writeTrace(w, t, "sde/");
        }
        EventReader.Run run = EventReader.read(tmp);
        assertEquals(List.of(new EventReader.Scalar(0, 0f), new EventReader.Scalar(1, 0.25f), new EventReader.Scalar(2, 0.5f)),
                run.scalars().get("sde/step"));
        assertEquals(List.of(new EventReader.Scalar(0, 1f), new EventReader.Scalar(1, 2f), new EventReader.Scalar(2, 3f)),
                run.scalars().get("sde/x"));
        assertEquals(2, RunLog.lastStep(t));
    }

    @Test
    void hyperparametersOfTwoKindsOrOfAnotherTypeAreRefused() {
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> HParams.infos(List.of(Map.of("lr", 0.1), Map.of("lr", "auto"))));
        assertTrue(mixed.getMessage().contains("lr"), mixed.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> HParams.infos(List.of(Map.of("shape", List.of(1, 2)))));
        assertTrue(other.getMessage().contains("shape"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunLog.requireRunName("../up"));
        assertThrows(IllegalArgumentException.class, () -> RunLog.requireRunName("a/b"));
    }

    @Test
    void theImageHeaderIsReadFromThePngAndOtherBytesAreRefused() throws IOException {
        assertEquals(new EventWriter.PngHeader(5, 3, 4), EventWriter.PngHeader.of(SampleRuns.png(5, 3, 0xff102030)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventWriter.PngHeader.of("GIF89a and more bytes than a header".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
    }
}
