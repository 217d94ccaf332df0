package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PlotSpec builder: each factory's scales, the parts it sets, and what build() rejects. */
class PlotSpecTest {
    @Test
    void builderSetsEveryComponentLikeTheConstructor() {
        PlotSpec built = PlotSpec.logLog("angle.png").title("angle to the SVM").trace("gd").x("step", "step t")
                .y(List.of("angle", "loss"), "angle (rad)").build();
        assertEquals(new PlotSpec("angle.png", "angle to the SVM", "gd", "step", List.of("angle", "loss"), true, true, "step t",
                "angle (rad)"), built);
    }

    @Test
    void factoriesFixTheScales() {
        assertEquals(List.of(true, true), scales(PlotSpec.logLog("a.png")));
        assertEquals(List.of(true, false), scales(PlotSpec.semiLogX("a.png")));
        assertEquals(List.of(false, true), scales(PlotSpec.semiLogY("a.png")));
        assertEquals(List.of(false, false), scales(PlotSpec.linear("a.png")));
    }

    private static List<Boolean> scales(PlotSpec.Builder b) {
        PlotSpec p = b.trace("t").x("step").y("loss", "loss").build();
        return List.of(p.logX(), p.logY());
    }

    @Test
    void optionalPartsStayNull() {
        PlotSpec p = PlotSpec.linear("a.png").trace("t").x("step").y(List.of("loss")).build();
        assertNull(p.title());
        assertNull(p.xLabel());
        assertNull(p.yLabel());
        assertEquals(List.of("loss"), p.yColumns());
    }

    @Test
    void singleColumnAndLaterCallsReplace() {
        PlotSpec p = PlotSpec.linear("a.png").trace("t").trace("u").x("step").x("eta", "η").y("a", "first").y("b", "second")
                .build();
        assertEquals("u", p.traceName());
        assertEquals("eta", p.xColumn());
        assertEquals("η", p.xLabel());
        assertEquals(List.of("b"), p.yColumns());
        assertEquals("second", p.yLabel());
    }

    @Test
    void yColumnsAreCopied() {
        List<String> cols = new ArrayList<>(List.of("a"));
        PlotSpec.Builder b = PlotSpec.linear("a.png").trace("t").x("step").y(cols);
        cols.add("b");
        assertEquals(List.of("a"), b.build().yColumns());
    }

    @Test
    void missingPartsAreNamedWithTheFile() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlotSpec.logLog("gap.png").title("t").build());
        assertTrue(e.getMessage().contains("gap.png") && e.getMessage().contains("missing: trace, x, y"), e.getMessage());
        IllegalStateException y = assertThrows(IllegalStateException.class,
                () -> PlotSpec.logLog("gap.png").trace("t").x("step").build());
        assertTrue(y.getMessage().endsWith("missing: y"), y.getMessage());
        assertThrows(NullPointerException.class, () -> PlotSpec.logLog(null));
        assertThrows(NullPointerException.class, () -> PlotSpec.logLog("a.png").trace(null));
    }
}
