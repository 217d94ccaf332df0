package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a dense symmetric d × d matrix by the cyclic Jacobi method, eigenvalues
 * ascending: sgdlab's symmetric eigensolver with eigenvectors (Hessian spectra of the finite-sum problems and claims, the
 * inverse square root of full-matrix AdaGrad).
 *
 * <p>Algorithm (Jacobi 1846; Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.5.2–8.5.3): cyclic sweeps
 * over the pairs p &lt; q of the rotation J = [[c, s], [−s, c]] in the (p, q) plane that zeroes a_pq, A ← JᵀAJ,
 * V ← VJ, with θ = (a_qq − a_pp)/(2a_pq), t = sign(θ)/(|θ| + √(θ² + 1)) (t = 1/(2θ) when θ² overflows),
 * c = 1/√(t² + 1), s = t·c, a_pp ← a_pp − t·a_pq, a_qq ← a_qq + t·a_pq. The sweeps stop when the off-diagonal mass
 * Σ_{p&lt;q} a_pq² is 0 or at most 10⁻³⁴ times Σ_p a_pp² (rounding level of the diagonal; {@link #converged()}), at
 * most {@value #MAX_SWEEPS} sweeps. Each sweep is O(d³) and the convergence is quadratic, so a handful suffice; meant
 * for d up to a few hundred, and it returns eigenvectors orthonormal to rounding level without a tridiagonal reduction.
 * Which solver when: this one when the eigenvectors are needed (or the bits of an existing result must stay); for the
 * eigenvalues alone at d beyond a few dozen, {@link TridiagonalQrEigenvalues} (Householder tridiagonalization and
 * implicit QR, Golub &amp; Van Loan §8.3: ≈ (4/3)d³ flops against ≈ 2d³ per Jacobi sweep; ~35× less CPU at d = 574),
 * which agrees with {@link #eigenvalues} to d·ε·‖A‖_F but not bit for bit.
 *
 * <p>An instance ({@link Decomposition}) allocates its arrays once, so {@link #decompose} allocates nothing;
 * {@link #of} is the one-shot form. The eigenpairs are sorted ascending by a stable sort of the order in which the
 * sweeps leave them. Written for sgdlab; no external code.
 */
public final class SymmetricEigen implements Decomposition {
    private static final int MAX_SWEEPS = 100;

    private final int d;
    /** Work copy of A; its diagonal holds the eigenvalues after the sweeps. */
    private final double[] a;
    /**
     * The accumulated rotations Vᵀ (eigenvectors in the rows, so that a rotation updates two contiguous rows), in the
     * sweeps' order; null when only the eigenvalues are wanted.
     */
    private final double[] raw;
    private final int[] order;
    private final double[] values;
    private final double[] vectors;
    private int sweeps;
    private boolean converged;

    /**
     * A reusable eigensolver for d × d matrices.
     *
     * @throws IllegalArgumentException if d &lt; 1
     */
    public SymmetricEigen(int d) {
        this(d, true);
    }

    private SymmetricEigen(int d, boolean withVectors) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        this.d = d;
        this.a = new double[Math.multiplyExact(d, d)];
        this.raw = withVectors ? new double[d * d] : null;
        this.order = new int[d];
        this.values = new double[d];
        this.vectors = withVectors ? new double[d * d] : null;
    }

    /** Decomposes the symmetric row-major d × d matrix {@code m} (read only; its upper triangle defines it) in a new instance. */
    public static SymmetricEigen of(double[] m, int d) {
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(m);
        return e;
    }

    /**
     * The eigenvalues of the symmetric row-major d × d matrix {@code m} (read only; its upper triangle defines it),
     * ascending, in a new array: the same bits as {@code of(m, d).values()}, at about half the work (the rotations
     * are not accumulated). NaN everywhere for a non-finite matrix.
     *
     * @throws IllegalArgumentException if d &lt; 1 or m is not d × d
     */
    public static double[] eigenvalues(double[] m, int d) {
        SymmetricEigen e = new SymmetricEigen(d, false);
        e.decompose(m);
        return e.values;
    }

    @Override
    public int rows() {
        return d;
    }

    @Override
    public int cols() {
        return d;
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** The eigenvalues of the last {@link #decompose}, ascending (the backing array). */
    public double[] values() {
        return values;
    }

    /**
     * The unit eigenvectors of the last {@link #decompose} in the columns, row-major d × d: {@code vectors()[i*d + k]}
     * is component i of the eigenvector of {@code values()[k]} (the backing array).
     */
    public double[] vectors() {
        if (vectors == null) {
            throw new IllegalStateException("this instance computes eigenvalues only");
        }
        return vectors;
    }

    /** The largest eigenvalue. */
    public double max() {
        return values[d - 1];
    }

    /** The smallest eigenvalue. */
    public double min() {
        return values[0];
    }

    /** Sweeps used by the last {@link #decompose}. */
    public int sweeps() {
        return sweeps;
    }

    /** Whether the last {@link #decompose} reached the stopping test (false also for a non-finite matrix). */
    public boolean converged() {
        return converged;
    }

    /**
     * Decomposes the symmetric row-major d × d matrix {@code m} (read only; its upper triangle defines the matrix).
     * Allocates nothing. A non-finite entry gives NaN eigenvalues and eigenvectors (as the sweeps would, without
     * running them) and returns false.
     *
     * @return {@link #converged()}
     */
    @Override
    public boolean decompose(double[] m) {
        Shapes.checkLength("m", m, d, d);
        if (Shapes.firstNonFinite(m, m.length) >= 0) {
            Arrays.fill(values, Double.NaN);
            if (vectors != null) {
                Arrays.fill(vectors, Double.NaN);
            }
            sweeps = 0;
            converged = false;
            return false;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i * d + j] = m[i * d + j];
                a[j * d + i] = m[i * d + j];
            }
        }
        if (raw != null) {
            Arrays.fill(raw, 0.0);
            for (int i = 0; i < d; i++) {
                raw[i * d + i] = 1.0;
            }
        }
        converged = false;
        sweeps = 0;
        while (sweeps < MAX_SWEEPS) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p * d + p] * a[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            // stop when the off-diagonal part is below rounding level of the diagonal
            if (off == 0 || off <= 1e-34 * diag) {
                converged = true;
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(p, q);
                }
            }
            sweeps++;
        }
        sortAscending();
        return converged;
    }

    /** values, vectors ← the diagonal of a and the rows of raw, ascending by a stable insertion sort. */
    private void sortAscending() {
        for (int i = 0; i < d; i++) {
            int key = i;
            int j = i - 1;
            while (j >= 0 && Double.compare(a[order[j] * d + order[j]], a[key * d + key]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = key;
        }
        for (int k = 0; k < d; k++) {
            int src = order[k];
            values[k] = a[src * d + src];
            if (vectors != null) {
                for (int i = 0; i < d; i++) {
                    vectors[i * d + k] = raw[src * d + i];
                }
            }
        }
    }

    /**
     * Zeroes a[p][q] (p &lt; q) with the rotation J = [[c, s], [−s, c]] in the (p, q) plane: A ← JᵀAJ, V ← VJ (V only
     * when the eigenvectors are wanted). Rows p and q of A are rotated in one contiguous pass ({@link #rotateRows}; a
     * is kept exactly symmetric, so they hold columns p and q too) and then copied into columns p and q; rows p and q
     * of {@code raw} (Vᵀ) likewise. Each entry gets the same two products and one sum as in the textbook column
     * loop, so the bits do not depend on the layout.
     */
    private void rotate(int p, int q) {
        double apq = a[p * d + q];
        if (apq == 0) {
            return;
        }
        double app = a[p * d + p];
        double aqq = a[q * d + q];
        double theta = (aqq - app) / (2 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (Double.isInfinite(theta * theta)) {
            t = 0.5 / theta; // |θ| huge: t ≈ 1/(2θ)
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int rp = p * d;
        int rq = q * d;
        // entries p and q of the two rows come out wrong here and are set below
        rotateRows(a, rp, rq, d, c, s);
        for (int k = 0; k < d; k++) {
            a[k * d + p] = a[rp + k];
            a[k * d + q] = a[rq + k];
        }
        a[rp + p] = app - t * apq;
        a[rq + q] = aqq + t * apq;
        a[rp + q] = 0;
        a[rq + p] = 0;
        if (raw != null) {
            rotateRows(raw, rp, rq, d, c, s);
        }
    }

    /** (x[pOff + k], x[qOff + k]) ← (c·x[pOff + k] − s·x[qOff + k], s·x[pOff + k] + c·x[qOff + k]) for k &lt; n. */
    static void rotateRows(double[] x, int pOff, int qOff, int n, double c, double s) {
        if (Simd.ENABLED && n >= 2 * VectorKernels.LANES) {
            VectorKernels.rotateRows(x, pOff, qOff, n, c, s);
            return;
        }
        rotateRowsScalar(x, pOff, qOff, n, c, s);
    }

    /** The scalar loop of {@link #rotateRows} (the reference its SIMD twin must match bit for bit). */
    static void rotateRowsScalar(double[] x, int pOff, int qOff, int n, double c, double s) {
        for (int k = 0; k < n; k++) {
            double xp = x[pOff + k];
            double xq = x[qOff + k];
            x[pOff + k] = c * xp - s * xq;
            x[qOff + k] = s * xp + c * xq;
        }
    }
}
