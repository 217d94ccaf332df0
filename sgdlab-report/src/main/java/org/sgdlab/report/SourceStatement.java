package org.sgdlab.report;

/**
 * A statement the source document makes, and whether the run confirmed it.
 *
 * @param statement   the statement, quoted or paraphrased from the source document
 * @param held        {@code TRUE} if the run confirmed it, {@code FALSE} if it refuted it, {@code null} if not decidable
 * @param explanation why the run supports that conclusion (may be null)
 */
public record SourceStatement(String statement, Boolean held, String explanation) {

    /** "held", "refuted" or "undecided", as shown in tables and the HTML report. */
    public String status() {
        return held == null ? "undecided" : held ? "held" : "refuted";
    }
}
