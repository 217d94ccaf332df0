/**
 * The {@code min-norm.*} claims (source 000; 002 §3.1, Prop 8.1.1): GD, SGD and momentum on over-parameterized least
 * squares reach the interpolant closest to their start, w₀ + X⁺(y − Xw₀); adaptive methods break this
 * ({@code min-norm.adaptive-breaks}); and the min-norm interpolant is not always the best-generalizing one
 * ({@code min-norm.generalization}, ridgeless regression).
 *
 * <p>Entry point: {@link org.sgdlab.theory.minnorm.MinNormClaims#all()}. Shared: {@code MinNormProblem} (the problem
 * and its oracle), {@code MinNormRun} (one probed run) and {@link org.sgdlab.theory.minnorm.MinNormVerdict} (the rule).
 */
package org.sgdlab.theory.minnorm;
