/**
 * The claims of 002 ch. 13 (normalization and scale invariance), in one package: {@code scale-invariance.identities}
 * (Lemmas 13.2.2–13.2.3, Def. 13.1.2), {@code exp-lr.equivalence} (Thm 13.3.1, corrected), {@code scale-invariance.convergence}
 * (eq. 13.4, Thms 13.4.2 and 13.4.6) and {@code product-loss.explosion} (Problem 13.1.1, corrected). Derivations:
 * docs/normalization.md.
 *
 * <p>Entry point: {@link org.sgdlab.theory.scaleinv.ScaleInvClaims#all()}. The networks are sgdlab-nn's
 * {@link org.sgdlab.nn.model.Mlp} with layer or batch norm and a frozen head ({@code FrozenHeadNet}); the scale-invariant
 * loss with a known ρ is the Rayleigh quotient ({@code RayleighQuotient}), written over core's
 * {@link org.sgdlab.precision.Arithmetic} so the exponential-step equivalence can be re-run in double-double and 60-digit
 * decimals where float64 is chaotic.
 */
package org.sgdlab.theory.scaleinv;
