/**
 * The {@code steepest.*} claims (source 004; 002 §8.1–8.3): the ℓp steepest direction and its limits (SGD, SignSGD),
 * steepest descent on the ℓ2 and ℓp spheres, 002 Fig. 8.1 (the η-dependent limit of ℓ4/3 steepest descent), and the
 * own-norm max-margin limits of ℓ1, ℓ2, ℓ∞ steepest descent.
 *
 * <p>Entry point: {@link org.sgdlab.theory.steepest.SteepestClaims#all()}. Shared: {@code DirectionSearch} (the
 * independent search a steepest direction is checked against).
 */
package org.sgdlab.theory.steepest;
