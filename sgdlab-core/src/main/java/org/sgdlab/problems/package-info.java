/**
 * Test problems with known constants, for checking convergence theorems: every problem states its
 * minimum value f*, a minimizer, and a smoothness constant L that is a certified bound on the
 * Hessian's operator norm (with its derivation in the Javadoc), and computes exact gradients.
 *
 * <ul>
 *   <li>{@link org.sgdlab.problems.Quadratic}: ½(w − w*)ᵀA(w − w*) with a chosen spectrum, A = Q diag(λ) Qᵀ
 *       for a seeded random orthogonal Q ({@link org.sgdlab.problems.RandomOrthogonal});</li>
 *   <li>{@link org.sgdlab.problems.SeparableNonconvex}: s·Σᵢ φ(c·(Qᵀ(w − a))ᵢ) for the nonconvex profiles
 *       φ(u) = log(1 + u²) and φ(u) = 1 − cos u;</li>
 *   <li>{@link org.sgdlab.problems.PerturbedSum}: the finite sum (1/m)Σⱼ (f(w) + ⟨cⱼ, w⟩) with Σⱼ cⱼ = 0, whose
 *       minibatch gradients are unbiased for ∇f with an exactly known variance.</li>
 * </ul>
 */
package org.sgdlab.problems;
