/**
 * Reference solvers ("oracles") that the implicit-bias claims compare iterates against, each returning a status
 * ({@link org.sgdlab.oracles.OracleStatus}) and an optimality residual rather than a bare vector:
 * <ul>
 *   <li>{@link org.sgdlab.oracles.MinNormLeastSquares}: w = X⁺y (and w₀ + X⁺(y − Xw₀)) via Householder QR/LQ when X is
 *       certified to have full rank, else a one-sided Jacobi SVD with a NumPy-style relative cutoff, the limit of
 *       gradient descent on least squares;</li>
 *   <li>{@link org.sgdlab.oracles.RowSpace}: a precomputed orthonormal basis of row(X) for allocation-free
 *       null-space/row-space splits of iterates;</li>
 *   <li>{@link org.sgdlab.oracles.HardMarginSvm}: the maximum-margin separator (homogeneous or with intercept), the
 *       limit direction of gradient descent on separable logistic/exponential loss, found by a Lawson–Hanson active
 *       set and finished exactly on the support set, with a KKT residual, or a Gordan certificate when the data are not
 *       separable;</li>
 *   <li>{@link org.sgdlab.oracles.BregmanProjection} and {@link org.sgdlab.oracles.MinPNormInterpolant}: argmin
 *       D_R(w, w₀) s.t. Xw = y for a mirror potential (002 Thm 8.1.2) and min ‖w‖_p s.t. Xw = y, by Newton on the dual;</li>
 *   <li>{@link org.sgdlab.oracles.LinearMarginSolver} ({@link org.sgdlab.oracles.MarginNorm} ℓ1 or ℓ∞) and
 *       {@link org.sgdlab.oracles.BasisPursuit}: ℓ1/ℓ∞ max-margin directions and min ‖w‖₁ s.t. Xw = y as linear
 *       programs (ojAlgo, through the package's small LP builder), polished on the active set and certified by duality
 *       gaps computed here, not by the LP solver's status;</li>
 *   <li>{@link org.sgdlab.oracles.MulticlassSvm}: the hard-margin multiclass SVM min Σ‖w_k‖² s.t.
 *       ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (Crammer–Singer without slack) by a dedicated dual solver with a KKT residual, or a
 *       Gordan certificate;</li>
 *   <li>{@link org.sgdlab.oracles.RegularizedLogistic}: argmin L(w) + λ‖w‖² by Newton's method, and its path in λ;</li>
 *   <li>{@link org.sgdlab.oracles.FlowIntegrator}: gradient and mirror flows by Dormand–Prince 5(4) with error
 *       control, the η → 0 limits of GD and mirror descent ({@link org.sgdlab.oracles.FlowSolution}).</li>
 * </ul>
 * The two hard-margin solvers share their parts (package-private): the Lawson–Hanson least-distance solver
 * {@code LdpNnls}, which reads the constraint rows through {@code ConstraintRows} (dense yᵢxᵢ, or the implicit
 * (e_{yᵢ} − e_k) ⊗ xᵢ of the multiclass problem), the active-set polish {@code SupportSetFinish} and the Gordan
 * certificate {@code GordanCertificate}. {@link org.sgdlab.oracles.OracleCatalog} lists every data-driven oracle by name
 * with its problem, source and options (the registry behind {@code sgdlab solve} and {@code sgdlab list oracles}).
 * Diagnostics are {@link java.lang.System.Logger} messages at level DEBUG, off unless a logging configuration enables
 * them (e.g. {@code tools/oracles-debug-logging.properties}).
 * Sources: E. H. Moore (1920) and R. Penrose, "A generalized inverse for matrices" (1955); J. Demmel and K. Veselić,
 * "Jacobi's method is more accurate than QR" (1992); V. Vapnik, <i>Statistical Learning Theory</i> (1998);
 * C.-J. Hsieh et al., "A dual coordinate descent method for large-scale linear SVM" (ICML 2008); J. Platt,
 * "Sequential minimal optimization" (1998); R.-E. Fan, P.-H. Chen, C.-J. Lin, "Working set selection using second
 * order information for training SVM" (JMLR 2005); D. Soudry et al., "The implicit bias of gradient descent on
 * separable data" (JMLR 2018); C. L. Lawson and R. J. Hanson, <i>Solving Least Squares Problems</i> (1974), ch. 23
 * (NNLS and least-distance programming); G. H. Golub and C. F. Van Loan, <i>Matrix Computations</i> (4th ed.), §5.1–5.2.
 */
package org.sgdlab.oracles;
