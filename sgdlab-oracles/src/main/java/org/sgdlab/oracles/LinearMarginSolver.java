package org.sgdlab.oracles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Variable;
import org.sgdlab.linalg.Matrix;

/**
 * Maximum-margin linear separators (through the origin) in ℓ1 and ℓ∞ geometry — the limit directions of steepest
 * descent / sign-type methods on separable exponential-type losses (Gunasekar, Lee, Soudry, Srebro, "Characterizing
 * implicit bias in terms of optimization geometry", ICML 2018), as opposed to the ℓ2 direction of {@link HardMarginSvm}.
 *
 * <p>Problem solved, with zᵢ = yᵢxᵢ and p ∈ {1, ∞}:
 * <pre>
 *   primal:  γ* = max_{w, γ} γ   s.t.  ⟨zᵢ, w⟩ ≥ γ (i = 1..n),  ‖w‖_p ≤ 1
 *   dual:    γ* = min_{λ ∈ Δₙ} ‖Σᵢ λᵢ zᵢ‖_q,   1/p + 1/q = 1,  Δₙ the probability simplex
 * </pre>
 * (the dual is the minimax theorem applied to max_w min_λ λᵀZw; for any unit w and any λ ∈ Δₙ,
 * minᵢ⟨zᵢ,w⟩ ≤ γ* ≤ ‖Zᵀλ‖_q, which is the certificate). Equivalently w* / γ* minimises ‖w‖_p subject to
 * yᵢ⟨w, xᵢ⟩ ≥ 1; the returned w is the unit-norm direction and {@code margin} is γ*. As LPs: for p = ∞ the
 * constraint is the box −1 ≤ wⱼ ≤ 1; for p = 1 it is w = w⁺ − w⁻, w± ≥ 0, Σ(w⁺ + w⁻) ≤ 1.
 *
 * <p>Algorithm: (1) the primal LP and the dual LP (written with auxiliary t: Σⱼ tⱼ, resp. t, bounding |Zᵀλ|) are
 * solved separately with ojAlgo's simplex solver ({@link LpModel}); (2) each answer is <i>polished</i>
 * on its active set — the primal at a vertex solves the square system ⟨z_i, w⟩ = γ (i tight) with wⱼ = ±1 on the
 * box-active coordinates (p = ∞) or Σ sⱼwⱼ = 1 on the support (p = 1); the dual solves Σλᵢzᵢⱼ = 0 on the free
 * coordinates (p = ∞) or = sⱼ t on the support (p = 1), with Σλᵢ = 1 — each as the least-squares solution closest to
 * the LP answer ({@link MinNormLeastSquares#fromInitial}), for several active-set thresholds; (3) the solver's status is
 * <b>not</b> trusted: the best primal w (largest normalised margin) and best dual λ (smallest ‖Zᵀλ‖_q, λ clipped to ≥ 0
 * and renormalised) are evaluated directly, and the relative duality gap (‖Zᵀλ‖_q − minᵢ⟨zᵢ,w⟩/‖w‖_p)/‖Zᵀλ‖_q is the
 * reported residual. OPTIMAL iff it is ≤ the tolerance (default 1e-10).
 *
 * <p>Not separable (γ* = 0): reported when the dual reaches ‖Zᵀλ‖_q ≤ 1e-12·maxᵢ‖zᵢ‖_q — a Gordan certificate that no
 * w has all yᵢ⟨w,xᵢ⟩ &gt; 0. (Data separable with a normalised margin below 1e-12 are therefore reported as not
 * separable.) A zero row makes the data non-separable outright.
 */
public final class LinearMarginSolver {
    private static final double[] THRESHOLDS = {1e-11, 1e-9, 1e-7, 1e-5};

    private LinearMarginSolver() {
    }

    /** Solves with tolerance 1e-10. */
    public static LinearMarginSolution solve(Matrix x, double[] y, MarginNorm norm) {
        return solve(x, y, norm, 1e-10);
    }

