package org.sgdlab.theory;

import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;

/**
 * An executable statement from a source document (see docs/sources.md): it builds a setup, runs it, measures, compares the
 * measurement with the theory's prediction (an oracle's solution, a bound, a rate) and computes a
 * verdict. A claim only uses the public API of the library, like a user would.
 */
public interface Claim {
    /** The catalog id, e.g. {@code min-norm.gd}. */
    String id();

    /** One line: what the theory says. */
    String title();

    /** Where the statement comes from, e.g. {@code source 000; 002 §3.1, Prop 8.1.1}. */
    String source();

    /** Runs the check. */
    ClaimResult check(ClaimContext context);

    /**
     * The verdict this claim is expected to reach on {@code budget} with the default seed (1): what the claim knows about
     * its own setup, not a hope. A theorem checked on a setup where it applies HOLDS (the default); a claim whose verdict
     * judges a statement its own tests show to be false, or whose budget cannot decide, overrides this and says why in
     * its Javadoc. The test suites compare every run with it (QuickCatalogTest on the quick budget, FullBudgetTest on the
     * full one), so a claim that starts to FAIL, or stops failing, is a test failure either way.
     */
    default Verdict expectedVerdict(Budget budget) {
        return Verdict.HOLDS;
    }
}
