package org.sgdlab.kernels;

import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.parallel.Parallel;

/**
 * Symmetric products A Aᵀ by panels of rows, computing (about) the lower triangle only: panel b (rows [i0, i1),
 * i0 = b·{@value #ROWS}) is one {@link Gemm} call against rows [0, i1), written straight into the result, then
 * mirrored to the upper triangle by tiles. Each entry is one GEMM entry (with the Java backend one FMA chain over the
 * columns, however the call is blocked), so the result has the bits of the full product {@code Gemm.multiply(N, T)}
 * on and below the diagonal, the mirror image above it, and the same bits for any thread count.
 */
final class LowerPanels {
    /** Rows per panel (fixed: independent of the thread count). */
    static final int ROWS = 128;
    /** The edge of the tiles the mirror copies (source and destination tiles stay in cache). */
    private static final int MIRROR_TILE = 64;

    private LowerPanels() {
    }

    /** The number of panels of n rows. */
    static int panels(int n) {
        return (n + ROWS - 1) / ROWS;
    }

    /**
     * out[i·n + j] ← ⟨aᵢ, aⱼ⟩ for the rows of panel {@code panel} and j &lt; i1 (entries with j &gt; i inside the
     * diagonal block included; the mirror overwrites them). a: n × p row-major, read only; out: n × n.
     */
    static void product(double[] a, int n, int p, int panel, double[] out) {
        int i0 = panel * ROWS;
        int i1 = Math.min(n, i0 + ROWS);
        Gemm.multiply(Transpose.N, Transpose.T, i1 - i0, i1, p, a, i0 * p, Math.max(1, p), a, 0, Math.max(1, p), out,
                i0 * n, Math.max(1, n));
    }

    /**
     * out[j·n + i] ← out[i·n + j] for the panel's rows i and every j &lt; i: the panel's part of the upper triangle,
     * which no other panel writes (its columns are this panel's rows).
     */
    static void mirror(double[] out, int n, int panel) {
        int i0 = panel * ROWS;
        int i1 = Math.min(n, i0 + ROWS);
        for (int j0 = 0; j0 < i1; j0 += MIRROR_TILE) {
            int j1 = Math.min(i1, j0 + MIRROR_TILE);
            for (int j = j0; j < j1; j++) {
                int dst = j * n;
                for (int i = Math.max(i0, j + 1); i < i1; i++) {
                    out[dst + i] = out[i * n + j];
                }
            }
        }
    }

    /** out ← A Aᵀ (n × n, a new array): every panel's product and mirror, the panels in parallel, longest first. */
    static double[] gram(double[] a, int n, int p) {
        double[] out = new double[Math.multiplyExact(n, n)];
        int panels = panels(n);
        Parallel.forEachBlock(panels, (b, worker) -> {
            int panel = panels - 1 - b;
            product(a, n, p, panel, out);
            mirror(out, n, panel);
        });
        return out;
    }
}
