/**
 * The {@code bn.*} claims (source 001 §3.4, eqs. 29–30, and §4.4 experiment 4): batch normalization makes the loss
 * invariant to the scale of the weights that feed it, so GD obeys the Pythagoras law ‖w_{t+1}‖² = ‖w_t‖² + η²‖∇_w L‖²
 * for those weights (bn.weight-norm, with the exact ε-correction of torch's ε &gt; 0); and source 001's experiment 4 as
 * written, its statement about the total weight norm judged (bn.seed-exp4).
 *
 * <p>Entry point: {@link org.sgdlab.theory.bn.BnClaims#all()}. Shared: {@code Experiment4} (the source's data, network
 * and GD run, recording every step) and {@code BnReference} (a loop-by-loop reference of the network exposing the
 * batch-norm internals the law and its rounding bound are stated in).
 */
package org.sgdlab.theory.bn;
