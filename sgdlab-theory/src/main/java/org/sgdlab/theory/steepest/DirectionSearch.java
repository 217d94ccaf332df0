package org.sgdlab.theory.steepest;

import org.sgdlab.random.RandomStream;

/**
 * An independent constrained solver for the steepest-direction problems of source 004 (eq. "core" and its
 * sphere variants): maximize ⟨g, v⟩ over ‖v‖_p = 1, optionally restricted to the hyperplane {v : ⟨a, v⟩ = 0}.
 *
 * <p>It uses neither Hölder's equality case nor a Lagrange multiplier. The problem is rewritten as the
 * maximization of the scale-invariant ratio R(v) = ⟨g, v⟩/‖v‖_p. Feasible points are parametrized as v = B u,
 * with B the n×(n−1) orthonormal basis of a^⊥ formed by the last n − 1 columns of the Householder reflection
 * H = I − 2 h hᵀ/‖h‖², h = a + sign(a₁)‖a‖₂ e₁, which maps a to a multiple of e₁ (Golub &amp; Van Loan §5.1.2);
 * without a constraint B = I. Then:
 * <ol>
 *   <li>random search: {@code samples} Gaussian u, keep the best R;</li>
 *   <li>local refinement from the best sample and from {@code starts} further random points: L-BFGS ascent on R
 *   with the Euclidean gradient ∇_u R = Bᵀ(g − R·v^[p−1]/‖v‖_p^{p−1})/‖v‖_p (from ∇‖v‖_p = v^[p−1]/‖v‖_p^{p−1})
 *   and a backtracking line search, until no step increases R or {@code iterations} steps were taken; for p &lt; 2
 *   the initial inverse Hessian is the diagonal curvature of ‖·‖_p (see {@code initialHessian}).</li>
 * </ol>
 * Every returned value is the ratio of a feasible v (tangency holds to rounding, by construction of B), so it
 * is a lower bound on the true maximum: if it exceeds a candidate's ⟨g, φ⟩ by more than rounding, the
 * candidate is not the steepest direction.
 */
final class DirectionSearch {
    private DirectionSearch() {
    }

    /** The best ratio found, and the feasible unit vector attaining it. */
    record Best(double value, double[] v) {
    }

    /** sign(x)|x|^a (source 004's x^[a]). */
    static double signedPow(double x, double a) {
        return x == 0 ? 0 : Math.copySign(Math.pow(Math.abs(x), a), x);
    }

