/**
 * Objectives: an {@link org.sgdlab.objective.Objective} gives the value, the gradient and unbiased minibatch gradients
 * of f: ℝ^p → ℝ. An objective that can also take a fused single-sample SGD step implements
 * {@link org.sgdlab.objective.FusedSampleStep} (the trainer's fast path).
 *
 * <ul>
 *   <li>{@link org.sgdlab.objective.EmpiricalRisk}: Σᵢ ℓ(⟨w, xᵢ⟩ + b, yᵢ) or its mean
 *       ({@link org.sgdlab.objective.Reduction}) of a linear model, in memory or over memory-mapped rows, with
 *       deterministic parallel full-batch sums; the main objective of sgdlab.</li>
 *   <li>{@link org.sgdlab.objective.SoftmaxCrossEntropy}: multiclass, source 001 §2.6.</li>
 *   <li>{@link org.sgdlab.objective.DiagonalNetObjective}: a depth-2 diagonal network w = u ⊙ u − v ⊙ v (002 §8.1).</li>
 *   <li>{@link org.sgdlab.objective.Smoothness}: smoothness constants of linear-model risks and the step size
 *       1/L of {@code --lr auto} ({@link org.sgdlab.objective.Smoothness#autoLearningRate}).</li>
 * </ul>
 */
package org.sgdlab.objective;
