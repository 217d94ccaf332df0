/**
 * The {@code nuclear-norm.*} claims: factorized matrix models W = W_L ⋯ W₁ trained by gradient descent or gradient flow
 * from initialization scale α, against the minimum nuclear-norm and minimum Frobenius-norm oracles (source 001 §3.1
 * eq. (18)–(23) and experiment 3; 002 ch. 11; Gunasekar et al. 2017; Arora, Cohen, Hu &amp; Luo 2019; Razin &amp; Cohen
 * 2020).
 */
package org.sgdlab.theory.nuclearnorm;
