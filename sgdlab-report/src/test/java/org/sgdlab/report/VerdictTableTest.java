package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void summaryForOneAndNone() {
        assertEquals("0 claims: 0 HOLDS, 0 FAILS, 0 INCONCLUSIVE", VerdictTable.summary(List.of()));
        assertTrue(VerdictTable.render(List.of(), 20).contains("0 claims"));
    }
}
