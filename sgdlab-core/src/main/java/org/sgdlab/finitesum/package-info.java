/**
 * Exact constants of finite sums f = (1/m)Σⱼ fⱼ given as an
 * {@link org.sgdlab.objective.EmpiricalRisk} with {@link org.sgdlab.objective.Reduction#MEAN}
 * (source 003's setting): the smoothness constant L, the strong-convexity constant γ, the minimum f*,
 * the exact variance of the minibatch gradient at a point (with replacement and for shuffled
 * batches), bounds on that variance over a ball, and a deterministic parallel Monte-Carlo runner
 * with confidence intervals ({@link org.sgdlab.finitesum.MonteCarlo}).
 */
package org.sgdlab.finitesum;