    /**
     * Maximum ℓp-margin direction of the labelled rows of {@code x} (homogeneous: no intercept).
     *
     * @param tolerance the relative duality gap required for OPTIMAL
     * @throws IllegalArgumentException if a label is not exactly ±1 (naming the row and value), shapes disagree, n = 0,
     *                                  d = 0, an entry is not finite or the tolerance is not positive
     */
    public static LinearMarginSolution solve(Matrix x, double[] y, MarginNorm norm, double tolerance) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(norm, "norm");
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
        }
        int n = x.rows();
        int d = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + n + " rows");
        }
        if (n == 0 || d == 0) {
            throw new IllegalArgumentException("the margin problem needs n >= 1 and d >= 1, got n = " + n + ", d = " + d);
        }
        for (int i = 0; i < n; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be -1 or +1, got " + y[i]);
            }
        }
        double[] a = x.data();
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException("row " + (k / d) + ", column " + (k % d) + ": entry is not finite: " + a[k]);
            }
        }
        double[] z = new double[n * d];
        double zMax = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] = y[i] * a[i * d + j];
            }
            double zn = norm.dualNorm(Arrays.copyOfRange(z, i * d, i * d + d));
            if (zn == 0) {
                double[] lam = new double[n];
                lam[i] = 1;
                return new LinearMarginSolution(OracleStatus.NOT_SEPARABLE, norm, null, 0.0, lam, new int[0], 0.0,
                        Double.NaN, 0.0, "data are not linearly separable through the origin: row " + i
                        + " is zero, so y_i<w, x_i> > 0 cannot hold");
            }
            zMax = Math.max(zMax, zn);
        }
        return new Problem(z, n, d, norm, zMax).run(tolerance);
    }

    private static final class Problem {
        final double[] z;
        final int n;
        final int d;
        final MarginNorm norm;
        final double zMax;

        Problem(double[] z, int n, int d, MarginNorm norm, double zMax) {
            this.z = z;
            this.n = n;
            this.d = d;
            this.norm = norm;
            this.zMax = zMax;
        }

        double dot(int i, double[] w) {
            double s = 0;
            for (int j = 0, off = i * d; j < d; j++) {
                s += z[off + j] * w[j];
            }
            return s;
        }

        /** minᵢ⟨zᵢ, w⟩ / ‖w‖_p (−∞ for w = 0 or non-finite). */
        double primalValue(double[] w) {
            if (w == null) {
                return Double.NEGATIVE_INFINITY;
            }
            double nw = norm.norm(w);
            if (!(nw > 0) || !Double.isFinite(nw)) {
                return Double.NEGATIVE_INFINITY;
            }
            double m = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                m = Math.min(m, dot(i, w));
            }
            return m / nw;
        }

        /** λ clipped to ≥ 0 and normalised to Σλ = 1, or null. */
        double[] simplex(double[] lam) {
            if (lam == null) {
                return null;
            }
            double[] l = new double[n];
            double s = 0;
            for (int i = 0; i < n; i++) {
                l[i] = lam[i] > 0 ? lam[i] : 0.0;
                s += l[i];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                l[i] /= s;
            }
            return l;
        }

        double[] zt(double[] lam) {
            double[] v = new double[d];
            for (int i = 0; i < n; i++) {
                if (lam[i] != 0) {
                    for (int j = 0, off = i * d; j < d; j++) {
                        v[j] += lam[i] * z[off + j];
                    }
                }
            }
            return v;
        }

        double dualValue(double[] lamSimplex) {
            return lamSimplex == null ? Double.POSITIVE_INFINITY : norm.dualNorm(zt(lamSimplex));
        }

        LinearMarginSolution run(double tolerance) {
            double[] raw = solvePrimalLp();
            double[] w0 = raw == null ? null : Arrays.copyOf(raw, d);
            double gamma0 = raw == null ? Double.NaN : raw[d];
            double[] lam0 = simplex(solveDualLp());

            double[] bestW = w0;
            double bestP = primalValue(w0);
            double[] bestL = lam0;
            double bestD = dualValue(lam0);
            for (double tau : THRESHOLDS) {
                if (w0 != null) {
                    double[] w = polishPrimal(w0, gamma0, tau);
                    double p = primalValue(w);
                    if (p > bestP) {
                        bestP = p;
                        bestW = w;
                    }
                }
                if (lam0 != null) {
                    double[] l = simplex(polishDual(lam0, tau));
                    double dv = dualValue(l);
                    if (dv < bestD) {
                        bestD = dv;
                        bestL = l;
                    }
                }
            }
            if (bestL != null && bestD <= 1e-12 * zMax) {
                int used = 0;
                for (double l : bestL) {
                    if (l > 0) {
                        used++;
                    }
                }
                return new LinearMarginSolution(OracleStatus.NOT_SEPARABLE, norm, null, 0.0, bestL, new int[0], bestD,
                        Double.NaN, bestD / zMax, "data are not linearly separable through the origin: nonnegative "
                        + "weights on " + used + " samples (summing to 1) give ||sum_i lambda_i y_i x_i||_" + q() + " = "
                        + bestD + " <= 1e-12 * max_i ||x_i||_" + q() + " (Gordan certificate: no w has y_i<w, x_i> > 0 for all i)");
            }
            if (bestW == null || bestL == null || !(bestP > 0)) {
                return new LinearMarginSolution(OracleStatus.INACCURATE, norm, bestW == null ? null : unit(bestW),
                        bestW == null ? Double.NaN : bestP, bestL, new int[0], bestD, Double.NaN, Double.NaN,
                        "the LP solves did not yield a certified answer: best normalised primal margin " + bestP
                        + ", best dual value " + bestD + " (max_i ||x_i||_" + q() + " = " + zMax + ")");
            }
            double[] w = unit(bestW);
            double margin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                margin = Math.min(margin, dot(i, w));
            }
            double gap = (bestD - margin) / bestD;
            double infeas = Math.max(0.0, norm.norm(w) - 1.0);
            double residual = Math.max(Math.abs(gap), infeas);
            List<Integer> act = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (dot(i, w) <= margin * (1 + 1e-9)) {
                    act.add(i);
                }
            }
            int[] active = act.stream().mapToInt(Integer::intValue).toArray();
            OracleStatus status = residual <= tolerance ? OracleStatus.OPTIMAL : OracleStatus.INACCURATE;
            String msg = (status == OracleStatus.OPTIMAL ? "optimal" : "not certified to the tolerance " + tolerance)
                    + ": l" + p() + "-margin " + margin + " with ||w||_" + p() + " = 1; dual weights give ||sum_i lambda_i y_i x_i||_"
                    + q() + " = " + bestD + ", relative duality gap " + gap + ", " + active.length + " active constraints";
            return new LinearMarginSolution(status, norm, w, margin, bestL, active, bestD, gap, residual, msg);
        }

        String p() {
            return norm == MarginNorm.L1 ? "1" : "inf";
        }

        String q() {
            return norm == MarginNorm.L1 ? "inf" : "1";
        }

        double[] unit(double[] w) {
            double nw = norm.norm(w);
            double[] u = new double[d];
            for (int j = 0; j < d; j++) {
                u[j] = w[j] / nw;
            }
            if (norm == MarginNorm.LINF) {
                for (int j = 0; j < d; j++) {
                    u[j] = Math.max(-1.0, Math.min(1.0, u[j]));
                }
            }
            return u;
        }

        // ------------------------------------------------------------------ LPs (ojAlgo)

        /** (w, γ) from the primal LP, or null if the solver gave no solution. */
        double[] solvePrimalLp() {
            LpModel lp = new LpModel();
            Variable[] box = null;
            LpModel.Split split = null;
            if (norm == MarginNorm.LINF) {
                box = new Variable[d];
                for (int j = 0; j < d; j++) {
                    box[j] = lp.variable("w" + j, -1.0, 1.0, 0.0);
                }
            } else {
                split = lp.split("wp", "wm", d, 0.0);
            }
            Variable gamma = lp.variable("gamma", -zMax, zMax, 1.0);
            if (split != null) {
                Expression ball = lp.constraint("ball", Double.NEGATIVE_INFINITY, 1.0);
                for (int j = 0; j < d; j++) {
                    ball.set(split.plus()[j], 1.0);
                    ball.set(split.minus()[j], 1.0);
                }
            }
            for (int i = 0; i < n; i++) {
                Expression e = lp.constraint("m" + i, 0.0, Double.POSITIVE_INFINITY);
                if (split == null) {
                    LpModel.addTerms(e, 1.0, z, i * d, 1, box);
                } else {
                    split.addTerms(e, z, i * d, 1);
                }
                e.set(gamma, -1.0);
            }
            if (!lp.maximise()) {
                return null;
            }
            double[] out = Arrays.copyOf(split == null ? LpModel.values(box) : split.values(), d + 1);
            out[d] = gamma.getValue().doubleValue();
            return out;
        }

        /** λ from the dual LP min_{λ∈Δ} ‖Zᵀλ‖_q, or null. */
        double[] solveDualLp() {
            LpModel lp = new LpModel();
            Expression sum = lp.constraint("simplex", 1.0, 1.0);
            Variable[] lam = new Variable[n];
            for (int i = 0; i < n; i++) {
                lam[i] = lp.variable("l" + i, 0.0, Double.POSITIVE_INFINITY, 0.0);
                sum.set(lam[i], 1.0);
            }
            Variable tInf = norm == MarginNorm.L1 ? lp.variable("t", 0.0, Double.POSITIVE_INFINITY, 1.0) : null;
            for (int j = 0; j < d; j++) {
                Variable t = tInf != null ? tInf : lp.variable("t" + j, 0.0, Double.POSITIVE_INFINITY, 1.0);
                Expression up = lp.constraint("u" + j, 0.0, Double.POSITIVE_INFINITY); // t - (Z^T lam)_j >= 0
                Expression lo = lp.constraint("v" + j, 0.0, Double.POSITIVE_INFINITY); // t + (Z^T lam)_j >= 0
                up.set(t, 1.0);
                lo.set(t, 1.0);
                LpModel.addTerms(up, -1.0, z, j, d, lam);
                LpModel.addTerms(lo, 1.0, z, j, d, lam);
            }
            return lp.minimise() ? LpModel.values(lam) : null;
        }

        // ------------------------------------------------------------------ active-set polishing

        double[] polishPrimal(double[] w0, double gamma0, double tau) {
            double scale = zMax;
            List<Integer> tight = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (dot(i, w0) - gamma0 <= tau * scale) {
                    tight.add(i);
                }
            }
            if (tight.isEmpty()) {
                return null;
            }
            double wScale = norm.norm(w0);
            boolean[] free = new boolean[d];
            double[] sign = new double[d];
            int nf = 0;
            for (int j = 0; j < d; j++) {
                sign[j] = Math.signum(w0[j]);
                free[j] = norm == MarginNorm.LINF ? Math.abs(w0[j]) < 1.0 - tau : Math.abs(w0[j]) > tau * wScale;
                if (free[j]) {
                    nf++;
                }
            }
            int[] f = new int[nf];
            for (int j = 0, k = 0; j < d; j++) {
                if (free[j]) {
                    f[k++] = j;
                }
            }
            int rows = tight.size() + (norm == MarginNorm.L1 ? 1 : 0);
            int cols = nf + 1;
            double[] m = new double[rows * cols];
            double[] rhs = new double[rows];
            for (int r = 0; r < tight.size(); r++) {
                int off = tight.get(r) * d;
                for (int k = 0; k < nf; k++) {
                    m[r * cols + k] = z[off + f[k]];
                }
                m[r * cols + nf] = -1.0;
                if (norm == MarginNorm.LINF) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        if (!free[j]) {
                            s += z[off + j] * sign[j];
                        }
                    }
                    rhs[r] = -s;
                }
            }
            if (norm == MarginNorm.L1) {
                int r = rows - 1;
                for (int k = 0; k < nf; k++) {
                    m[r * cols + k] = sign[f[k]];
                }
                rhs[r] = 1.0;
            }
            double[] u0 = new double[cols];
            for (int k = 0; k < nf; k++) {
                u0[k] = w0[f[k]];
            }
            u0[nf] = gamma0;
            double[] u = MinNormLeastSquares.fromInitial(new Matrix(rows, cols, m), rhs, u0).w();
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = norm == MarginNorm.LINF && !free[j] ? sign[j] : 0.0;
            }
            for (int k = 0; k < nf; k++) {
                w[f[k]] = u[k];
            }
            return w;
        }

        double[] polishDual(double[] lam0, double tau) {
            double lmax = 0;
            for (double l : lam0) {
                lmax = Math.max(lmax, l);
            }
            boolean[] inA = new boolean[n];
            for (int i = 0; i < n; i++) {
                inA[i] = lam0[i] > tau * lmax;
            }
            double[] v = zt(lam0);
            double t0 = MarginNorm.LINF.norm(v);
            boolean[] inF = new boolean[d];
            int nf = 0;
            for (int j = 0; j < d; j++) {
                inF[j] = norm == MarginNorm.LINF ? Math.abs(v[j]) <= tau * zMax : Math.abs(v[j]) >= t0 - tau * zMax;
                if (inF[j]) {
                    nf++;
                }
            }
            double[] lam = lam0.clone();
            for (int round = 0; round < 30; round++) {
                int na = 0;
                for (boolean b : inA) {
                    if (b) {
                        na++;
                    }
                }
                if (na == 0) {
                    return null;
                }
                int[] s = new int[na];
                for (int i = 0, k = 0; i < n; i++) {
                    if (inA[i]) {
                        s[k++] = i;
                    }
                }
                int cols = na + (norm == MarginNorm.L1 ? 1 : 0);
                int rows = nf + 1;
                double[] m = new double[rows * cols];
                double[] rhs = new double[rows];
                int r = 0;
                for (int j = 0; j < d; j++) {
                    if (!inF[j]) {
                        continue;
                    }
                    for (int k = 0; k < na; k++) {
                        m[r * cols + k] = z[s[k] * d + j];
                    }
                    if (norm == MarginNorm.L1) {
                        m[r * cols + na] = -Math.signum(v[j]);
                    }
                    r++;
                }
                for (int k = 0; k < na; k++) {
                    m[r * cols + k] = 1.0;
                }
                rhs[r] = 1.0;
                double[] u0 = new double[cols];
                for (int k = 0; k < na; k++) {
                    u0[k] = lam[s[k]];
                }
                if (norm == MarginNorm.L1) {
                    u0[na] = t0;
                }
                double[] u = MinNormLeastSquares.fromInitial(new Matrix(rows, cols, m), rhs, u0).w();
                boolean negative = false;
                Arrays.fill(lam, 0.0);
                for (int k = 0; k < na; k++) {
                    if (!(u[k] >= 0)) {
                        negative = true;
                        inA[s[k]] = false;
                    } else {
                        lam[s[k]] = u[k];
                    }
                }
                if (!negative) {
                    return lam;
                }
            }
            return null;
        }
    }
}
