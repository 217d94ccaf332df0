/**
 * Section D of the catalog: convergence of SGD on finite sums (seed 003). Every check computes the
 * exact constants of its finite sum with {@link org.sgdlab.finitesum.FiniteSum}, runs many seeded
 * SGD runs with {@link org.sgdlab.finitesum.MonteCarlo}, and compares Monte-Carlo estimates of the
 * expectations in the theorems, with confidence intervals, against the bounds evaluated with those
 * constants. {@link org.sgdlab.theory.sgd.SgdClaims#all()} lists the claims.
 */
package org.sgdlab.theory.sgd;
