package org.sgdlab.linalg;

import java.util.Objects;

/**
 * The argument checks shared by every GEMM entry point ({@link Gemm}, {@link GemmKernel}, {@link GemmReference} and
 * the native backends behind {@link GemmBackend}): shapes, leading dimensions, offsets and array lengths, each failure
 * an {@link IllegalArgumentException} naming the parameter and its value. Nothing is modified.
 */
public final class GemmArguments {
    private GemmArguments() {
    }

    /**
     * Checks a call C (m × n) ← [C +] op(A) (m × k) · op(B) (k × n), all row-major: A is stored m × k for
     * {@link Transpose#N} and k × m for {@link Transpose#T}, with rows {@code lda} apart (lda ≥ its stored column
     * count, and ≥ 1); likewise B (k × n or n × k, {@code ldb}) and C (m × n, {@code ldc}). C may not share an index
     * range of its array with A or B (checked on the intervals the operands span, so two interleaved column blocks of
     * one array count as overlapping).
     */
    public static void check(Transpose ta, Transpose tb, int m, int n, int k, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        Objects.requireNonNull(ta, "ta");
        Objects.requireNonNull(tb, "tb");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        boolean an = ta == Transpose.N;
        boolean bn = tb == Transpose.N;
        long aEnd = operand("a", a, aOff, "lda", lda, an ? m : k, an ? k : m, an ? "m×k (ta = N)" : "k×m (ta = T)");
        long bEnd = operand("b", b, bOff, "ldb", ldb, bn ? k : n, bn ? n : k, bn ? "k×n (tb = N)" : "n×k (tb = T)");
        long cEnd = operand("c", c, cOff, "ldc", ldc, m, n, "m×n");
        if (c == a && overlaps(cOff, cEnd, aOff, aEnd)) {
            throw new IllegalArgumentException("c and a are the same array and their ranges overlap: c spans ["
                    + cOff + ", " + cEnd + "), a spans [" + aOff + ", " + aEnd + ")");
        }
        if (c == b && overlaps(cOff, cEnd, bOff, bEnd)) {
            throw new IllegalArgumentException("c and b are the same array and their ranges overlap: c spans ["
                    + cOff + ", " + cEnd + "), b spans [" + bOff + ", " + bEnd + ")");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** Checks one stored operand (rows × cols, rows {@code ld} apart, from {@code off}); returns the end of its span. */
    private static long operand(String name, double[] x, int off, String ldName, int ld, int rows, int cols,
                                String shape) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(ldName + " must be >= max(1, " + cols + "), the column count of " + name
                    + " stored " + shape + " = " + rows + "×" + cols + ", got " + ld);
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + "Off must be >= 0, got " + off);
        }
        if (rows == 0 || cols == 0) {
            return off;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException(name + " has length " + x.length + ", too short for a " + rows + "×"
                    + cols + " matrix (" + shape + ") at offset " + off + " with " + ldName + " = " + ld
                    + ": needs " + end);
        }
        return end;
    }

    private static boolean overlaps(long from1, long to1, long from2, long to2) {
        return from1 < to1 && from2 < to2 && from1 < to2 && from2 < to1;
    }
}
