package org.sgdlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceAtTest {
    @Test
    void atReadsExactlyTheLabelledStepAndRefusesTheNearestProbe() {
        Trace t = new Trace("run", List.of("angle"));
        for (long s : ProbeSchedule.logSpaced(10_000, 10).steps()) {
            t.add(new double[] {s, 1.0 / (1 + s)});
        }
        assertEquals(1.0 / 3982, t.at("angle", 3981));
        assertTrue(t.probed(3981));
        assertFalse(t.probed(5000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.at("angle", 5000));
        assertTrue(e.getMessage().contains("5000") && e.getMessage().contains("3981") && e.getMessage().contains("5012"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.at("nope", 3981));
    }
}
