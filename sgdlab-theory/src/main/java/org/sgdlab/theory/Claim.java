package org.sgdlab.theory;

import org.sgdlab.report.ClaimResult;

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
}
