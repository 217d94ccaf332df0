package org.sgdlab.problems;

import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * f(w) = ½ (w − w*)ᵀ A (w − w*) with A = Q diag(λ) Qᵀ symmetric positive definite. Its constants are
 * exact: ∇²f = A everywhere, so f is L-smooth with L = λ_max and γ-strongly convex with γ = λ_min,
 * κ = L/γ, f* = 0 attained only at w*. GD with step η multiplies the component of w − w* along
 * eigenvector qᵢ by (1 − ηλᵢ), so it converges iff η &lt; 2/λ_max (for a start with a component on
 * the top eigenvector). Not a finite sum (sampleCount 1; the minibatch gradient is the gradient);
 * wrap it in {@link PerturbedSum} for a stochastic version.
 */
public final class Quadratic implements Objective {
    private final double[] lambda;
    private final double[][] q;
    private final double[] a; // row-major d × d
    private final double[] wStar;
    private final double[] r;

    private Quadratic(double[] lambda, double[][] q, double[] wStar) {
        int d = lambda.length;
        if (q.length != d || wStar.length != d) {
            throw new IllegalArgumentException("dimensions differ: " + d + " eigenvalues, " + q.length + " rows of Q, "
                    + wStar.length + " entries of w*");
        }
        for (double l : lambda) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("eigenvalues must be positive and finite, got " + l);
            }
        }
        this.lambda = lambda.clone();
        this.q = new double[d][];
        for (int i = 0; i < d; i++) {
            this.q[i] = q[i].clone();
        }
        this.wStar = wStar.clone();
        this.a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i][k] * lambda[k] * q[j][k];
                }
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        this.r = new double[d];
    }

    /** A = Q diag(λ) Qᵀ with the given eigenvalues (column k of {@code q} is the eigenvector of λ_k), minimizer w*. */
    public static Quadratic of(double[] eigenvalues, double[][] q, double[] wStar) {
        return new Quadratic(eigenvalues, q, wStar);
    }

    /**
     * A d-dimensional quadratic with eigenvalues spread by {@code spacing} from λ_max down to λ_min,
     * eigenvectors from a Haar-random Q and w* ~ N(0, I/d) (so ‖w*‖ ≈ 1), all drawn from {@code rng}.
     */
    public static Quadratic withSpectrum(int d, double lambdaMin, double lambdaMax, Spacing spacing, RandomStream rng) {
        double[] l = spacing.eigenvalues(d, lambdaMin, lambdaMax);
        double[][] q = RandomOrthogonal.haar(d, rng.split(1));
        RandomStream g = rng.split(2);
        double[] ws = new double[d];
        for (int i = 0; i < d; i++) {
            ws[i] = g.nextGaussian() / Math.sqrt(d);
        }
        return new Quadratic(l, q, ws);
    }

    /** κ-conditioned: λ ∈ [1/κ, 1] log-spaced, so L = 1, γ = 1/κ. */
    public static Quadratic conditioned(int d, double kappa, RandomStream rng) {
        return withSpectrum(d, 1.0 / kappa, 1.0, Spacing.LOG, rng);
    }

    @Override
    public int dimension() {
        return lambda.length;
    }

    @Override
    public int sampleCount() {
        return 1;
    }

    @Override
    public double value(double[] w) {
        int d = lambda.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            r[i] = w[i] - wStar[i];
        }
        for (int i = 0; i < d; i++) {
            double ar = 0;
            for (int j = 0; j < d; j++) {
                ar += a[i * d + j] * r[j];
            }
            s += r[i] * ar;
        }
        return 0.5 * s;
    }

    @Override
    public double gradient(double[] w, double[] out) {
        int d = lambda.length;
        for (int i = 0; i < d; i++) {
            r[i] = w[i] - wStar[i];
        }
        double s = 0;
        for (int i = 0; i < d; i++) {
            double ar = 0;
            for (int j = 0; j < d; j++) {
                ar += a[i * d + j] * r[j];
            }
            out[i] = ar;
            s += r[i] * ar;
        }
        return 0.5 * s;
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        return gradient(w, out);
    }

    /** L = λ_max (exact: the largest eigenvalue of the constant Hessian A). */
    public double smoothness() {
        return lambda[argMax()];
    }

    /** γ = λ_min. */
    public double strongConvexity() {
        double m = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            m = Math.min(m, l);
        }
        return m;
    }

    /** κ = λ_max/λ_min. */
    public double conditionNumber() {
        return smoothness() / strongConvexity();
    }

    /** f* = 0. */
    public double minimum() {
        return 0;
    }

    /** w* (a copy). */
    public double[] minimizer() {
        return wStar.clone();
    }

    /** The eigenvalues λ (a copy; column k of {@link #eigenvectors()} belongs to λ_k). */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    /** Q as rows (a copy). */
    public double[][] eigenvectors() {
        double[][] c = new double[q.length][];
        for (int i = 0; i < q.length; i++) {
            c[i] = q[i].clone();
        }
        return c;
    }

    /** A_ij. */
    public double hessian(int i, int j) {
        return a[i * lambda.length + j];
    }

    private int argMax() {
        int k = 0;
        for (int i = 1; i < lambda.length; i++) {
            if (lambda[i] > lambda[k]) {
                k = i;
            }
        }
        return k;
    }
}
