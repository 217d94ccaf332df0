package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericalFindingTest {
    @Test
    void statusAndTag() {
        assertEquals("departs", new NumericalFinding("float64", "s", false, null, null).status());
        assertEquals("holds", new NumericalFinding("float64", "s", true, null, null).status());
        assertEquals("undecided", new NumericalFinding("float64", "s", null, null, null).status());
        assertEquals("float64: departs", new NumericalFinding("float64", "s", false, null, null).tag());
    }

    @Test
    void arithmeticAndStatementAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NumericalFinding(" ", "s", true, null, null));
        assertTrue(e.getMessage().contains("arithmetic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NumericalFinding("float64", null, true, null, null));
        assertTrue(e.getMessage().contains("statement"), e.getMessage());
    }

    @Test
    void claimResultCopiesFindingsAndKeepsTheShortConstructor() {
        List<NumericalFinding> findings = new ArrayList<>(List.of(new NumericalFinding("float64", "s", false, "m", null)));
        ClaimResult r = new ClaimResult("x", null, null, Verdict.HOLDS, null, null, null, null, findings, null, null, null, null,
                Duration.ZERO);
        findings.clear();
        assertEquals(1, r.numericalFindings().size());
        assertThrows(UnsupportedOperationException.class, () -> r.numericalFindings().clear());
        ClaimResult bare = new ClaimResult("y", null, null, Verdict.HOLDS, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of(), bare.numericalFindings());
        assertTrue(Json.write(r).contains("\"numericalFindings\":[{\"arithmetic\":\"float64\",\"statement\":\"s\",\"held\":false,"
                + "\"status\":\"departs\",\"measurement\":\"m\",\"explanation\":null}]"), Json.write(r));
    }
}
