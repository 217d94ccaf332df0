package org.sgdlab.theory.eos;

import org.sgdlab.linalg.Lanczos;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.random.RandomStream;

/**
 * The sharpness λ_max(∇²L(w)) of a network's loss from exact Hessian-vector products (forward over reverse,
 * {@link NetworkObjective#hessianVectorProduct}), two ways:
 * <ul>
 *   <li>{@link #lanczos}: core's Lanczos with full reorthogonalization (Cohen et al. 2021's method), what the claim uses;
 *       its residual ‖Hv − θv‖ bounds the distance from θ to an eigenvalue (Parlett Thm 4.5.1);</li>
 *   <li>{@link #at}: power iteration as 002 §2.4 describes it ("从高斯单位向量 u 开始，并重复计算 u ← Hu/‖Hu‖"),
 *       warm-started from the previous call's vector — the simple reference the tests hold Lanczos against.</li>
 * </ul>
 *
 * <p>Power iteration converges to the eigenvalue of largest magnitude. When that one is negative (the Rayleigh quotient
 * comes out negative), the iteration is rerun on H − λ₋I, whose largest eigenvalue is λ_max − λ₋ ≥ 0. Stopping rule:
 * the residual ‖Hv − λv‖ ≤ {@code tol}·|λ|, or {@code maxIterations}; the residual is reported either way.
 */
final class Sharpness {
    /** One estimate: λ, its residual ‖Hv − λv‖/|λ|, the HVPs it took and its unit vector v (a copy, the caller's). */
    record Estimate(double value, double relativeResidual, int products, double[] vector) {
    }

    /** v ↦ ∇²L(w)·v into {@code out} ({@code w}, {@code v} read only). */
    @FunctionalInterface
    interface HessianOperator {
        void apply(double[] w, double[] v, double[] out);
    }

    private final HessianOperator h;
    private final double[] v;
    private final double[] hv;
    private final double tol;
    private final int maxIterations;

    /**
     * @param f             the objective (its full-batch HVP is used)
     * @param start         the first start vector (copied, need not be normalized, must not be 0)
     * @param tol           relative residual at which to stop, in (0, 1)
     * @param maxIterations HVP budget per estimate (≥ 1)
     */
    Sharpness(NetworkObjective f, double[] start, double tol, int maxIterations) {
        this((w, v, out) -> f.hessianVectorProduct(w, v, out), start, tol, maxIterations);
    }

    /** As above, for any symmetric operator (tests use explicit matrices). */
    Sharpness(HessianOperator h, double[] start, double tol, int maxIterations) {
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tol);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.h = h;
        this.v = start.clone();
        this.hv = new double[start.length];
        this.tol = tol;
        this.maxIterations = maxIterations;
        if (normalizeInPlace(v) == 0) {
            throw new IllegalArgumentException("start vector is 0");
        }
    }

    /**
     * λ_max(∇²L(w)) by core's {@link Lanczos} (full reorthogonalization, thick restarts; Cohen et al.'s method) from a
     * Gaussian start drawn from {@code rnd} (advanced): the largest Ritz value, accepted when its residual is at most
     * {@code tol}·‖H‖_est (then some eigenvalue lies within that residual of it). No multiplicity check: only the value
     * is wanted. {@code w} read only.
     */
    static Estimate lanczos(HessianOperator h, double[] w, int dimension, double tol, int maxProducts, RandomStream rnd) {
        return lanczos(h, w, dimension, tol, maxProducts, null, rnd);
    }

    /**
     * As above, the Krylov run started from {@code start} (read only; null: a Gaussian start from {@code rnd}), e.g. the
     * previous probe's Ritz vector along a training run (see {@link #warmStart}). The acceptance test is the same: the
     * residual bound, whatever the start.
     */
    static Estimate lanczos(HessianOperator h, double[] w, int dimension, double tol, int maxProducts, double[] start,
                            RandomStream rnd) {
        Lanczos.Options o = Lanczos.Options.largest(1).withTolerance(tol).withMaxApplications(maxProducts).withVerifyMultiplicity(false);
        Lanczos.Result r = start == null ? Lanczos.solve((v, out) -> h.apply(w, v, out), dimension, o, rnd)
                : Lanczos.solve((v, out) -> h.apply(w, v, out), dimension, o, start, rnd);
        double value = r.values()[0];
        return new Estimate(value, r.residualNorms()[0] / Math.max(Math.abs(value), Double.MIN_NORMAL), r.applications(),
                r.vectors()[0]);
    }

    /**
     * A warm start for the next probe: the unit vector {@code previous} (read only) plus a Gaussian direction from
     * {@code rnd} (advanced) scaled to norm {@code mix}, as a new vector. Why the random part: started exactly on the old
     * top eigenvector, Lanczos could accept a lower eigenvalue whose eigenvector that is now (its residual certifies the
     * distance to <em>an</em> eigenvalue, not to the largest); the random part gives every direction a component, as the
     * cold start's Gaussian vector does, only {@code mix} times smaller.
     */
    static double[] warmStart(double[] previous, double mix, RandomStream rnd) {
        double[] g = rnd.gaussians(new double[previous.length]);
        double norm = Math.sqrt(dot(g, g));
        double[] out = previous.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += mix * g[i] / norm;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** λ_max(∇²L(w)) by power iteration ({@code w} read only); the vector is kept as the next call's start. */
    Estimate at(double[] w) {
        Estimate e = iterate(w, 0.0);
        if (e.value() < 0) {
            // v now spans the negative direction, a null vector of H − λ₋I: restart from a fixed mixture
            for (int i = 0; i < v.length; i++) {
                v[i] += Math.sin(i + 1.0);
            }
            normalizeInPlace(v);
            Estimate shifted = iterate(w, e.value());
            return new Estimate(shifted.value(), shifted.relativeResidual(), e.products() + shifted.products(), shifted.vector());
        }
        return e;
    }

    /** Power iteration on H − shift·I; returns the Rayleigh quotient of H (shift added back). */
    private Estimate iterate(double[] w, double shift) {
        int n = v.length;
        double lambda = 0;
        double res = Double.POSITIVE_INFINITY;
        int k = 0;
        while (k < maxIterations) {
            h.apply(w, v, hv);
            k++;
            double rq = 0;
            for (int i = 0; i < n; i++) {
                hv[i] -= shift * v[i];
                rq += v[i] * hv[i];
            }
            double r = 0;
            for (int i = 0; i < n; i++) {
                double e = hv[i] - rq * v[i];
                r += e * e;
            }
            lambda = rq + shift;
            res = Math.sqrt(r) / Math.max(Math.abs(lambda), Double.MIN_NORMAL);
            System.arraycopy(hv, 0, v, 0, n);
            if (normalizeInPlace(v) == 0) {
                // Hv = 0: v is in the null space; restart from a fixed direction
                java.util.Arrays.fill(v, 1.0 / Math.sqrt(n));
            }
            if (res <= tol) {
                break;
            }
        }
        return new Estimate(lambda, res, k, v.clone());
    }

    private static double normalizeInPlace(double[] x) {
        double s = 0;
        for (double a : x) {
            s += a * a;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= norm;
            }
        }
        return norm;
    }
}
