/**
 * Per-sample losses ℓ(p, y) of a prediction p against a target y, with the derivative and the curvature bound
 * ({@link org.sgdlab.loss.Loss#curvatureBound}) that step sizes are chosen from: {@link org.sgdlab.loss.SquaredLoss}
 * for regression and the margin losses ℓ(p, y) = φ(y·p) ({@link org.sgdlab.loss.MarginLoss}: logistic, exponential,
 * hinge, squared hinge), which also give log-domain forms for the implicit-bias regime where e^{−m} underflows.
 * {@link org.sgdlab.loss.Losses#byName} looks them up by the names the CLI uses.
 */
package org.sgdlab.loss;
