/**
 * The {@code saddle.*} claims (002 ch. 7, Thm 7.2.1, Lemma 7.3.2; Jin et al. 2017): perturbed gradient descent escapes
 * strict saddles and reaches an ε-second-order stationary point in a number of steps polylogarithmic in the dimension.
 *
 * <p>Entry point: {@link org.sgdlab.theory.saddle.SaddleClaims#all()}. Built on core's
 * {@link org.sgdlab.optim.PerturbedGd} and sgdlab-sde's {@link org.sgdlab.sde.SecondOrderStationarity}.
 */
package org.sgdlab.theory.saddle;
