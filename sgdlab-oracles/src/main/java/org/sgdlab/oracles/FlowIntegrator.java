package org.sgdlab.oracles;

import java.util.Arrays;
import java.util.Objects;
import org.sgdlab.geometry.Potential;
import org.sgdlab.objective.Objective;

/**
 * Reference integrator for the continuous-time limits of (mirror) gradient descent:
 * <ul>
 *   <li>gradient flow ẇ = −∇f(w), w(0) = w₀;</li>
 *   <li>mirror flow d/dt ∇R(w) = −∇f(w), w(0) = w₀ (002 §8.1), integrated in the dual variable z = ∇R(w):
 *       ż = −∇f(∇R*(z)), z(0) = ∇R(w₀), and w = ∇R*(z). Error control acts on z.</li>
 * </ul>
 * The flow is integrated to a time T, or until ‖∇f(w)‖₂ ≤ a gradient tolerance, whichever comes first.
 *
 * <p>Method: the embedded explicit Runge–Kutta pair of Dormand and Prince, "A family of embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 6 (1980) 19–26 (RK5(4)7M, "DOPRI5"/"RK45"): seven stages with the first-same-as-last
 * property (six new evaluations of ∇f per step), the 5th-order solution is propagated (local extrapolation) and the
 * difference to the embedded 4th-order solution estimates the local error. A step is accepted when
 * <pre>  err = sqrt( (1/d) Σᵢ ( eᵢ / (atol + rtol·max(|yᵢ|, |y'ᵢ|)) )² ) ≤ 1,</pre>
 * and the next step size follows the PI controller of Gustafsson as used in Hairer, Nørsett and Wanner,
 * <i>Solving Ordinary Differential Equations I</i>, 2nd ed. (1993), §II.4: h ← h · 0.9 · err^{−(1/5 − 0.75β)} · err_prev^{β}
 * with β = 0.04, the factor clamped to [0.2, 10] (and to ≤ 1 right after a rejection); a rejected step is retried with
 * h · max(0.2, 0.9·err^{−1/5}). The initial step uses the heuristic of the same book (§II.4, "starting step size").
 * Requested trace times are hit exactly by shortening the step that would pass them (no interpolation).
 *
 * <p>The tolerances control the local error per step; the global error of a contracting flow (e.g. a convex quadratic)
 * stays of the order of the tolerances, which is what the tests check.
 */
public final class FlowIntegrator {

    // Dormand–Prince RK5(4)7M coefficients (Dormand & Prince 1980, Table 2).
    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    /** e = b(5th order) − b̂(4th order). */
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private static final double BETA = 0.04;
    private static final double EXPO = 0.2 - 0.75 * BETA;
    private static final double SAFETY = 0.9;
    private static final double FAC_MIN = 0.2;
    private static final double FAC_MAX = 10.0;

    private FlowIntegrator() {
    }

    /**
     * Settings.
     *
     * @param rtol              relative tolerance (default 1e-10)
     * @param atol              absolute tolerance (default 1e-12)
     * @param gradientTolerance stop once ‖∇f(w)‖₂ ≤ this after an accepted step; 0 disables (default 0)
     * @param maxSteps          budget of attempted steps (accepted + rejected; default 10⁷)
     * @param initialStep       first step size; 0 selects it automatically (default 0)
     */
    public record Options(double rtol, double atol, double gradientTolerance, long maxSteps, double initialStep) {
        public Options {
            if (!(rtol >= 0) || !(atol >= 0) || !(rtol + atol > 0) || !(gradientTolerance >= 0) || maxSteps < 1
                    || !(initialStep >= 0) || Double.isInfinite(initialStep)) {
                throw new IllegalArgumentException("need rtol, atol ≥ 0 (not both 0), gradientTolerance ≥ 0, maxSteps ≥ 1,"
                        + " finite initialStep ≥ 0");
            }
        }

        public static Options defaults() {
            return new Options(1e-10, 1e-12, 0.0, 10_000_000L, 0.0);
        }

        public Options withTolerances(double newRtol, double newAtol) {
            return new Options(newRtol, newAtol, gradientTolerance, maxSteps, initialStep);
        }

        public Options withGradientTolerance(double g) {
            return new Options(rtol, atol, g, maxSteps, initialStep);
        }

        public Options withMaxSteps(long m) {
            return new Options(rtol, atol, gradientTolerance, m, initialStep);
        }
    }

