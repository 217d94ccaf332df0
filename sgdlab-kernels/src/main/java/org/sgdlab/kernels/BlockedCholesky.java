package org.sgdlab.kernels;

import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.parallel.Parallel;

/**
 * Cholesky factorization A + μI = L Lᵀ for large Gram matrices, blocked and right-looking so that almost all of its
 * n³/3 flops are {@link Gemm} products (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §4.2.9, Algorithm
 * 4.2.4 arranged by blocks of {@value #BLOCK} columns): for each block column k,
 * <pre>
 *   L₁₁ = chol(A₁₁)                     (the row-by-row algorithm of core's Cholesky, inside the block)
 *   L₂₁ = A₂₁ L₁₁⁻ᵀ                      (row by row: lᵢⱼ = (aᵢⱼ − Σ_{t&lt;j} lᵢₜ lⱼₜ)/lⱼⱼ)
 *   A₂₂ ← A₂₂ − L₂₁ L₂₁ᵀ                 (lower triangle, by GEMMs over blocks of {@value #UPDATE_ROWS} rows)
 * </pre>
 * where the first two lines are themselves done by sub-columns of {@value #INNER} (each sub-column's diagonal block
 * and panel by inner products, then its update of the block column's later sub-columns by a narrow GEMM), so that the
 * inner products cover n²·{@value #INNER}/2 multiply-adds and the long GEMM updates have k = {@value #BLOCK} (fewer
 * passes over the trailing matrix, which at n in the thousands lives in memory, not cache).
 * Mathematically the same factor as {@code org.sgdlab.linalg.Cholesky} (Cholesky–Banachiewicz, one inner product per
 * entry); the sums are grouped by blocks instead, so the two agree to rounding, not to the bit (tested). The same
 * pivot rule (a pivot ≤ τ·maxᵢ(aᵢᵢ + μ) stops it) and the same condition estimate (LAPACK dpocon's: Hager's method
 * with Higham's safeguards). The panel rows and the update's row blocks run in parallel with {@link Parallel}; every
 * entry is computed by the same operations whichever thread does it, so the factor has the same bits for any thread
 * count. Both triangular solves run along contiguous rows of L (the backward one as row-wise updates), which matters
 * at n in the thousands. Not thread-safe; instances reuse their arrays.
 */
final class BlockedCholesky implements KernelRidge.Factor {
    /** Columns per block step (fixed: the bits do not depend on the thread count). */
    static final int BLOCK = 256;
    /** Columns per sub-step inside a block column (its diagonal blocks and panels by inner products). */
    static final int INNER = 64;
    /** Rows of the trailing matrix per update GEMM (fewer, longer calls: the panel is packed once per call). */
    static final int UPDATE_ROWS = 512;
    /** Rows per strip of an update block's diagonal square (which is computed as its lower triangle by strips). */
    static final int DIAGONAL_ROWS = 64;

    private final int n;
    private final double relativePivotTolerance;
    /** n × n row-major: L on and below the diagonal; above it, whatever the factorization left there. */
    private final double[] l;
    private final double[] x;
    private final double[] y;
    private final org.sgdlab.linalg.CholeskyOutcome outcome = new org.sgdlab.linalg.CholeskyOutcome();
    private double norm1;
    /** This factor's solve as the estimator's callback (one object, so that an estimate allocates nothing). */
    private final org.sgdlab.linalg.InverseNormEstimate.InPlaceSolve solver = this::solveInPlace;

    BlockedCholesky(int n, double relativePivotTolerance) {
        PivotThreshold.requireArguments(n, relativePivotTolerance);
        this.n = n;
        this.relativePivotTolerance = relativePivotTolerance;
        this.l = new double[Math.multiplyExact(n, n)];
        this.x = new double[n];
        this.y = new double[n];
    }

