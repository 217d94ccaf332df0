package org.sgdlab.nn.autodiff;

import org.sgdlab.linalg.GemmOperands;
import org.sgdlab.nn.tensor.Shape;

/**
 * C = op(A)·op(B) for matrices (op = identity or transpose), every product through {@link ProductKernel}.
 * With Ā the adjoint of A as stored (m × K, or K × m when transposed):
 * <pre>
 *   forward   C = op(A) op(B)
 *   tangent   Ċ = op(Ȧ) op(B) + op(A) op(Ḃ)
 *   backward  op(A)‾ += C̄ op(B)ᵀ,   op(B)‾ += op(A)ᵀ C̄
 *   R         R{op(A)‾} += R{C̄} op(B)ᵀ + C̄ op(Ḃ)ᵀ,   R{op(B)‾} += op(A)ᵀ R{C̄} + op(Ȧ)ᵀ C̄
 * </pre>
 * (002 §4.3: ∂U/∂Z[S] = Wᵀ S for U = ZW, written for both factors.) Each is one or two kernel calls.
 */
final class MatMul extends Node {
    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final int lda;
    private final int ldb;
    /** The graph's operand copies for a native backend ({@link Graph} sets them; none before). */
    GemmOperands operands = GemmOperands.NONE;

    MatMul(Node a, Node b, boolean transA, boolean transB) {
        super("matmul", outputShape(a, b, transA, transB), a, b);
        this.transA = transA;
        this.transB = transB;
        this.m = transA ? a.shape.dim(1) : a.shape.dim(0);
        this.k = transA ? a.shape.dim(0) : a.shape.dim(1);
        this.n = transB ? b.shape.dim(0) : b.shape.dim(1);
        this.lda = a.shape.dim(1);
        this.ldb = b.shape.dim(1);
    }

    private static Shape outputShape(Node a, Node b, boolean transA, boolean transB) {
        if (a.shape.rank() != 2 || b.shape.rank() != 2) {
            throw new IllegalArgumentException("matmul needs two matrices (reshape vectors first), got shapes "
                    + a.shape + " and " + b.shape);
        }
        int m = transA ? a.shape.dim(1) : a.shape.dim(0);
        int ka = transA ? a.shape.dim(0) : a.shape.dim(1);
        int kb = transB ? b.shape.dim(1) : b.shape.dim(0);
        int n = transB ? b.shape.dim(0) : b.shape.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: op(A) is " + m + "×" + ka
                    + " (A " + a.shape + (transA ? ", transposed" : "") + "), op(B) is " + kb + "×" + n
                    + " (B " + b.shape + (transB ? ", transposed" : "") + ")");
        }
        return Shape.of(m, n);
    }

    @Override
    protected void forward() {
        Node a = inputs[0];
        Node b = inputs[1];
        ProductKernel.product(false, transA, transB, m, n, k, a.value, 0, lda, b.value, 0, ldb, value, 0, n, operands);
    }

    /**
     * Adds the A-adjoint for output adjoint {@code cbar} and B-values {@code bv} into {@code out} (A's shape), or writes
     * it there ({@code write}: the chains then start from +0 instead of from a zeroed {@code out}, the same bits).
     */
    private void addGradA(double[] cbar, double[] bv, double[] out, boolean write) {
        if (!transA) {
            // Ā (m×k) += C̄ (m×n) · op(B)ᵀ (n×k)
            product(write, false, !transB, m, k, n, cbar, n, bv, ldb, out, lda);
        } else {
            // Ā (k×m) += op(B) (k×n) · C̄ᵀ (n×m)
            product(write, transB, true, k, m, n, bv, ldb, cbar, n, out, lda);
        }
    }

    /** Adds (or with {@code write} writes) the B-adjoint for output adjoint {@code cbar} and A-values {@code av} into {@code out} (B's shape). */
    private void addGradB(double[] cbar, double[] av, double[] out, boolean write) {
        if (!transB) {
            // B̄ (k×n) += op(A)ᵀ (k×m) · C̄ (m×n)
            product(write, !transA, false, k, n, m, av, lda, cbar, n, out, ldb);
        } else {
            // B̄ (n×k) += C̄ᵀ (n×m) · op(A) (m×k)
            product(write, true, transA, n, k, m, cbar, n, av, lda, out, ldb);
        }
    }

    private void product(boolean write, boolean ta, boolean tb, int m, int n, int k, double[] a, int lda,
                         double[] b, int ldb, double[] c, int ldc) {
        ProductKernel.product(!write, ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, ldc, operands);
    }

    /** Both factors' adjoints are whole matrices written by one product each, unless A and B are the same node. */
    @Override
    boolean canOverwriteAdjoint(int i) {
        return inputs[0] != inputs[1];
    }

    @Override
    protected void backward() {
        Node a = inputs[0];
        Node b = inputs[1];
        if (a.differentiable) {
            addGradA(grad, b.value, a.grad, overwrites(0));
        }
        if (b.differentiable) {
            addGradB(grad, a.value, b.grad, overwrites(1));
        }
    }

    @Override
    protected void tangent() {
        Node a = inputs[0];
        Node b = inputs[1];
        if (a.differentiable) {
            ProductKernel.product(false, transA, transB, m, n, k, a.tangent, 0, lda, b.value, 0, ldb, tangent, 0, n,
                    operands);
            if (b.differentiable) {
                ProductKernel.product(true, transA, transB, m, n, k, a.value, 0, lda, b.tangent, 0, ldb, tangent, 0, n,
                        operands);
            }
        } else {
            ProductKernel.product(false, transA, transB, m, n, k, a.value, 0, lda, b.tangent, 0, ldb, tangent, 0, n,
                    operands);
        }
    }

    @Override
    protected void backwardTangent() {
        Node a = inputs[0];
        Node b = inputs[1];
        if (a.differentiable) {
            addGradA(gradTangent, b.value, a.gradTangent, false);
            if (b.differentiable) {
                addGradA(grad, b.tangent, a.gradTangent, false);
            }
        }
        if (b.differentiable) {
            addGradB(gradTangent, a.value, b.gradTangent, false);
            if (a.differentiable) {
                addGradB(grad, a.tangent, b.gradTangent, false);
            }
        }
    }
}
