package org.sgdlab.linalg;

import java.util.Arrays;

/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a dense symmetric d × d matrix by the cyclic Jacobi method, eigenvalues
 * ascending: the one symmetric eigensolver of sgdlab (Hessian spectra of the finite-sum problems and claims, the
 * inverse square root of full-matrix AdaGrad).
 *
 * <p>Algorithm (Jacobi 1846; Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.5.2–8.5.3): cyclic sweeps
 * over the pairs p &lt; q of the rotation J = [[c, s], [−s, c]] in the (p, q) plane that zeroes a_pq, A ← JᵀAJ,
 * V ← VJ, with θ = (a_qq − a_pp)/(2a_pq), t = sign(θ)/(|θ| + √(θ² + 1)) (t = 1/(2θ) when θ² overflows),
 * c = 1/√(t² + 1), s = t·c, a_pp ← a_pp − t·a_pq, a_qq ← a_qq + t·a_pq. The sweeps stop when the off-diagonal mass
 * Σ_{p&lt;q} a_pq² is 0 or at most 10⁻³⁴ times Σ_p a_pp² (rounding level of the diagonal; {@link #converged()}), at
 * most {@value #MAX_SWEEPS} sweeps. Each sweep is O(d³) and the convergence is quadratic, so a handful suffice; meant
 * for d up to a few hundred. It is the only algorithm here: the callers' matrices are that small (the finite-sum
 * Hessians stop at {@code FiniteSum.EIGEN_LIMIT}), and it returns eigenvectors orthonormal to rounding level without
 * a tridiagonal reduction. A tridiagonal QR (Golub &amp; Van Loan §8.3) would be the second algorithm once a caller
 * needs larger d.
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
    /** The accumulated rotations, eigenvectors in the columns, in the sweeps' order. */
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
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        this.d = d;
        this.a = new double[Math.multiplyExact(d, d)];
        this.raw = new double[d * d];
        this.order = new int[d];
        this.values = new double[d];
        this.vectors = new double[d * d];
    }

    /** Decomposes the symmetric row-major d × d matrix {@code m} (read only; its upper triangle defines it) in a new instance. */
    public static SymmetricEigen of(double[] m, int d) {
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(m);
        return e;
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
            Arrays.fill(vectors, Double.NaN);
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
        Arrays.fill(raw, 0.0);
        for (int i = 0; i < d; i++) {
            raw[i * d + i] = 1.0;
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

    /** values, vectors ← the diagonal of a and the columns of raw, ascending by a stable insertion sort. */
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
            for (int i = 0; i < d; i++) {
                vectors[i * d + k] = raw[i * d + src];
            }
        }
    }

    /** Zeroes a[p][q] with the rotation J = [[c, s], [−s, c]] in the (p, q) plane: A ← JᵀAJ, V ← VJ. */
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
        for (int k = 0; k < d; k++) {
            if (k == p || k == q) {
                continue;
            }
            double akp = a[k * d + p];
            double akq = a[k * d + q];
            double nkp = c * akp - s * akq;
            double nkq = s * akp + c * akq;
            a[k * d + p] = nkp;
            a[p * d + k] = nkp;
            a[k * d + q] = nkq;
            a[q * d + k] = nkq;
        }
        a[p * d + p] = app - t * apq;
        a[q * d + q] = aqq + t * apq;
        a[p * d + q] = 0;
        a[q * d + p] = 0;
        for (int k = 0; k < d; k++) {
            double vkp = raw[k * d + p];
            double vkq = raw[k * d + q];
            raw[k * d + p] = c * vkp - s * vkq;
            raw[k * d + q] = s * vkp + c * vkq;
        }
    }
}
