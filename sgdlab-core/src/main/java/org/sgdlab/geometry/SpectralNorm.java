package org.sgdlab.geometry;

import org.sgdlab.linalg.JacobiSvd;

/**
 * The spectral (operator) norm ‖W‖_op = σ_max of a rows×cols matrix parameter stored row-major. Its
 * dual is the nuclear norm Σσ_i and its sharp is the polar factor U Vᵀ of the thin SVD G = UΣVᵀ:
 * ‖UVᵀ‖_op = 1 and ⟨G, UVᵀ⟩ = tr Σ (Bernstein &amp; Newhouse 2024; the Muon direction). The sharp is
 * computed by exact one-sided Jacobi SVD ({@link JacobiSvd}), or, when a {@link NewtonSchulz}
 * iteration is given, approximated by it — then ‖sharp‖_op is only in Newton–Schulz's band around 1
 * and {@link #sharpInto(double[], double[], double[])} returns ⟨G, NS(G)⟩, not the nuclear norm.
 */
public final class SpectralNorm implements Norm {
    private final int rows;
    private final int cols;
    private final NewtonSchulz newtonSchulz;

    public SpectralNorm(int rows, int cols, NewtonSchulz newtonSchulz) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be positive, got rows=" + rows + ", cols=" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("matrix shape too large, got rows=" + rows + ", cols=" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.newtonSchulz = newtonSchulz;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The Newton–Schulz iteration, or null for the exact SVD. */
    public NewtonSchulz newtonSchulz() {
        return newtonSchulz;
    }

    @Override
    public int requiredLength() {
        return rows * cols;
    }

    private void check(double[] v) {
        if (v.length != rows * cols) {
            throw new IllegalArgumentException("spectral norm of a " + rows + "×" + cols + " matrix needs "
                    + rows * cols + " entries, got length " + v.length);
        }
    }

    @Override
    public double of(double[] v) {
        check(v);
        return JacobiSvd.spectralNorm(v, rows, cols);
    }

    @Override
    public double dual(double[] g) {
        check(g);
        double s = 0;
        for (double x : JacobiSvd.singularValues(g, rows, cols)) {
            s += x;
        }
        return s;
    }

    @Override
    public void sharpInto(double[] g, double[] out) {
        sharpInto(g, out, new double[workspaceSize(g.length)]);
    }

    @Override
    public int workspaceSize(int n) {
        return Math.max(JacobiSvd.workspaceSize(rows, cols), NewtonSchulz.workspaceSize(rows, cols));
    }

    /** Exact: returns the nuclear norm ‖G‖_*. Newton–Schulz: returns ⟨G, NS(G)⟩. */
    @Override
    public double sharpInto(double[] g, double[] out, double[] work) {
        check(g);
        if (newtonSchulz != null) {
            return newtonSchulz.orthogonalizeInto(g, rows, cols, out, work);
        }
        return JacobiSvd.polarInto(g, rows, cols, out, work);
    }

    @Override
    public String describe() {
        return "spectral(" + rows + "x" + cols + (newtonSchulz != null ? ", " + newtonSchulz : "") + ")";
    }
}
