/** Probes for networks: the sharpness λ_max(∇²L) by an eigensolver on exact HVPs, weight norms, margins, products. */
package org.sgdlab.nn.probe;
