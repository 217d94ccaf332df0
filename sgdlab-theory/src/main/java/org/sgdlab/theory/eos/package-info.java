/**
 * The {@code eos.*} claims (002 §2.4, Fig. 2.4; Cohen et al. 2021): under full-batch GD with step η the sharpness
 * λ_max(∇²L) of a network's loss rises during training and then hovers at the edge of stability 2/η while the loss keeps
 * falling non-monotonically.
 *
 * <p>Entry point: {@link org.sgdlab.theory.eos.EosClaims#all()}. Shared: {@code Sharpness} (Lanczos, and power iteration
 * as its reference, on exact Hessian-vector products), {@code EosRun} (one GD run with its probes and the plateau measurement) and
 * {@code EosData} (the MNIST 4/9 subset and the random-label set).
 */
package org.sgdlab.theory.eos;
