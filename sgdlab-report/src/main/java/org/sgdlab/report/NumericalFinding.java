package org.sgdlab.report;

import java.util.Objects;

/**
 * What finite-precision arithmetic did to a statement that holds in exact arithmetic: a result of its own, reported beside
 * a claim's verdict and never as the verdict (the verdict is about the theory; see the project's design notes, "What a
 * verdict means"). Example: source 004's retraction w ← (w − ηφ)/√(1 + η²) keeps ‖w‖₂ = 1 exactly in real arithmetic,
 * while in float64 the rounding of √(1 + η²) repeats every step and ‖w‖₂ drifts to ~1e-12.
 *
 * @param arithmetic  the arithmetic the finding is about, e.g. {@code "float64"}; not blank
 * @param statement   the property checked in that arithmetic, e.g. "|‖w_t‖₂ − 1| ≤ 1e-14 at every step"; not blank
 * @param held        {@code TRUE} if the arithmetic kept the property, {@code FALSE} if it departed from it, {@code null}
 *                    if the run could not decide
 * @param measurement what the run measured (may be null)
 * @param explanation why the arithmetic behaves so (may be null)
 */
public record NumericalFinding(String arithmetic, String statement, Boolean held, String measurement, String explanation) {

    /**
     * @throws IllegalArgumentException if {@code arithmetic} or {@code statement} is null or blank
     */
    public NumericalFinding {
        if (arithmetic == null || arithmetic.isBlank()) {
            throw new IllegalArgumentException("arithmetic must be named (e.g. \"float64\"), got " + Objects.toString(arithmetic));
        }
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("statement must not be blank, got " + Objects.toString(statement));
        }
    }

    /** "holds", "departs" or "undecided", as shown in tables and the HTML report. */
    public String status() {
        return held == null ? "undecided" : held ? "holds" : "departs";
    }

    /** The table tag, e.g. {@code "float64: departs"}. */
    public String tag() {
        return arithmetic + ": " + status();
    }
}