    /**
     * Factors A + μI (A row-major n × n, read only, lower triangle used). Returns whether every pivot passed.
     *
     * @throws IllegalArgumentException on a wrong length or a shift that is not finite
     */
    @Override
    public boolean decompose(double[] a, double shift) {
        double threshold = PivotThreshold.of(a, n, shift, relativePivotTolerance);
        outcome.reset();
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, l, i * n, i + 1);
            l[i * n + i] += shift;
        }
        // copies of a panel L₂₁ and of −L₂₁, contiguous (rows × columns): A₂₂ + (−L₂₁)L₂₁ᵀ is an update by a GEMM that
        // accumulates (GEMM's operands may not share an array with its output, so the panel is copied out of L)
        double[] pos = new double[Math.multiplyExact(Math.max(0, n - INNER), BLOCK)];
        double[] neg = new double[pos.length];
        for (int start = 0; start < n; start += BLOCK) {
            int k0 = start;
            int kb = Math.min(BLOCK, n - k0);
            // the block column [k0, k0 + kb) for all rows ≥ k0, by sub-columns of INNER: each sub-column's diagonal
            // block and rows below it, then its update of the block column's remaining sub-columns (a narrow GEMM)
            for (int c0 = k0; c0 < k0 + kb; c0 += INNER) {
                int cb = Math.min(INNER, k0 + kb - c0);
                if (!diagonalBlock(c0, cb, threshold)) {
                    return false;
                }
                panel(c0, cb);
                int rest = k0 + kb - (c0 + cb);
                if (rest > 0) {
                    update(c0, cb, c0 + cb, k0 + kb, pos, neg);
                }
            }
            if (k0 + kb < n) {
                update(k0, kb, k0 + kb, n, pos, neg);
            }
        }
        norm1 = org.sgdlab.linalg.InverseNormEstimate.symmetricNorm1(a, n, shift, y);
        outcome.succeed();
        return true;
    }

    /** Cholesky–Banachiewicz on the kb × kb diagonal block at k0 (already updated by the earlier blocks). */
    private boolean diagonalBlock(int k0, int kb, double threshold) {
        for (int i = k0; i < k0 + kb; i++) {
            int ri = i * n;
            for (int j = k0; j < i; j++) {
                int rj = j * n;
                l[ri + j] = (l[ri + j] - Kernels.dot(l, ri + k0, l, rj + k0, j - k0)) / l[rj + j];
            }
            double s = l[ri + i] - Kernels.dot(l, ri + k0, l, ri + k0, i - k0);
            if (!(s > threshold)) {
                outcome.failAt(i, s);
                return false;
            }
            l[ri + i] = Math.sqrt(s);
        }
        return true;
    }

    /** L₂₁ = A₂₁ L₁₁⁻ᵀ for every row below the diagonal block at k0 (kb columns), in parallel over row blocks. */
    private void panel(int k0, int kb) {
        int r0 = k0 + kb;
        int rowBlocks = (n - r0 + INNER - 1) / INNER;
        Parallel.forEachBlock(rowBlocks, (b, worker) -> panelRows(k0, kb, r0 + b * INNER, Math.min(n, r0 + (b + 1) * INNER)));
    }

    /**
     * Columns [r0, c1) of rows [r0, n) ← themselves − L[rows, k0..k0+kb) L[r0..c1, k0..k0+kb)ᵀ (the lower triangle
     * matters; entries right of the diagonal are overwritten or never read), by blocks of {@value #UPDATE_ROWS} rows in
     * parallel, each one GEMM left of its diagonal square and one per {@value #DIAGONAL_ROWS}-row strip of that square.
     * Each entry is one GEMM entry whatever the call's shape (the Java GEMM's bits do not depend on its blocking), so
     * the split changes no bit.
     */
    private void update(int k0, int kb, int r0, int c1, double[] pos, double[] neg) {
        int rows = n - r0;
        for (int i = 0; i < rows; i++) {
            int src = (r0 + i) * n + k0;
            int dst = i * kb;
            for (int t = 0; t < kb; t++) {
                pos[dst + t] = l[src + t];
                neg[dst + t] = -l[src + t];
            }
        }
        int blocks = (rows + UPDATE_ROWS - 1) / UPDATE_ROWS;
        // the longest row blocks first (the last ones, when the columns run to the end)
        Parallel.forEachBlock(blocks, (b, worker) -> {
            int blk = blocks - 1 - b;
            int i0 = r0 + blk * UPDATE_ROWS;
            int i1 = Math.min(n, i0 + UPDATE_ROWS);
            // columns left of the block's first row: a full rectangle
            int rect = Math.min(c1, i0) - r0;
            if (rect > 0) {
                Gemm.multiplyAdd(Transpose.N, Transpose.T, i1 - i0, rect, kb, neg, (i0 - r0) * kb, kb, pos, 0, kb,
                        l, i0 * n + r0, n);
            }
            // columns [i0, min(c1, i1)): the block's own lower triangle, by strips of DIAGONAL_ROWS rows each reaching
            // its last row's column, so that only the strips' small upper corners are computed and not used (one call
            // for the whole square computed its upper half, ~15% of the update's flops at n = 5000)
            int s0 = i0;
            for (; s0 < Math.min(c1, i1); s0 += DIAGONAL_ROWS) {
                int s1 = Math.min(i1, s0 + DIAGONAL_ROWS);
                Gemm.multiplyAdd(Transpose.N, Transpose.T, s1 - s0, Math.min(c1, s1) - i0, kb, neg, (s0 - r0) * kb, kb,
                        pos, (i0 - r0) * kb, kb, l, s0 * n + i0, n);
            }
            // the block's rows below the columns' end (c1 inside the block: a block column's own update), full width
            if (c1 > i0 && s0 < i1) {
                Gemm.multiplyAdd(Transpose.N, Transpose.T, i1 - s0, c1 - i0, kb, neg, (s0 - r0) * kb, kb, pos,
                        (i0 - r0) * kb, kb, l, s0 * n + i0, n);
            }
        });
    }

    /** L₂₁ = A₂₁ L₁₁⁻ᵀ for rows [i0, i1), block columns [k0, k0 + kb). */
    private void panelRows(int k0, int kb, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            int ri = i * n;
            for (int j = k0; j < k0 + kb; j++) {
                int rj = j * n;
                l[ri + j] = (l[ri + j] - Kernels.dot(l, ri + k0, l, rj + k0, j - k0)) / l[rj + j];
            }
        }
    }

    @Override
    public int failedPivotIndex() {
        return outcome.failedPivotIndex();
    }

    @Override
    public double failedPivotValue() {
        return outcome.failedPivotValue();
    }

    /** The backing array: L on and below the diagonal, row-major; entries above the diagonal are unspecified. */
    double[] factor() {
        return l;
    }

    /** b ← (A + μI)⁻¹b: L w = b by rows, then Lᵀ z = w as row-wise updates (both along contiguous rows of L). */
    @Override
    public void solveInPlace(double[] b) {
        outcome.requireFactor();
        if (b.length != n) {
            throw new IllegalArgumentException("b must have length " + n + ", got " + b.length);
        }
        for (int i = 0; i < n; i++) {
            b[i] = (b[i] - Kernels.dot(l, i * n, b, 0, i)) / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double z = b[i] / l[i * n + i];
            b[i] = z;
            Kernels.axpy(-z, l, i * n, b, 0, i);
        }
    }

    /**
     * LAPACK dpocon's estimate of κ₁(A + μI): Hager's method for ‖(A + μI)⁻¹‖₁ with Higham's safeguards, the same
     * steps as {@code org.sgdlab.linalg.Cholesky#conditionEstimate} (see there), over this factor's solves.
     */
    @Override
    public double conditionEstimate() {
        return org.sgdlab.linalg.InverseNormEstimate.condition(outcome.factored(), n, norm1, solver, x, y);
    }

    /** The Java path and its GEMM (and, when a native factorization was asked for but cannot be used, why). */
    @Override
    public String describe() {
        return "sgdlab blocked Cholesky, GEMM: " + Gemm.describe() + NativeCholesky.whyNot();
    }
}
