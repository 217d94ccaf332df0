package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.train.ProgressListener;

/** Every claim on its full budget (minutes each): run with {@code ./mvnw -B verify -Pslow}. */
@Tag("slow")
class FullBudgetTest {
    @ParameterizedTest
    @MethodSource("org.sgdlab.theory.QuickCatalogTest#ids")
    void fullCheckDoesNotFail(String id) {
        ClaimResult r = ClaimCatalog.byId(id).check(new ClaimContext(Budget.FULL, 1, ProgressListener.NONE));
        assertFalse(r.verdict() == Verdict.FAILS, id + ": " + r.measurement());
    }
}
