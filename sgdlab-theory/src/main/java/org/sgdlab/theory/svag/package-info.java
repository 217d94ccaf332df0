/**
 * The {@code svag.*} claims (002 §12.4, Def. 12.4.1, Thm 12.4.2; Li, Malladi &amp; Arora 2021): SVAG with amplification ℓ
 * is a weak approximation of order η/ℓ of SGD's canonical SDE.
 *
 * <p>Entry point: {@link org.sgdlab.theory.svag.SvagClaims#all()}. Built on core's {@link org.sgdlab.optim.Svag} and
 * module sgdlab-sde (Gaussian noise oracle, exact linear SDE, Euler–Maruyama paths).
 */
package org.sgdlab.theory.svag;
