/**
 * The {@code adagrad.*} claims (002 §2.5.4): AdaGrad-norm reaches Õ(1/√T) without knowing the smoothness constant
 * ({@code adagrad.rate}); the printed theorem, which drops the square root, is run beside it
 * ({@code PrintedAdagradNorm}).
 *
 * <p>Entry point: {@link org.sgdlab.theory.adagrad.AdagradClaims#all()}.
 */
package org.sgdlab.theory.adagrad;
