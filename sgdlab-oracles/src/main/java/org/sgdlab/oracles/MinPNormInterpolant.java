package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * The minimum-ℓ_p-norm interpolant, min ‖w‖_p subject to Xw = y, for 1 &lt; p &lt; ∞: the limit of p-norm mirror descent
 * started at 0 on an interpolating problem (002 Thm 8.1.2 with R = ½‖·‖²_p).
 *
 * <p>It is exactly the Bregman projection of w₀ = 0 for R = ½‖·‖²_p (D_R(w, 0) = R(w) since R(0) = 0 and ∇R(0) = 0,
 * and minimising ½‖w‖²_p is minimising ‖w‖_p), so it is computed by
 * {@link BregmanProjection#project(BregmanProjection.Mirror, Matrix, double[], double[], BregmanProjection.Options)}
 * with {@link BregmanProjection.Mirror#lpSquared(double)}.
 *
 * <p>Optimality certificate (Hölder duality). With q = p/(p − 1), the KKT condition is ∇(½‖·‖²_p)(w) = Xᵀλ =: z, and
 * since ∇(½‖·‖²_p) and ∇(½‖·‖²_q) are mutually inverse, w = ∇(½‖·‖²_q)(z) = ‖z‖_q^{2−q} z^[q−1]. For every ν and every
 * feasible w', Hölder gives ⟨ν, y⟩ = ⟨Xᵀν, w'⟩ ≤ ‖Xᵀν‖_q ‖w'‖_p, so
 * <pre>  min{‖w'‖_p : Xw' = y} ≥ ⟨ν, y⟩ / ‖Xᵀν‖_q   for every ν with Xᵀν ≠ 0.</pre>
 * At the optimum the bound is attained with ν = λ: ⟨λ, y⟩ = ⟨z, w⟩ = ‖w‖²_p (Euler's identity for the 2-homogeneous
 * ½‖·‖²_p) and ‖z‖_q = ‖w‖_p (∇(½‖·‖²_p) preserves the norm across the dual pair). The reported relative duality gap
 * is (‖w‖_p − ⟨λ, y⟩/‖Xᵀλ‖_q)/‖w‖_p.
 */
public final class MinPNormInterpolant {

    /** Default bound on the relative duality gap for OPTIMAL. */
    public static final double DEFAULT_GAP_TOLERANCE = 1e-10;

    private MinPNormInterpolant() {
    }

    /** min ‖w‖_p s.t. Xw = y with default options. */
    public static MinPNormInterpolantSolution solve(Matrix x, double[] y, double p) {
        return solve(x, y, p, BregmanProjection.Options.defaults(), DEFAULT_GAP_TOLERANCE);
    }

    /**
     * min ‖w‖_p s.t. Xw = y.
     *
     * @throws IllegalArgumentException if p ∉ (1, ∞), or on the input errors of {@link BregmanProjection}
     */
    public static MinPNormInterpolantSolution solve(Matrix x, double[] y, double p,
                                                    BregmanProjection.Options options, double gapTolerance) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!(p > 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p must be in (1, ∞), got p=" + p);
        }
        BregmanProjectionSolution b = BregmanProjection.project(BregmanProjection.Mirror.lpSquared(p), x, y, null,
                options);
        double q = p / (p - 1);
        double[] w = b.w();
        double norm = lpNorm(w, p);
        double[] z = new double[x.cols()];
        Kernels.gemvTransposed(x, b.lambda(), z);
        double zq = lpNorm(z, q);
        double bound = zq > 0 ? Kernels.dot(b.lambda(), y) / zq : 0.0;
        double gap = norm > 0 ? (norm - bound) / norm : 0.0;
        OracleStatus status = b.status();
        String message = b.message() + "; relative duality gap " + gap;
        if (status == OracleStatus.OPTIMAL && !(Math.abs(gap) <= gapTolerance)) {
            status = OracleStatus.INACCURATE;
            message = "relative duality gap " + gap + " exceeds " + gapTolerance + "; " + b.message();
        }
        return new MinPNormInterpolantSolution(status, w, b.lambda(), norm, bound, gap, b.primalResidual(),
                b.stationarityResidual(), b.iterations(), message);
    }

    /** ‖v‖_r, scaled by max|v| against overflow and underflow. */
    static double lpNorm(double[] v, double r) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        if (m == 0) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += Math.pow(Math.abs(x) / m, r);
        }
        return m * Math.pow(s, 1 / r);
    }
}
