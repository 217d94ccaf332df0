package org.sgdlab.linalg;

import java.util.ServiceLoader;
import org.sgdlab.parallel.Parallel;

/**
 * Dense matrix products for sgdlab's networks: C ← op(A)·op(B) ({@link #multiply}) and C ← C + op(A)·op(B)
 * ({@link #multiplyAdd}), op ∈ {{@link Transpose#N}, {@link Transpose#T}}, on row-major {@code double[]} with offsets
 * and leading dimensions (BLAS's DGEMM with α = 1 and β = 0 or 1), on {@link Parallel#threads()} threads.
 *
 * <p><b>Backend.</b> By default sgdlab's own {@link GemmKernel}: every entry of C is one chain of fused
 * multiply-adds in k order ({@link GemmReference}), so the result has the same bits on every machine, thread count
 * and SIMD setting. {@code -Dsgdlab.blas=openblas} (with the sgdlab-blas module on the class path) runs native
 * OpenBLAS instead: faster, but its bits depend on the CPU kernel OpenBLAS picks and on the thread count.
 * {@link #describe()} names the backend for provenance; a requested backend that is missing or fails to load falls
 * back to the Java kernel, and the description says why.
 */
public final class Gemm {
    /** System property naming the backend: "java" (default) or a {@link GemmBackend#name()} found by ServiceLoader. */
    public static final String BACKEND_PROPERTY = "sgdlab.blas";

    private static final Selection SELECTED = select(System.getProperty(BACKEND_PROPERTY, "java"));
    private static final GemmBackend BACKEND = SELECTED.backend();

    /** A backend and its provenance line (which says why, when a requested backend could not be used). */
    record Selection(GemmBackend backend, String description) {
    }

    /** The backend named {@code wanted} ("java", or a ServiceLoader provider's name), else the Java kernel and why. */
    static Selection select(String wanted) {
        String name = wanted.trim();
        if (name.equals("java")) {
            return new Selection(GemmKernel.get(), GemmKernel.get().describe());
        }
        String why;
        try {
            for (GemmBackend candidate : ServiceLoader.load(GemmBackend.class)) {
                if (candidate.name().equals(name)) {
                    return new Selection(candidate, candidate.describe());
                }
            }
            why = "-D" + BACKEND_PROPERTY + "=" + name + " asked for, but no such GEMM backend is on the class path";
        } catch (java.util.ServiceConfigurationError | LinkageError | RuntimeException e) {
            why = "-D" + BACKEND_PROPERTY + "=" + name + " failed to load: " + e;
        }
        return new Selection(GemmKernel.get(), GemmKernel.get().describe() + " [" + why + "]");
    }

    private Gemm() {
    }

    /** The backend in use. */
    public static GemmBackend backend() {
        return BACKEND;
    }

    /** The backend in use and its properties, e.g. "sgdlab GEMM (Vector API 256-bit, 12×8 tiles, …)", for provenance. */
    public static String describe() {
        return SELECTED.description();
    }

