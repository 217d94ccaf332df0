package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTableTest {

    @Test
    void containsEveryIdSourceStatementsAndSummary() {
        List<ClaimResult> claims = Fixtures.claims();
        String table = VerdictTable.render(claims, 100);
        for (ClaimResult c : claims) {
            assertTrue(table.contains(c.id()), c.id());
        }
        assertTrue(table.contains("[held] gd-min-norm: GD finds the min-norm solution"));
        assertTrue(table.contains("[refuted] sgd-noise"));
        assertTrue(table.contains("[undecided] edge-of-stability"));
        assertTrue(table.contains("INCONCLUSIVE"));
        // numerical findings: their own section, tagged with the arithmetic and status, after the source statements
        assertTrue(table.contains("Numerical findings"), table);
        assertTrue(table.contains("[float64: departs] no-statement: |‖w‖ − 1| ≤ 1e-14 at every step — max drift 4.7e-13"), table);
        assertTrue(table.contains("[float64: holds] no-statement: the normalizing retraction"), table);
        assertTrue(table.indexOf("Numerical findings") > table.indexOf("Source statements"), table);
        assertTrue(table.strip().endsWith("4 claims: 2 HOLDS, 1 FAILS, 1 INCONCLUSIVE"), table);
    }

    @Test
    void wrapsLongTextToTheWidth() {
        String longText = "the distance to the minimum-norm interpolant decays geometrically with rate "
                + "1 - eta * lambda_min and reaches machine precision after about two thousand steps "
                + "averagedoverfiftyseedswithoutanybreakopportunitywhatsoeverinthisverylongtoken";
        List<ClaimResult> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(new ClaimResult("claim-" + i, "t", "s", i == 3 ? Verdict.FAILS : Verdict.HOLDS, longText,
                    "measured\nwith newline\tand tab", "r", null, null, null, null, null, Duration.ZERO));
        }
        String table = VerdictTable.render(claims, 80);
        for (String line : table.split("\n")) {
            assertTrue(line.length() <= 80, line);
        }
        assertTrue(table.contains("machine"));
        assertTrue(table.contains("8 claims: 7 HOLDS, 1 FAILS, 0 INCONCLUSIVE"));
    }

    @Test
    void findingsDoNotChangeTheVerdictCounts() {
        // a finding that departs sits beside a HOLDS verdict: the summary counts verdicts only
        String table = VerdictTable.render(List.of(Fixtures.claims().get(3)), 100);
        assertTrue(table.strip().endsWith("1 claim: 1 HOLDS, 0 FAILS, 0 INCONCLUSIVE"), table);
        assertFalse(VerdictTable.render(List.of(Fixtures.claims().get(0)), 100).contains("Numerical findings"));
    }

    @Test
    void summaryForOneAndNone() {
        assertEquals("0 claims: 0 HOLDS, 0 FAILS, 0 INCONCLUSIVE", VerdictTable.summary(List.of()));
        assertTrue(VerdictTable.render(List.of(), 20).contains("0 claims"));
    }
}
