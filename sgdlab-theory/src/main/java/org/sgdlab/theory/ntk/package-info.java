/**
 * The {@code ntk.*} claims (002 ch. 9; issue 14): the empirical neural tangent kernel of random wide ReLU networks
 * converges to the analytic arc-cosine kernel at rate m^{−1/2} (with the corrected eq. 9.8), and wide two-layer networks
 * trained by GD stay in the lazy (kernel) regime.
 *
 * <p>Entry point: {@link org.sgdlab.theory.ntk.NtkClaims#all()}. Built on sgdlab-kernels ({@code AnalyticNtk},
 * {@code EmpiricalNtk}, {@code FullyConnectedNetwork}) and sgdlab-nn.
 */
package org.sgdlab.theory.ntk;