    /**
     * out ← op(A)·op(B), with op(A) m × k, op(B) k × n, out m × n, all row-major: op(A)[i][p] is
     * {@code a[aOff + i·lda + p]} when {@code ta} is N (A stored m × k) and {@code a[aOff + p·lda + i]} when T (A
     * stored k × m); likewise op(B)[p][j] from b, ldb (B stored k × n or n × k); out[i][j] is
     * {@code out[outOff + i·ldOut + j]}. Only those m × n entries of {@code out} are written (their old values are
     * ignored, even NaN); {@code a} and {@code b} are read only. A leading dimension may exceed the stored row length
     * (sub-matrices). {@code out} must not overlap {@code a} or {@code b}.
     *
     * @throws IllegalArgumentException on a negative size, a leading dimension below the stored row length, an array
     *                                  too short, or out overlapping a or b (see {@link GemmArguments#check})
     */
    public static void multiply(Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff, int lda,
                                double[] b, int bOff, int ldb, double[] out, int outOff, int ldOut) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut);
        BACKEND.gemm(false, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut, Parallel.threads());
    }

    /**
     * out ← out + op(A)·op(B), layout as in {@link #multiply}: the m × n entries of {@code out} are read and updated
     * in place; {@code a} and {@code b} are read only.
     */
    public static void multiplyAdd(Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff, int lda,
                                   double[] b, int bOff, int ldb, double[] out, int outOff, int ldOut) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut);
        BACKEND.gemm(true, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut, Parallel.threads());
    }

    /**
     * Operand copies for one caller that makes many products on the same arrays (a network graph): with a backend that
     * copies its operands (native OpenBLAS), an operand the caller vouches for is copied once and reused; otherwise
     * {@link GemmOperands#NONE}. See {@link GemmOperands} for the caller's side of the contract.
     */
    public static GemmOperands newOperands() {
        return BACKEND.newOperands();
    }

    /**
     * {@link #multiply(Transpose, Transpose, int, int, int, double[], int, int, double[], int, int, double[], int, int)}
     * reusing {@code operands}' copies of A and B (made by {@link #newOperands()}); the same bits.
     */
    public static void multiply(GemmOperands operands, Transpose ta, Transpose tb, int m, int n, int k, double[] a,
                                int aOff, int lda, double[] b, int bOff, int ldb, double[] out, int outOff, int ldOut) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut);
        BACKEND.gemm(false, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut, Parallel.threads(), operands);
    }

    /**
     * {@link #multiplyAdd(Transpose, Transpose, int, int, int, double[], int, int, double[], int, int, double[], int,
     * int)} reusing {@code operands}' copies of A and B; the same bits.
     */
    public static void multiplyAdd(GemmOperands operands, Transpose ta, Transpose tb, int m, int n, int k, double[] a,
                                   int aOff, int lda, double[] b, int bOff, int ldb, double[] out, int outOff,
                                   int ldOut) {
        GemmArguments.check(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut);
        BACKEND.gemm(true, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, out, outOff, ldOut, Parallel.threads(), operands);
    }

    /** op(a)·op(b) as a new matrix; a and b are read only. */
    public static Matrix multiply(Matrix a, Transpose ta, Matrix b, Transpose tb) {
        Matrix out = Matrix.zeros(rowsOf(a, ta), colsOf(b, tb));
        multiply(a, ta, b, tb, out);
        return out;
    }

    /** out ← op(a)·op(b); out is overwritten, a and b are read only. */
    public static void multiply(Matrix a, Transpose ta, Matrix b, Transpose tb, Matrix out) {
        int k = matrixShapes(a, ta, b, tb, out);
        multiply(ta, tb, out.rows(), out.cols(), k, a.data(), 0, Math.max(1, a.cols()), b.data(), 0,
                Math.max(1, b.cols()), out.data(), 0, Math.max(1, out.cols()));
    }

    /** out ← out + op(a)·op(b); out is updated in place, a and b are read only. */
    public static void multiplyAdd(Matrix a, Transpose ta, Matrix b, Transpose tb, Matrix out) {
        int k = matrixShapes(a, ta, b, tb, out);
        multiplyAdd(ta, tb, out.rows(), out.cols(), k, a.data(), 0, Math.max(1, a.cols()), b.data(), 0,
                Math.max(1, b.cols()), out.data(), 0, Math.max(1, out.cols()));
    }

    private static int rowsOf(Matrix x, Transpose t) {
        return t == Transpose.N ? x.rows() : x.cols();
    }

    private static int colsOf(Matrix x, Transpose t) {
        return t == Transpose.N ? x.cols() : x.rows();
    }

    /** Checks that op(a)·op(b) fits out; returns the inner dimension k. */
    private static int matrixShapes(Matrix a, Transpose ta, Matrix b, Transpose tb, Matrix out) {
        int k = colsOf(a, ta);
        if (rowsOf(b, tb) != k || rowsOf(a, ta) != out.rows() || colsOf(b, tb) != out.cols()) {
            throw new IllegalArgumentException("shapes do not match: op(a) is " + rowsOf(a, ta) + "×" + k
                    + " (a " + a.rows() + "×" + a.cols() + ", " + ta + "), op(b) is " + rowsOf(b, tb) + "×"
                    + colsOf(b, tb) + " (b " + b.rows() + "×" + b.cols() + ", " + tb + "), out is " + out.rows()
                    + "×" + out.cols());
        }
        return k;
    }
}
