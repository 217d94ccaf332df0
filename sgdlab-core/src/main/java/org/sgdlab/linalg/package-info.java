/**
 * The one home of sgdlab's dense linear algebra on row-major {@code double[]}: the data type, the kernels, and the
 * factorizations. Nothing outside this package factors a matrix.
 *
 * <h2>Data</h2>
 * <ul>
 *   <li>{@link org.sgdlab.linalg.Matrix}: a dense row-major matrix over one exposed {@code double[]};
 *       {@link org.sgdlab.linalg.RowSource}: rows that may live outside the heap (mapped files).</li>
 * </ul>
 *
 * <h2>Kernels (each fast path has a naive twin the tests compare against)</h2>
 * <ul>
 *   <li>Level 1–2: {@link org.sgdlab.linalg.Kernels} (dot, axpy, gemv, the fused loss-gradient passes), dispatching
 *       to {@link org.sgdlab.linalg.VectorKernels} (Vector API) when {@link org.sgdlab.linalg.Simd} is on; naive twins
 *       in {@link org.sgdlab.linalg.ReferenceKernels}.</li>
 *   <li>Level 3: the dense matrix–matrix products of the networks (a blocked GEMM C ← αAB + βC and its transposed
 *       forms AᵀB and ABᵀ) belong here as {@code Gemm…} classes beside {@code Kernels}, each with a naive triple-loop
 *       reference in the same style. The factorizations below are unblocked (level 2, O(n²) data, O(n³) flops on
 *       matrices of a few hundred rows); a blocked variant (e.g. Householder QR with the compact WY form) would call
 *       the GEMM for its trailing update and keep the unblocked one as its reference.</li>
 * </ul>
 *
 * <h2>Factorizations: one algorithm per class, one class per factorization</h2>
 * <table>
 *   <caption>Factorizations and their entry points</caption>
 *   <tr><th>class</th><th>factorization</th><th>entry points</th><th>used by</th></tr>
 *   <tr><td>{@link org.sgdlab.linalg.JacobiSvd}</td><td>A = UΣVᵀ, thin, one-sided Jacobi</td>
 *       <td>{@code of}, {@code decompose}, {@code rank}, {@code pseudoInverseTimes}; static {@code polarInto},
 *       {@code singularValues}, {@code spectralNorm}</td>
 *       <td>min-norm least squares, row spaces, spectral norm / Muon, Stiefel polar retraction</td></tr>
 *   <tr><td>{@link org.sgdlab.linalg.HouseholderQr}</td><td>A = QR (m ≥ k), Householder</td>
 *       <td>{@code decompose}, {@code decomposeTransposed} (LQ), {@code factorInPlace}, Q/Qᵀ products, triangular
 *       solves, {@code conditionUpperBound}; static {@code orthonormalFactorInto} (qf(A), positive diagonal)</td>
 *       <td>min-norm least squares (full-rank path), Stiefel QR retraction</td></tr>
 *   <tr><td>{@link org.sgdlab.linalg.Cholesky}</td><td>A + μI = LLᵀ, row-wise</td>
 *       <td>{@code decompose(a)}, {@code decompose(a, μ)}, {@code solveInPlace}, {@code solve},
 *       {@code failedPivotIndex}, {@code conditionEstimate}</td>
 *       <td>Bregman projection and regularized logistic Newton steps, multiclass SVM Gram systems, nuclear-norm
 *       Gauss–Newton and SQP steps</td></tr>
 *   <tr><td>{@link org.sgdlab.linalg.PivotedCholesky}</td><td>P A Pᵀ ≈ LLᵀ, diagonal pivoting, stopped at the
 *       numerical rank (LAPACK dpstf2; Higham §10.3)</td>
 *       <td>{@code decompose}, {@code rank}, {@code permutation}, {@code factor}, {@code remainderPivot},
 *       {@code solveInPlace} (basic solution), {@code nullSpaceBasisVector}</td>
 *       <td>dependent measurements of matrix sensing (𝒜𝒜*), null spaces of JᵀJ in the nuclear-norm SQP</td></tr>
 *   <tr><td>{@link org.sgdlab.linalg.SymmetricEigen}</td><td>A = VΛVᵀ, cyclic Jacobi, λ ascending</td>
 *       <td>{@code of}, {@code decompose}, {@code values}, {@code vectors}</td>
 *       <td>finite-sum Hessian constants, claims' spectra, full-matrix AdaGrad</td></tr>
 *   <tr><td>{@link org.sgdlab.linalg.TridiagonalQrEigenvalues}</td><td>λ(A) only: Householder tridiagonalization,
 *       implicit Wilkinson-shift QR (Golub &amp; Van Loan §8.3), λ ascending; ~(4/3)d³ flops</td>
 *       <td>{@code eigenvalues}</td>
 *       <td>large spectra without eigenvectors (sgd.mnist-4v9's restricted Hessian, d = 574)</td></tr>
 * </table>
 *
 * <p>Their shared shape is {@link org.sgdlab.linalg.Decomposition}: an instance per shape allocates its work arrays
 * once; {@code decompose(a)} reads a row-major {@code a} (never modified) and returns whether it succeeded in the
 * class's sense; results are backing arrays valid until the next {@code decompose}, or are copied into an explicit
 * {@code out}; methods that overwrite an argument end in {@code InPlace}. Where an immutable caller (a
 * {@code Norm}, a {@code Manifold}) cannot hold an instance, a static form runs the same algorithm over a caller-owned
 * work array and allocates nothing. Each class's Javadoc gives the algorithm and its source.
 */
package org.sgdlab.linalg;
