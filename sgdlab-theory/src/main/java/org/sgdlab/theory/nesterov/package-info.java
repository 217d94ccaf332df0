/**
 * The {@code nesterov.*} claims (002 §2.3): on κ-conditioned quadratics Nesterov's method needs O(√κ log 1/ε) steps
 * against GD's O(κ log 1/ε) ({@code nesterov.acceleration}), with the look-ahead form in place of the source's
 * misprinted implicit one ({@code LookAheadNesterov}).
 *
 * <p>Entry point: {@link org.sgdlab.theory.nesterov.NesterovClaims#all()}.
 */
package org.sgdlab.theory.nesterov;
