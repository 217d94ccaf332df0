package org.sgdlab.kernels;

import java.util.Objects;
import org.sgdlab.linalg.Gemm;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.parallel.Parallel;

/**
 * Gram matrices K[i][j] = k(xᵢ, xⱼ) and cross-Gram matrices K[i][j] = k(xᵢ, zⱼ), row-major {@code double[]}.
 *
 * <p>Blocked and multithreaded with the same bits for any thread count: the index space is cut into
 * {@value #TILE} × {@value #TILE} tiles without looking at the thread count (for the symmetric matrix only the tiles
 * on and below the diagonal), the tiles run through {@link Parallel#forEachBlock}, and each tile writes only its own
 * entries. For an {@link InnerProductKernel} the rows are cut into panels of {@value #PANEL} instead, and a panel's
 * inner products with all earlier rows (the cross matrix: with all of z) come from one {@link Gemm} call written
 * straight into the result (its Java kernel is one FMA chain per entry, the same bits as {@link InnerProducts#dot}
 * however the product is blocked), which {@link InnerProductKernel#fromInnerProductsInPlace} then maps in place row
 * by row (the ReLU NTK four entries at a time on rows of at least {@code AnalyticNtk.LANES_MIN_ROW} entries when the
 * Vector API is on, with the bits of the entry-by-entry map); other
 * kernels are evaluated entry by entry. Either way entry (i, j) with i ≥ j of the symmetric matrix,
 * and every entry of the cross matrix, equals {@code kernel.value(xᵢ, xⱼ)} bit for bit (with the default Java GEMM
 * backend; {@code -Dsgdlab.blas=openblas} changes the last bits of the inner products), and the upper triangle is the
 * mirror of the lower one, so K is exactly symmetric.
 */
public final class GramMatrix {
    /** The tile edge (kernels evaluated point by point). */
    public static final int TILE = 64;
    /** Rows per {@link Gemm} call for inner-product kernels (fixed: the bits do not depend on it or on the threads). */
    static final int PANEL = LowerPanels.ROWS;

    private GramMatrix() {
    }

