package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.train.ProgressListener;

/**
 * Every claim on its full budget (minutes in all), against the verdict the claim declares for that budget
 * ({@link Claim#expectedVerdict}): a theorem that stops holding fails here, and so does a claim that is known to FAIL
 * (its statement refuted by its own tests) and suddenly does not. Run with {@code ./mvnw -B verify -Pslow}; {@code .ci/run}
 * runs it after the default tests. The claims run on all processors at once (they are independent and deterministic
 * by seed; see junit-platform.properties).
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class FullBudgetTest {
    @ParameterizedTest
    @MethodSource("org.sgdlab.theory.QuickCatalogTest#ids")
    void fullCheckReachesTheDeclaredVerdict(String id) {
        Claim claim = ClaimCatalog.byId(id);
        ClaimResult r = claim.check(new ClaimContext(Budget.FULL, 1, ProgressListener.NONE));
        assertEquals(claim.expectedVerdict(Budget.FULL), r.verdict(), id + ": " + r.measurement());
        assertEquals(java.util.List.of(), LabelledSteps.unprobed(r), id + ": numbers labelled with a step that was not probed");
    }
}
