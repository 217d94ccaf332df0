/**
 * The {@code sgd.*} claims: convergence of SGD on finite sums (source 003). Every check computes the exact constants
 * of its finite sum with {@link org.sgdlab.finitesum.FiniteSum}, runs many seeded SGD runs with
 * {@link org.sgdlab.finitesum.MonteCarlo}, and compares Monte-Carlo estimates of the expectations in the theorems,
 * with confidence intervals, against the bounds evaluated with those constants.
 *
 * <p>Entry point: {@link org.sgdlab.theory.sgd.SgdClaims#all()}. Shared: {@code SgdProblem} (the finite sums and
 * starts), {@code SgdMonteCarlo} (seeded runs tracking a quantity at every step), {@code EtaSweep} (the η-sweep of
 * sgd.noise-floor and sgd.strongly-convex) and {@code BoundVerdict} (the rules for bounds and exponents).
 */
package org.sgdlab.theory.sgd;
