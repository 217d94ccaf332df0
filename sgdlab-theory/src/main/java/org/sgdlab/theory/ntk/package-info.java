/**
 * The {@code ntk.*} claims (002 ch. 9, seed 001 §3.3; issue 14): the empirical neural tangent kernel of random wide ReLU
 * networks converges to the analytic arc-cosine kernel at rate m^{−1/2} (with the corrected eq. 9.8); wide two-layer
 * networks trained by GD stay in the lazy (kernel) regime; the training residual decays along the kernel's eigenvectors
 * at rates set by their eigenvalues (true MNIST labels sit on the top ones); the data-dependent complexity of eq. 9.11
 * tracks the test error under label noise; and logistic GD of a wide network follows its linearization towards the
 * kernel SVM, while a narrow one leaves it.
 *
 * <p>Entry point: {@link org.sgdlab.theory.ntk.NtkClaims#all()}. Built on sgdlab-kernels ({@code AnalyticNtk},
 * {@code EmpiricalNtk}, {@code FullyConnectedNetwork}, {@code GramSpectrum}, {@code KernelRidge}, {@code KernelSvm}) and
 * sgdlab-nn. The derivations and protocols are in docs/ntk.md §§10–12.
 */
package org.sgdlab.theory.ntk;
