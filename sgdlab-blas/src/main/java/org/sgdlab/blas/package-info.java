/**
 * The optional native GEMM backend: {@link org.sgdlab.blas.OpenBlasGemm}, OpenBLAS's {@code cblas_dgemm} from the
 * natives that org.bytedeco:openblas ships in its jar (Linux x86-64), registered as a
 * {@link org.sgdlab.linalg.GemmBackend} service and chosen by name with {@code -Dsgdlab.blas=openblas} (the CLI's
 * {@code --blas openblas}). Nothing in sgdlab depends on this module; without it {@link org.sgdlab.linalg.Gemm} runs its
 * own Java kernels, whose bits are the same on every machine. OpenBLAS's bits depend on the CPU kernel it picks and on
 * the thread count; {@link org.sgdlab.blas.OpenBlasGemm#describe()} names the build and the kernel, for provenance.
 *
 * <p>Chosen by the same name, {@link org.sgdlab.blas.OpenBlasCholesky} (a {@link org.sgdlab.linalg.CholeskyBackend}
 * service) gives sgdlab-kernels' kernel ridge regression LAPACK's dpotrf and two dtrsv per solve, with sgdlab's pivot
 * check, condition estimate and refinement step around them (in sgdlab-kernels).
 */
package org.sgdlab.blas;
