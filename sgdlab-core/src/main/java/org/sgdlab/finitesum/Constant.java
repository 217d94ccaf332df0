package org.sgdlab.finitesum;

/**
 * A constant of a finite sum and how it was obtained.
 *
 * @param name   e.g. {@code L}, {@code gamma}
 * @param value  the value
 * @param exact  true if it is the exact value (up to rounding of a converged eigen solver);
 *               false if it is a certified upper bound (for L, M) or a certified lower bound (for γ)
 * @param method one sentence: how it was computed (shown in reports)
 */
public record Constant(String name, double value, boolean exact, String method) {
}
