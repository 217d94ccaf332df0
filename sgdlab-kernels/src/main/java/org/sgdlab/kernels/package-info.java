/**
 * Kernels and the neural tangent kernel (docs/ntk.md derives every formula):
 * <ul>
 *   <li>kernels as objects ({@link org.sgdlab.kernels.Kernel}; {@link org.sgdlab.kernels.InnerProductKernel} for those
 *       of ‖x‖², ‖y‖², ⟨x, y⟩): linear, polynomial, RBF, the arc-cosine kernels of order 0 and 1 (Cho &amp; Saul 2009)
 *       and the analytic NTK; {@link org.sgdlab.kernels.KernelSpecs} reads them from specs like {@code ntk:depth=2};</li>
 *   <li>{@link org.sgdlab.kernels.GramMatrix}: Gram and cross-Gram matrices by tiles of one GEMM each, multithreaded
 *       with the same bits for any thread count (entries equal the pointwise kernel bit for bit);</li>
 *   <li>{@link org.sgdlab.kernels.AnalyticNtk}: the infinite-width NTK of bias-free fully connected networks by the
 *       arc-cosine recursion of 002 §9.4 — NTK or standard {@link org.sgdlab.kernels.Parameterization}, any set of
 *       trained layers, c_σ (2 for ReLU: He) — with the activation's {@link org.sgdlab.kernels.DualActivation} in closed
 *       form ({@link org.sgdlab.kernels.ReluDual}, {@link org.sgdlab.kernels.ErfDual}) or by Gauss–Hermite quadrature
 *       ({@link org.sgdlab.kernels.QuadratureDual} on {@link org.sgdlab.kernels.GaussHermite}, Golub–Welsch with the
 *       repository's symmetric eigensolver); the first-layer-only two-layer kernel is 002's eq. 9.8 with the factor
 *       xᵢᵀxⱼ that its print drops;</li>
 *   <li>{@link org.sgdlab.kernels.EmpiricalNtk}: ⟨∂f(x)/∂θ, ∂f(x′)/∂θ⟩ of any sgdlab-nn network from its reverse-mode
 *       Jacobians, with block weights for frozen layers; {@link org.sgdlab.kernels.FullyConnectedNetwork} is the finite
 *       network of which {@link org.sgdlab.kernels.AnalyticNtk} is the limit;</li>
 *   <li>oracles on a Gram matrix: {@link org.sgdlab.kernels.KernelRidge} (ridge and ridgeless, refusing a numerically
 *       singular K), {@link org.sgdlab.kernels.KernelSvm} (the hard-margin SVM in feature space through a pivoted
 *       Cholesky factor and the existing linear solver, with its KKT residual on K) and
 *       {@link org.sgdlab.kernels.GramSpectrum}; {@link org.sgdlab.kernels.KernelOracleCatalog} lists the first two for
 *       {@code sgdlab solve}.</li>
 * </ul>
 */
package org.sgdlab.kernels;