    /**
     * K = [k(xᵢ, xⱼ)], n × n row-major, a new array. {@code x} is read only.
     *
     * @throws IllegalArgumentException if an entry of x is not finite (naming its row and column)
     */
    public static double[] symmetric(Kernel kernel, Matrix x) {
        Objects.requireNonNull(kernel, "kernel");
        requireFinite("x", x);
        int n = x.rows();
        double[] out = new double[Math.multiplyExact(n, n)];
        if (kernel instanceof InnerProductKernel ip) {
            double[] norms = squaredNorms(x);
            int panels = LowerPanels.panels(n);
            // largest panels first: panel b has (b + 1)·PANEL columns, so the last ones are the long jobs
            Parallel.forEachBlock(panels, (block, worker) -> lowerPanel(ip, x, norms, panels - 1 - block, out));
            return out;
        }
        int tiles = (n + TILE - 1) / TILE;
        int blocks = tiles * (tiles + 1) / 2;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            int ti = (int) ((Math.sqrt(8.0 * block + 1) - 1) / 2);
            while (ti * (ti + 1) / 2 > block) {
                ti--;
            }
            while ((ti + 1) * (ti + 2) / 2 <= block) {
                ti++;
            }
            int tj = block - ti * (ti + 1) / 2;
            tile(kernel, x, x, ti * TILE, tj * TILE, out, n, true);
        });
        return out;
    }

    /**
     * Rows [i0, i1) of the symmetric K for an inner-product kernel, i0 = panel·{@value #PANEL}: one {@link Gemm} call
     * ({@link LowerPanels#product}) writes the inner products of those rows with rows [0, i1) into out (row length n;
     * the entries above the diagonal inside the diagonal block are computed and then overwritten), then each entry
     * (i, j ≤ i) is mapped in place and mirrored to (j, i) by tiles. Panels write disjoint entries: panel b's own rows,
     * and in earlier rows only its own columns [i0, i1), which no other panel writes.
     */
    private static void lowerPanel(InnerProductKernel ip, Matrix x, double[] norms, int panel, double[] out) {
        int n = x.rows();
        LowerPanels.product(x.data(), n, x.cols(), panel, out);
        int i0 = panel * PANEL;
        int i1 = Math.min(n, i0 + PANEL);
        for (int i = i0; i < i1; i++) {
            ip.fromInnerProductsInPlace(norms[i], norms, out, i * n, i + 1);
        }
        LowerPanels.mirror(out, n, panel);
    }

    /**
     * K = [k(xᵢ, zⱼ)], n × m row-major, a new array. {@code x} and {@code z} are read only.
     *
     * @throws IllegalArgumentException if the column counts differ or an entry is not finite
     */
    public static double[] cross(Kernel kernel, Matrix x, Matrix z) {
        Objects.requireNonNull(kernel, "kernel");
        if (x.cols() != z.cols()) {
            throw new IllegalArgumentException("x has " + x.cols() + " columns but z has " + z.cols());
        }
        requireFinite("x", x);
        requireFinite("z", z);
        int n = x.rows();
        int m = z.rows();
        double[] out = new double[Math.multiplyExact(n, m)];
        if (kernel instanceof InnerProductKernel ip) {
            double[] nx = squaredNorms(x);
            double[] nz = squaredNorms(z);
            Parallel.forEachBlock((n + PANEL - 1) / PANEL, (panel, worker) -> {
                int i0 = panel * PANEL;
                int i1 = Math.min(n, i0 + PANEL);
                int d = x.cols();
                Gemm.multiply(Transpose.N, Transpose.T, i1 - i0, m, d, x.data(), i0 * d, Math.max(1, d), z.data(), 0,
                        Math.max(1, d), out, i0 * m, Math.max(1, m));
                for (int i = i0; i < i1; i++) {
                    ip.fromInnerProductsInPlace(nx[i], nz, out, i * m, m);
                }
            });
            return out;
        }
        int rowTiles = (n + TILE - 1) / TILE;
        int colTiles = (m + TILE - 1) / TILE;
        Parallel.forEachBlock(rowTiles * colTiles, (block, worker) ->
                tile(kernel, x, z, (block / colTiles) * TILE, (block % colTiles) * TILE, out, m, false));
        return out;
    }

    /**
     * Entries [i0, i0+TILE) × [j0, j0+TILE) of out (row length ld) by {@link Kernel#value}; with {@code mirror}, only
     * i ≥ j, copied to (j, i).
     */
    private static void tile(Kernel kernel, Matrix x, Matrix z, int i0, int j0, double[] out, int ld, boolean mirror) {
        int mi = Math.min(TILE, x.rows() - i0);
        int mj = Math.min(TILE, z.rows() - j0);
        int d = x.cols();
        double[] xa = x.data();
        double[] za = z.data();
        double[] xi = new double[d];
        double[] zj = new double[d];
        for (int a = 0; a < mi; a++) {
            int i = i0 + a;
            System.arraycopy(xa, i * d, xi, 0, d);
            for (int b = 0; b < mj; b++) {
                int j = j0 + b;
                if (mirror && j > i) {
                    break;
                }
                System.arraycopy(za, j * d, zj, 0, d);
                double k = kernel.value(xi, zj);
                out[i * ld + j] = k;
                if (mirror) {
                    out[j * ld + i] = k;
                }
            }
        }
    }

    /** ‖xᵢ‖² with the bits of a GEMM diagonal entry. */
    static double[] squaredNorms(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = InnerProducts.dot(a, i * d, a, i * d, d);
        }
        return out;
    }

    static void requireFinite(String name, Matrix x) {
        double[] a = x.data();
        int d = Math.max(1, x.cols());
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException(name + " row " + (k / d) + ", column " + (k % d) + " is not finite: " + a[k]);
            }
        }
    }
}
