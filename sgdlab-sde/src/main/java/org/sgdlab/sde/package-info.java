/**
 * Stochastic dynamics of SGD (002 ch. 7 and 12): noisy gradient oracles with exact covariances (NGOS, Def. 12.1.2),
 * SDE integrators (Euler–Maruyama, Milstein) with exact Ornstein–Uhlenbeck / linear-SDE references, weak-error
 * estimators with confidence intervals and fitted orders, the exact stationary variance of SGD on the three-function
 * example of Problem 12.2.4, and a second-order stationary point checker (gradient norm and λ_min of the Hessian by
 * Lanczos). Depends only on sgdlab-core. Formulas and derivations: {@code docs/sde.md}.
 */
package org.sgdlab.sde;
