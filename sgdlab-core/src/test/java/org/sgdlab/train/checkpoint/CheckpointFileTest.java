package org.sgdlab.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.catalog.OptimizerCatalog;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Schedules;
import org.sgdlab.optim.Transform;
import org.sgdlab.random.RandomStream;

/** The checkpoint file format: exact round trip, atomic replacement, and a clear error for every kind of bad file. */
class CheckpointFileTest {
    static FieldMap sample() {
        return new FieldMap().set("meta/name", "ü-run").set("step", 7L).set("lr", -0.0).set("nan", Double.longBitsToDouble(0x7ff8dead0000beefL))
                .set("flag", true).set("w", new double[] {1.5, Double.MIN_VALUE, -3e300}).set("perm", new int[] {2, 0, 1})
                .set("words", new long[] {Long.MIN_VALUE, 3});
    }

    @Test
    void roundTripKeepsEveryFieldBitForBit(@TempDir Path dir) throws Exception {
        FieldMap m = sample();
        CheckpointFile.write(dir, m);
        FieldMap back = CheckpointFile.read(dir);
        assertEquals(m, back);
        assertEquals(m.values().keySet().stream().toList(), back.values().keySet().stream().toList(), "order kept");
        assertEquals(0x7ff8dead0000beefL, Double.doubleToRawLongBits((Double) back.values().get("nan")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.values().get("lr")));
    }

    @Test
    void aNewCheckpointReplacesTheOldAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        CheckpointFile.write(dir, sample());
        Files.writeString(dir.resolve(".checkpoint.sgdck.tmp-123"), "torn write of a killed writer");
        CheckpointFile.write(dir, new FieldMap().set("step", 9L));
        assertEquals(9L, CheckpointFile.read(dir).longValue("step", "t"));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(CheckpointFile.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void badFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        CheckpointException none = assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir));
        assertTrue(none.getMessage().contains("no checkpoint in"), none.getMessage());

        byte[] good = CheckpointFile.encode(sample());
        Path f = CheckpointFile.file(dir);
        Files.write(f, "hello, world, not a checkpoint".getBytes());
        assertMessage(dir, "is not an sgdlab checkpoint");

        byte[] v2 = good.clone();
        ByteBuffer.wrap(v2).putInt(8, 2);
        Files.write(f, v2);
        assertMessage(dir, "format version 2; this sgdlab reads version 1");

        byte[] flipped = good.clone();
        flipped[40] ^= 1;
        Files.write(f, flipped);
        assertMessage(dir, "corrupted (checksum mismatch)");

        Files.write(f, java.util.Arrays.copyOf(good, good.length - 20));
        assertMessage(dir, "corrupted");
    }

    private static void assertMessage(Path dir, String part) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void restoringIntoAnotherOptimizerOrShapeNamesTheMismatch() {
        Transform adam = OptimizerCatalog.create("adam", Schedules.constant(0.1), Map.of(), 3);
        State s = adam.init(new double[3]);
        adam.updateInPlace(new double[] {1, 2, 3}, s, new double[3]);
        FieldMap m = new FieldMap().put("optimizer", s);

        Transform sgd = OptimizerCatalog.create("momentum", Schedules.constant(0.1), Map.of(), 3);
        CheckpointException other = assertThrows(CheckpointException.class,
                () -> m.restore("optimizer", sgd.init(new double[3]), "the optimizer state of momentum"));
        assertTrue(other.getMessage().contains("optimizer/0/") && other.getMessage().contains("momentum"), other.getMessage());

        CheckpointException shape = assertThrows(CheckpointException.class,
                () -> m.restore("optimizer", adam.init(new double[4]), "the optimizer state of adam"));
        assertTrue(shape.getMessage().contains("optimizer/0/m has length 3 in the checkpoint but 4"), shape.getMessage());

        State fresh = adam.init(new double[3]);
        m.restore("optimizer", fresh, "the optimizer state of adam");
        assertEquals(m, new FieldMap().put("optimizer", fresh));
    }

    @Test
    void randomStreamContinuesIdenticallyAfterRestore() {
        RandomStream a = new RandomStream(3);
        a.nextGaussian(); // leaves a spare Gaussian in the state
        FieldMap m = new FieldMap().put("rng", a);
        RandomStream b = new RandomStream(99);
        m.restore("rng", b, "the stream");
        long[] xs = new long[5];
        long[] ys = new long[5];
        assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
        for (int i = 0; i < 5; i++) {
            xs[i] = a.nextLong();
            ys[i] = b.nextLong();
        }
        assertArrayEquals(xs, ys);
        assertFalse(m.namesUnder("rng").isEmpty());
    }
}
