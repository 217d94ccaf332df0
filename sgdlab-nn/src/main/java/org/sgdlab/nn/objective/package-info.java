/**
 * A network's empirical risk as a core {@link org.sgdlab.objective.Objective}, so {@code Trainer} trains it with any
 * optimizer chain; plus HVPs, Hessians, per-example gradients and output Jacobians.
 */
package org.sgdlab.nn.objective;