    /** ‖v‖_p by the plain sum (the naive reference; inputs here are O(1)). */
    static double lp(double[] v, double p) {
        double s = 0;
        for (double x : v) {
            s += Math.pow(Math.abs(x), p);
        }
        return Math.pow(s, 1.0 / p);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Maximizes ⟨g, v⟩/‖v‖_p over v ≠ 0 with ⟨a, v⟩ = 0 ({@code a} null: no constraint).
     */
    static Best maximize(double[] g, double p, double[] a, RandomStream rnd, int samples, int starts, int iterations) {
        Basis basis = new Basis(g.length, a);
        int m = basis.dim();
        double[] bestU = null;
        double best = Double.NEGATIVE_INFINITY;
        double[] u = new double[m];
        for (int k = 0; k < samples; k++) {
            rnd.gaussians(u);
            double r = ratio(g, basis.apply(u), p);
            if (r > best) {
                best = r;
                bestU = u.clone();
            }
        }
        Best result = refine(g, p, basis, bestU, iterations);
        for (int s = 0; s < starts; s++) {
            Best b = refine(g, p, basis, rnd.gaussians(new double[m]), iterations);
            if (b.value() > result.value()) {
                result = b;
            }
        }
        return result;
    }

    static double ratio(double[] g, double[] v, double p) {
        double n = lp(v, p);
        return n == 0 ? Double.NEGATIVE_INFINITY : dot(g, v) / n;
    }

    /** R(Bu) and its gradient with respect to u (into gu): ∇_v R = (g − R·v^[p−1]/‖v‖_p^{p−1})/‖v‖_p. */
    private static double valueAndGradient(double[] g, double p, Basis basis, double[] u, double[] gu) {
        double[] v = basis.apply(u);
        double n = lp(v, p);
        double r = dot(g, v) / n;
        double[] gv = new double[g.length];
        double np1 = Math.pow(n, p - 1);
        for (int i = 0; i < g.length; i++) {
            gv[i] = (g[i] - r * signedPow(v[i], p - 1) / np1) / n;
        }
        System.arraycopy(basis.applyTranspose(gv), 0, gu, 0, gu.length);
        return r;
    }

    /**
     * L-BFGS ascent on R(Bu) (Nocedal &amp; Wright, Numerical Optimization, Alg. 7.4–7.5, memory 8) with backtracking
     * (Armijo, c = 1e-4); steepest ascent restarts whenever the quasi-Newton direction is not an ascent direction.
     * R is homogeneous of degree 0, so its gradient is orthogonal to u and the steps barely change ‖u‖; u is rescaled
     * to ‖Bu‖_p = 1 before the start only.
     */
    private static Best refine(double[] g, double p, Basis basis, double[] u0, int iterations) {
        int m = u0.length;
        int mem = 8;
        double[] u = u0.clone();
        normalize(u, basis.apply(u), p);
        double[] gu = new double[m];
        double r = valueAndGradient(g, p, basis, u, gu);
        double[][] s = new double[mem][];
        double[][] y = new double[mem][];
        double[] rho = new double[mem];
        int stored = 0;
        int head = 0;
        double[] alpha = new double[mem];
        for (int it = 0; it < iterations; it++) {
            // two-loop recursion for F = −R with y = ∇F(new) − ∇F(old); linear in its input, so H·∇R = −H·∇F is the ascent direction
            double[] d = gu.clone();
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(head - 1 - k, mem);
                alpha[j] = rho[j] * dot(s[j], d);
                for (int i = 0; i < m; i++) {
                    d[i] -= alpha[j] * y[j][i];
                }
            }
            if (p < 2) {
                d = initialHessian(d, p, basis, u, r);
            } else {
                int last = Math.floorMod(head - 1, mem);
                double gamma = stored > 0 ? dot(s[last], y[last]) / dot(y[last], y[last]) : 1.0 / Math.max(1e-300, Math.sqrt(dot(gu, gu)));
                for (int i = 0; i < m; i++) {
                    d[i] *= gamma;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(head - 1 - k, mem);
                double beta = rho[j] * dot(y[j], d);
                for (int i = 0; i < m; i++) {
                    d[i] += s[j][i] * (alpha[j] - beta);
                }
            }
            double slope = dot(gu, d);
            if (!(slope > 0)) {
                stored = 0;
                d = p < 2 ? initialHessian(gu, p, basis, u, r) : gu.clone();
                if (!(dot(gu, d) > 0)) {
                    d = gu.clone();
                }
                double gn = Math.sqrt(dot(gu, gu));
                for (int i = 0; i < m; i++) {
                    d[i] /= Math.max(gn, 1e-300);
                }
                slope = dot(gu, d);
                if (!(slope > 0)) {
                    break;
                }
            }
            double t = 1;
            double[] cand = new double[m];
            double[] cg = new double[m];
            double cr = Double.NEGATIVE_INFINITY;
            boolean ok = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < m; i++) {
                    cand[i] = u[i] + t * d[i];
                }
                cr = valueAndGradient(g, p, basis, cand, cg);
                if (cr >= r + 1e-4 * t * slope && cr > r) {
                    ok = true;
                    break;
                }
                t *= 0.5;
            }
            if (!ok) {
                if (stored == 0) {
                    break;
                }
                stored = 0; // a stale curvature model: restart from steepest ascent before giving up
                continue;
            }
            double[] sn = new double[m];
            double[] yn = new double[m];
            for (int i = 0; i < m; i++) {
                sn[i] = cand[i] - u[i];
                yn[i] = -(cg[i] - gu[i]); // gradient change of −R
            }
            double sy = dot(sn, yn);
            if (sy > 1e-300) {
                s[head] = sn;
                y[head] = yn;
                rho[head] = 1 / sy;
                head = (head + 1) % mem;
                stored = Math.min(stored + 1, mem);
            }
            u = cand;
            gu = cg.clone();
            r = cr;
        }
        double[] v = basis.apply(u);
        normalize(u, v, p);
        v = basis.apply(u);
        return new Best(ratio(g, v, p), v);
    }

    /**
     * The initial inverse Hessian of L-BFGS for p &lt; 2 (for p ≥ 2 the usual scalar sᵀy/yᵀy is used) applied to x: Bᵀ D⁻¹ B x, with D the diagonal of the Hessian of −R in v-space
     * from the norm's own curvature: at v = B u with N = ‖v‖_p, ∂²‖v‖_p/∂v_i² ≈ (p − 1)|v_i/N|^{p−2}/N, so
     * D_i = R·(p − 1)|v_i/N|^{p−2}/N² (clamped to [1e-30, 1e30]·R/N²). Coordinates near 0 have a curvature that is
     * huge for p &lt; 2; without this scaling one step size cannot serve all coordinates and the ascent stalls at the
     * rounding level of R (measured: shortfalls up to 4e-7 at p = 1.1). For p &gt; 2 the curvature vanishes near 0 instead,
     * and the scalar scaling works better (the diagonal overshoots there).
     */
    private static double[] initialHessian(double[] x, double p, Basis basis, double[] u, double r) {
        double[] v = basis.apply(u);
        double n = lp(v, p);
        double[] bx = basis.apply(x);
        double scale = Math.max(Math.abs(r), 1e-300) / (n * n);
        for (int i = 0; i < v.length; i++) {
            double c = (p - 1) * Math.pow(Math.max(Math.abs(v[i]) / n, 1e-300), p - 2);
            c = Math.min(1e30, Math.max(1e-30, c));
            bx[i] /= scale * c;
        }
        return basis.applyTranspose(bx);
    }

    /** Scales u so that ‖B u‖_p = 1 (v = B u given). */
    private static void normalize(double[] u, double[] v, double p) {
        double n = lp(v, p);
        for (int i = 0; i < u.length; i++) {
            u[i] /= n;
        }
    }

    /** B and Bᵀ of the class comment, applied in O(n) without forming the matrix. */
    static final class Basis {
        private final int n;
        private final double[] h;
        private final double hh;

        Basis(int n, double[] a) {
            this.n = n;
            if (a == null) {
                h = null;
                hh = 0;
                return;
            }
            double na = Math.sqrt(dot(a, a));
            h = a.clone();
            h[0] += Math.copySign(na, a[0]);
            hh = dot(h, h);
        }

        int dim() {
            return h == null ? n : n - 1;
        }

        /** v = B u = H [0; u]. */
        double[] apply(double[] u) {
            if (h == null) {
                return u.clone();
            }
            double[] x = new double[n];
            System.arraycopy(u, 0, x, 1, n - 1);
            double c = 2 * dot(h, x) / hh;
            for (int i = 0; i < n; i++) {
                x[i] -= c * h[i];
            }
            return x;
        }

        /** Bᵀ x = (H x)_{2..n}. */
        double[] applyTranspose(double[] x) {
            if (h == null) {
                return x.clone();
            }
            double c = 2 * dot(h, x) / hh;
            double[] out = new double[n - 1];
            for (int i = 1; i < n; i++) {
                out[i - 1] = x[i] - c * h[i];
            }
            return out;
        }
    }
}
