/**
 * The {@code gd.*} claims (002 ch. 2): the descent lemma and the edge of stability at η = 2/λ_max
 * ({@code gd.descent-lemma}), and GD's and SGD's rates on smooth nonconvex functions ({@code gd.nonconvex-rate}).
 *
 * <p>Entry point: {@link org.sgdlab.theory.gd.GdClaims#all()}. Runs use {@link org.sgdlab.theory.StepLoop}, which
 * exposes every iterate.
 */
package org.sgdlab.theory.gd;
