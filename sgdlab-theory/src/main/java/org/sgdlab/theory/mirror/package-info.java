/**
 * The {@code mirror.*} claims (002 §8.1): mirror descent converges to the Bregman projection of its start onto the
 * interpolants ({@code mirror.bregman}, Thm 8.1.2), and GD on a diagonal linear network is mirror descent with the
 * hyperbolic entropy, between min-ℓ1 and min-ℓ2 as the initialization scale grows ({@code mirror.diagonal-net},
 * Thms 8.1.6–8.1.7).
 *
 * <p>Entry point: {@link org.sgdlab.theory.mirror.MirrorClaims#all()}. Shared: {@code MirrorBregman} (the runs, the
 * Bregman-projection oracle and the rule).
 */
package org.sgdlab.theory.mirror;