    /** Gradient flow to time T with default options and no trace. */
    public static FlowSolution gradientFlow(Objective f, double[] w0, double tEnd) {
        return gradientFlow(f, w0, tEnd, Options.defaults(), null);
    }

    /**
     * Gradient flow ẇ = −∇f(w) from w₀ to time {@code tEnd} (may be +∞ if a gradient tolerance is set).
     *
     * @param traceTimes ascending times in [0, tEnd] at which to record w (may be {@code null})
     */
    public static FlowSolution gradientFlow(Objective f, double[] w0, double tEnd, Options options,
                                                    double[] traceTimes) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(w0, "w0");
        checkDim(f, w0);
        Field field = (y, out) -> {
            f.gradientOnly(y, out);
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        };
        return integrate(f, field, w0.clone(), null, tEnd, options, traceTimes);
    }

    /** Mirror flow to time T with default options and no trace. */
    public static FlowSolution mirrorFlow(Objective f, Potential r, double[] w0, double tEnd) {
        return mirrorFlow(f, r, w0, tEnd, Options.defaults(), null);
    }

    /**
     * Mirror flow d/dt ∇R(w) = −∇f(w) from w₀ to time {@code tEnd}, integrated in z = ∇R(w).
     *
     * @param traceTimes ascending times in [0, tEnd] at which to record w (may be {@code null})
     */
    public static FlowSolution mirrorFlow(Objective f, Potential r, double[] w0, double tEnd, Options options,
                                                  double[] traceTimes) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(w0, "w0");
        checkDim(f, w0);
        r.checkDomain(w0);
        double[] z0 = new double[w0.length];
        r.gradientInto(w0, z0);
        BregmanProjection.requireFinite("∇R(w0)", z0);
        double[] wBuf = new double[w0.length];
        Field field = (z, out) -> {
            r.inverseGradientInto(z, wBuf);
            f.gradientOnly(wBuf, out);
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        };
        return integrate(f, field, z0, r, tEnd, options, traceTimes);
    }

    @FunctionalInterface
    private interface Field {
        void eval(double[] y, double[] out);
    }

    private static FlowSolution integrate(Objective f, Field field, double[] y, Potential mirror, double tEnd,
                                                  Options options, double[] traceTimes) {
        Objects.requireNonNull(options, "options");
        if (!(tEnd >= 0)) {
            throw new IllegalArgumentException("tEnd must be ≥ 0, got " + tEnd);
        }
        if (Double.isInfinite(tEnd) && options.gradientTolerance() <= 0) {
            throw new IllegalArgumentException("tEnd = ∞ needs a positive gradient tolerance");
        }
        BregmanProjection.requireFinite("w0", y);
        double[] tt = traceTimes == null ? new double[0] : traceTimes.clone();
        for (int k = 0; k < tt.length; k++) {
            if (!(tt[k] >= 0) || tt[k] > tEnd || (k > 0 && tt[k] < tt[k - 1])) {
                throw new IllegalArgumentException("traceTimes must be ascending in [0, tEnd]; traceTimes[" + k + "]="
                        + tt[k]);
            }
        }
        int d = y.length;
        double[][] trace = new double[tt.length][];
        int nextTrace = 0;
        double[] k1 = new double[d], k2 = new double[d], k3 = new double[d], k4 = new double[d], k5 = new double[d],
                k6 = new double[d], k7 = new double[d], yt = new double[d], yNew = new double[d];
        long evals = 0;
        double t = 0;
        field.eval(y, k1);
        evals++;
        while (nextTrace < tt.length && tt[nextTrace] == 0.0) {
            trace[nextTrace++] = toW(mirror, y);
        }
        long accepted = 0;
        long rejected = 0;
        OracleStatus status = null;
        String message = null;
        boolean gradStop = false;
        double gnorm = norm2(k1);
        if (!Double.isFinite(gnorm)) {
            status = OracleStatus.INACCURATE;
            message = "the vector field is not finite at the start";
        } else if (options.gradientTolerance() > 0 && gnorm <= options.gradientTolerance()) {
            gradStop = true;
            status = OracleStatus.OPTIMAL;
            message = "gradient tolerance met at t = 0";
        }
        double h = options.initialStep() > 0 ? options.initialStep() : initialStep(field, y, k1, options, yt, k2);
        if (options.initialStep() <= 0) {
            evals++;
        }
        double errPrev = 1e-4;
        boolean lastRejected = false;
        while (status == null) {
            if (t >= tEnd) {
                status = OracleStatus.OPTIMAL;
                message = "reached T = " + tEnd + " after " + accepted + " accepted and " + rejected + " rejected steps";
                break;
            }
            if (accepted + rejected >= options.maxSteps()) {
                status = OracleStatus.MAX_ITERATIONS;
                message = "step budget " + options.maxSteps() + " exhausted at t = " + t;
                break;
            }
            double target = nextTrace < tt.length ? tt[nextTrace] : tEnd;
            boolean hitsTarget = false;
            double hStep = h;
            if (t + hStep >= target) {
                hStep = target - t;
                hitsTarget = true;
            }
            if (!(hStep > Math.ulp(Math.max(1.0, Math.abs(t))) * 4) && !hitsTarget) {
                status = OracleStatus.INACCURATE;
                message = "step size underflow (h = " + hStep + ") at t = " + t;
                break;
            }
            double err = attemptStep(field, y, hStep, k1, k2, k3, k4, k5, k6, k7, yt, yNew, options);
            evals += 6;
            if (!Double.isFinite(err)) {
                rejected++;
                h = hStep * FAC_MIN;
                lastRejected = true;
                continue;
            }
            if (err <= 1.0) {
                accepted++;
                t = hitsTarget ? target : t + hStep;
                System.arraycopy(yNew, 0, y, 0, d);
                System.arraycopy(k7, 0, k1, 0, d); // first same as last
                double e = Math.max(err, 1e-10);
                double fac = SAFETY * Math.pow(e, -EXPO) * Math.pow(errPrev, BETA);
                fac = Math.min(lastRejected ? 1.0 : FAC_MAX, Math.max(FAC_MIN, fac));
                errPrev = e;
                lastRejected = false;
                // Keep the controller's step when the step was only shortened to hit a target.
                h = hitsTarget ? Math.max(h, hStep * fac) : hStep * fac;
                if (hitsTarget && nextTrace < tt.length && target == tt[nextTrace]) {
                    while (nextTrace < tt.length && tt[nextTrace] == target) {
                        trace[nextTrace++] = toW(mirror, y);
                    }
                }
                gnorm = norm2(k1);
                if (!Double.isFinite(gnorm)) {
                    status = OracleStatus.INACCURATE;
                    message = "the vector field became non-finite at t = " + t;
                } else if (options.gradientTolerance() > 0 && gnorm <= options.gradientTolerance()) {
                    gradStop = true;
                    status = OracleStatus.OPTIMAL;
                    message = "gradient tolerance " + options.gradientTolerance() + " met at t = " + t + " after "
                            + accepted + " accepted and " + rejected + " rejected steps";
                }
            } else {
                rejected++;
                h = hStep * Math.max(FAC_MIN, SAFETY * Math.pow(err, -0.2));
                lastRejected = true;
            }
        }
        double[] w = toW(mirror, y);
        double value = f.value(w);
        double[] g = new double[d];
        f.gradientOnly(w, g);
        evals++;
        return new FlowSolution(status, w, mirror == null ? null : y.clone(), t, value, norm2(g), gradStop,
                accepted, rejected, evals, Arrays.copyOf(tt, nextTrace), Arrays.copyOf(trace, nextTrace), message);
    }

    /**
     * One attempted Dormand–Prince step of size {@code hStep} from y (not modified; k1 = field(y), not modified): fills
     * k2…k7 and yNew (the 5th-order solution; k7 = field(yNew)) and returns the scaled local error estimate err (0 when
     * d = 0). yt is scratch.
     *
     * <p>Kept out of {@link #integrate} so that C2 compiles the per-step work once, as an ordinary method called
     * thousands of times, and the outer loop's on-stack-replacement compile stays small: with the per-coordinate loops
     * written in the loop of integrate, each run of a flow reached OSR at another loop's back edge and C2 compiled the
     * whole method (the field's gradient inlined, ~75 KB of code) again for each entry point (JFR of check --quick:
     * 5 OSR compiles and 1 standard one of integrate, 0.5–0.9 s each quiet). Same sums in the same order as before.
     */
    private static double attemptStep(Field field, double[] y, double hStep, double[] k1, double[] k2, double[] k3,
                                      double[] k4, double[] k5, double[] k6, double[] k7, double[] yt, double[] yNew,
                                      Options options) {
        // Stages 2…7 through one call site of the field: C2 inlines the field (for a network, its whole autodiff
        // graph) once instead of six times (measured: the OSR compile of the loop took 4.3 s of C2 with six sites).
        for (int stage = 2; stage <= 7; stage++) {
            double[] in = yt;
            double[] out;
            switch (stage) {
                case 2 -> {
                    stage2(y, hStep, k1, yt);
                    out = k2;
                }
                case 3 -> {
                    stage3(y, hStep, k1, k2, yt);
                    out = k3;
                }
                case 4 -> {
                    stage4(y, hStep, k1, k2, k3, yt);
                    out = k4;
                }
                case 5 -> {
                    stage5(y, hStep, k1, k2, k3, k4, yt);
                    out = k5;
                }
                case 6 -> {
                    stage6(y, hStep, k1, k2, k3, k4, k5, yt);
                    out = k6;
                }
                default -> {
                    solution5(y, hStep, k1, k3, k4, k5, k6, yNew);
                    in = yNew;
                    out = k7;
                }
            }
            field.eval(in, out);
        }
        int d = y.length;
        return d == 0 ? 0.0 : Math.sqrt(errorSquares(y, yNew, hStep, k1, k3, k4, k5, k6, k7, options) / d);
    }

    // The stage combinations y + h·Σ a_ij k_j (Dormand & Prince 1980, Table 2), each written once with its own sum
    // order; out is overwritten, the other arrays are not modified.

    private static void stage2(double[] y, double h, double[] k1, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * A21 * k1[i];
        }
    }

    private static void stage3(double[] y, double h, double[] k1, double[] k2, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }
    }

    private static void stage4(double[] y, double h, double[] k1, double[] k2, double[] k3, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }
    }

    private static void stage5(double[] y, double h, double[] k1, double[] k2, double[] k3, double[] k4,
                               double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
    }

    private static void stage6(double[] y, double h, double[] k1, double[] k2, double[] k3, double[] k4,
                               double[] k5, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
    }

    /** The propagated 5th-order solution (b₂ = 0). */
    private static void solution5(double[] y, double h, double[] k1, double[] k3, double[] k4, double[] k5,
                                  double[] k6, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        }
    }

    /** Σᵢ (eᵢ / (atol + rtol·max(|yᵢ|, |y'ᵢ|)))² with e = h·Σ E_j k_j, summed in index order. */
    private static double errorSquares(double[] y, double[] yNew, double h, double[] k1, double[] k3, double[] k4,
                                       double[] k5, double[] k6, double[] k7, Options options) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            double sc = options.atol() + options.rtol() * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
            double q = e / sc;
            sum += q * q;
        }
        return sum;
    }

    /** Starting step size (Hairer–Nørsett–Wanner I, §II.4): one explicit Euler probe. Uses one field evaluation. */
    private static double initialStep(Field field, double[] y, double[] f0, Options o, double[] y1, double[] f1) {
        int d = y.length;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < d; i++) {
            double sc = o.atol() + o.rtol() * Math.abs(y[i]);
            d0 += (y[i] / sc) * (y[i] / sc);
            d1 += (f0[i] / sc) * (f0[i] / sc);
        }
        d0 = Math.sqrt(d0 / Math.max(d, 1));
        d1 = Math.sqrt(d1 / Math.max(d, 1));
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        for (int i = 0; i < d; i++) {
            y1[i] = y[i] + h0 * f0[i];
        }
        field.eval(y1, f1);
        double d2 = 0;
        for (int i = 0; i < d; i++) {
            double sc = o.atol() + o.rtol() * Math.abs(y[i]);
            double v = (f1[i] - f0[i]) / sc;
            d2 += v * v;
        }
        d2 = Math.sqrt(d2 / Math.max(d, 1)) / h0;
        double m = Math.max(d1, d2);
        double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, 0.2);
        double h = Math.min(100 * h0, h1);
        return Double.isFinite(h) && h > 0 ? h : 1e-6;
    }

    private static double[] toW(Potential mirror, double[] y) {
        if (mirror == null) {
            return y.clone();
        }
        double[] w = new double[y.length];
        mirror.inverseGradientInto(y, w);
        return w;
    }

    private static double norm2(double[] v) {
        return org.sgdlab.linalg.Kernels.norm2(v);
    }

    private static void checkDim(Objective f, double[] w0) {
        if (f.dimension() != w0.length) {
            throw new IllegalArgumentException("w0 has length " + w0.length + " but the objective has dimension "
                    + f.dimension());
        }
    }
}
