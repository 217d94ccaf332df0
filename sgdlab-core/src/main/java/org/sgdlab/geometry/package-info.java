/**
 * Optimization geometry beyond the Euclidean gradient step, as {@link org.sgdlab.optim.Transform}s: steepest descent
 * under a norm, Riemannian steps on manifolds and mirror descent (source 004 and 002 §8; Bernstein &amp; Newhouse 2024).
 *
 * <ul>
 *   <li>Norms ({@link org.sgdlab.geometry.Norm}, factories in {@link org.sgdlab.geometry.Norms}: ℓ1, ℓ2, ℓp, ℓ∞,
 *       spectral) with their dual norms and sharp maps; {@link org.sgdlab.geometry.Dualize} turns a gradient into the
 *       steepest unit direction. The spectral sharp is an SVD ({@link org.sgdlab.linalg.JacobiSvd}) or Muon's
 *       {@link org.sgdlab.geometry.NewtonSchulz} iteration.</li>
 *   <li>Manifolds ({@link org.sgdlab.geometry.Manifold}: {@link org.sgdlab.geometry.Sphere},
 *       {@link org.sgdlab.geometry.LpSphere}, {@link org.sgdlab.geometry.LInfSphere},
 *       {@link org.sgdlab.geometry.Stiefel}) and the step on them, {@link org.sgdlab.geometry.RiemannianStep}.</li>
 *   <li>Mirror descent ({@link org.sgdlab.geometry.MirrorDescent}) with the potentials of
 *       {@link org.sgdlab.geometry.Potentials}.</li>
 *   <li>{@link org.sgdlab.geometry.Partition}: different transforms for different blocks of the parameters.</li>
 * </ul>
 *
 * Entry point: {@link org.sgdlab.geometry.GeometricOptimizers}, the named optimizers built from these parts.
 */
package org.sgdlab.geometry;
