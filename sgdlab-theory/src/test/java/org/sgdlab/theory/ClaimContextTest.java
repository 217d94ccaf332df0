package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClaimContext.part: the k-th of total equal parts of the progress, nesting, and its argument checks. */
class ClaimContextTest {
    @Test
    void partMapsItsProgressIntoItsShareOfTheWhole() {
        List<long[]> seen = new ArrayList<>();
        ClaimContext c = new ClaimContext(Budget.FULL, 7, (done, total) -> seen.add(new long[] {done, total}));
        ClaimContext third = c.part(2, 4);
        assertEquals(Budget.FULL, third.budget());
        assertEquals(7, third.seed());
        third.progress().onProgress(50, 200);
        assertEquals(List.of(2 * 200 + 50L, 4 * 200L), List.of(seen.get(0)[0], seen.get(0)[1]));
        // parts nest: part 1 of 2 inside part 2 of 4 is the range [5/8, 6/8) of the whole
        c.part(2, 4).part(1, 2).progress().onProgress(0, 10);
        assertEquals(5.0 / 8, (double) seen.get(1)[0] / seen.get(1)[1], 1e-15);
        c.part(2, 4).part(1, 2).progress().onProgress(10, 10);
        assertEquals(6.0 / 8, (double) seen.get(2)[0] / seen.get(2)[1], 1e-15);
    }

    @Test
    void badPartsAreRejectedWithTheValue() {
        ClaimContext c = ClaimContext.quick(1);
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> c.part(4, 4));
        assertTrue(k.getMessage().contains("4"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.part(-1, 4));
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class, () -> c.part(0, 0));
        assertTrue(total.getMessage().contains("total") && total.getMessage().contains("0"), total.getMessage());
    }
}
