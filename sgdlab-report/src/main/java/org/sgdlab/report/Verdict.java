package org.sgdlab.report;

/** Outcome of checking one claim: the measurement agrees with the prediction, contradicts it, or cannot decide. */
public enum Verdict {
    /** The measurement agrees with the prediction under the claim's rule. */
    HOLDS,
    /** The measurement contradicts the prediction under the claim's rule. */
    FAILS,
    /** The run could not decide (e.g. not converged, numerically unreliable). */
    INCONCLUSIVE
}
