package org.sgdlab.kernels;

import org.sgdlab.linalg.SymmetricEigen;

/**
 * The q-point Gauss–Hermite rule ∫ f(t) e^{−t²} dt ≈ Σᵢ wᵢ f(tᵢ), exact for polynomials of degree ≤ 2q − 1.
 *
 * <p>Nodes and weights: Golub &amp; Welsch ("Calculation of Gauss quadrature rules", Math. Comp. 23, 1969): the nodes
 * are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the orthonormal Hermite polynomials (zero
 * diagonal, off-diagonal βₖ = √(k/2), k = 1..q−1), computed with the repository's {@link SymmetricEigen}; each node is
 * then polished by Newton steps on the orthonormal polynomial p̃_q (three-term recurrence p̃₀ = π^{−1/4},
 * p̃ₖ(t) = √(2/k)·t·p̃ₖ₋₁(t) − √((k−1)/k)·p̃ₖ₋₂(t), derivative p̃_q′ = √(2q)·p̃_{q−1}), and its weight taken from the
 * Christoffel–Darboux formula wᵢ = 1/(q·p̃_{q−1}(tᵢ)²) (Gautschi, <i>Orthogonal Polynomials: Computation and
 * Approximation</i>, 2004, §3.1.1), which keeps the tiny weights of the outer nodes to full relative accuracy (an
 * eigenvector component, √π·v₀ᵢ², is accurate only in absolute terms). The rule is made exactly symmetric
 * (t_{q−1−i} = −tᵢ, equal weights). Immutable.
 */
public final class GaussHermite {
    /** The largest q accepted (the recurrence stays in range of a double well beyond, the Jacobi solver is O(q³)). */
    public static final int MAX_POINTS = 200;

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The q-point rule.
     *
     * @throws IllegalArgumentException if q is outside [1, {@value #MAX_POINTS}]
     */
    public static GaussHermite of(int q) {
        if (q < 1 || q > MAX_POINTS) {
            throw new IllegalArgumentException("Gauss-Hermite points must be in [1, " + MAX_POINTS + "], got " + q);
        }
        double[] t = new double[q];
        double[] w = new double[q];
        if (q == 1) {
            w[0] = Math.sqrt(Math.PI);
            return new GaussHermite(t, w);
        }
        double[] jacobi = new double[q * q];
        for (int k = 1; k < q; k++) {
            double beta = Math.sqrt(k / 2.0);
            jacobi[(k - 1) * q + k] = beta;
            jacobi[k * q + k - 1] = beta;
        }
        SymmetricEigen eig = SymmetricEigen.of(jacobi, q);
        if (!eig.converged()) {
            throw new IllegalStateException("the Jacobi eigensolver did not converge on the " + q + "-point Hermite matrix");
        }
        double[] pq = new double[2];
        for (int i = 0; i < q; i++) {
            double x = eig.values()[i];
            for (int it = 0; it < 8; it++) {
                orthonormal(q, x, pq);
                double step = pq[0] / (Math.sqrt(2.0 * q) * pq[1]);
                x -= step;
                if (Math.abs(step) <= 1e-16 * Math.max(1.0, Math.abs(x))) {
                    break;
                }
            }
            orthonormal(q, x, pq);
            t[i] = x;
            w[i] = 1.0 / (q * pq[1] * pq[1]);
        }
        for (int i = 0; i < q / 2; i++) {
            int j = q - 1 - i;
            double node = 0.5 * (t[j] - t[i]);
            double weight = 0.5 * (w[i] + w[j]);
            t[i] = -node;
            t[j] = node;
            w[i] = weight;
            w[j] = weight;
        }
        if (q % 2 == 1) {
            t[q / 2] = 0.0;
        }
        return new GaussHermite(t, w);
    }

    /** out[0] = p̃_q(x), out[1] = p̃_{q−1}(x) (orthonormal Hermite polynomials for the weight e^{−t²}). */
    private static void orthonormal(int q, double x, double[] out) {
        double prev = 0.0;
        double cur = Math.pow(Math.PI, -0.25);
        for (int k = 1; k <= q; k++) {
            double next = Math.sqrt(2.0 / k) * x * cur - Math.sqrt((k - 1.0) / k) * prev;
            prev = cur;
            cur = next;
        }
        out[0] = cur;
        out[1] = prev;
    }

    /** q, the number of nodes. */
    public int points() {
        return nodes.length;
    }

    /** The nodes t₀ &lt; … &lt; t_{q−1} (a copy). */
    public double[] nodes() {
        return nodes.clone();
    }

    /** The weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    double node(int i) {
        return nodes[i];
    }

    double weight(int i) {
        return weights[i];
    }
}
