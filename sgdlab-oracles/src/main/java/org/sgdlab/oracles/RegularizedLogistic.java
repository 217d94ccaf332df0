package org.sgdlab.oracles;

import java.util.Objects;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * ℓ₂-regularised logistic regression without intercept, solved to high precision:
 * <pre>  w_λ = argmin_w F(w),   F(w) = (1/n) Σᵢ log(1 + exp(−mᵢ)) + λ‖w‖₂²,   mᵢ = yᵢ⟨w, xᵢ⟩,  yᵢ ∈ {−1, +1}.</pre>
 * On separable data the normalised path w_λ/‖w_λ‖ tends to the hard-margin SVM direction as λ → 0 (Rosset, Zhu and
 * Hastie, "Margin maximizing loss functions", NIPS 2003 / JMLR 2004), the regularisation-path counterpart of the
 * implicit bias of gradient descent; {@link #path} computes w_λ along a decreasing grid with warm starts.
 *
 * <p>Method: Newton's method with Armijo backtracking. ∇F = −(1/n) Σ σ(−mᵢ) yᵢ xᵢ + 2λw and
 * ∇²F = (1/n) Xᵀ D X + 2λI with Dᵢᵢ = σ(mᵢ)σ(−mᵢ), factored by Cholesky (it is positive definite for λ &gt; 0).
 * Logistic terms are evaluated stably: log(1 + e^{−m}) = max(−m, 0) + log1p(e^{−|m|}), σ(−m) = 1/(1 + e^{m}) written
 * so that the exponential never overflows. Stops when ‖∇F‖₂ ≤ tol·(1 + ‖w‖₂) (default tol = 1e-12) and the Newton step
 * ‖∇²F⁻¹∇F‖₂ ≤ stepTol·(1 + ‖w‖₂) (default 1e-10; needed because for small λ the gradient can be tiny far from w_λ,
 * the curvature being ~2λ plus exponentially small loss curvature). Near the optimum,
 * where F changes below its rounding level, a step is also accepted when it reduces ‖∇F‖.
 */
public final class RegularizedLogistic {

    private RegularizedLogistic() {
    }

    /**
     * Settings.
     *
     * @param tolerance     relative gradient tolerance: ‖∇F‖ ≤ tolerance·(1 + ‖w‖) (default 1e-12)
     * @param stepTolerance relative Newton-step tolerance: ‖∇²F⁻¹∇F‖ ≤ stepTolerance·(1 + ‖w‖) (default 1e-10). For
     *                      small λ the gradient test alone is vacuous (∇F can be below 1e-12 far from w_λ because the
     *                      curvature is only ~2λ), so both are required
     * @param maxIterations Newton iterations per λ (default 200)
     */
    public record Options(double tolerance, double stepTolerance, int maxIterations) {
        public Options {
            if (!(tolerance > 0) || !(stepTolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("tolerances must be > 0 and maxIterations ≥ 1");
            }
        }

        public static Options defaults() {
            return new Options(1e-12, 1e-10, 200);
        }
    }

    /** w_λ from w = 0 with default options. */
    public static RegularizedLogisticSolution solve(Matrix x, double[] y, double lambda) {
        return solve(x, y, lambda, null, Options.defaults());
    }

    /**
     * w_λ by Newton's method from {@code start} ({@code null} means 0).
     *
     * @throws IllegalArgumentException if λ ≤ 0 or not finite, a label is not ±1, shapes disagree or input is not finite
     */
    public static RegularizedLogisticSolution solve(Matrix x, double[] y, double lambda, double[] start,
                                                    Options options) {
        check(x, y);
        Objects.requireNonNull(options, "options");
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0 and finite, got " + lambda);
        }
        int d = x.cols();
        if (start != null && start.length != d) {
            throw new IllegalArgumentException("start has length " + start.length + " but X has " + d + " columns");
        }
        return newton(x, y, lambda, start == null ? new double[d] : start.clone(), options);
    }

    /** {@link #path(Matrix, double[], double[], Options)} with default options. */
    public static RegularizedLogisticSolution[] path(Matrix x, double[] y, double[] lambdas) {
        return path(x, y, lambdas, Options.defaults());
    }

    /**
     * w_λ for each λ of a non-increasing grid, each solve warm-started at the previous solution (the first at 0).
     * Returns the solutions in the order of {@code lambdas}.
     *
     * @throws IllegalArgumentException if the grid is empty, increases somewhere, or has a λ ≤ 0
     */
    public static RegularizedLogisticSolution[] path(Matrix x, double[] y, double[] lambdas, Options options) {
        check(x, y);
        Objects.requireNonNull(lambdas, "lambdas");
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("lambdas must not be empty");
        }
        for (int k = 0; k < lambdas.length; k++) {
            if (!(lambdas[k] > 0) || Double.isInfinite(lambdas[k])) {
                throw new IllegalArgumentException("lambdas[" + k + "] must be > 0 and finite, got " + lambdas[k]);
            }
            if (k > 0 && lambdas[k] > lambdas[k - 1]) {
                throw new IllegalArgumentException("lambdas must be non-increasing; lambdas[" + k + "]=" + lambdas[k]
                        + " > lambdas[" + (k - 1) + "]=" + lambdas[k - 1]);
            }
        }
        RegularizedLogisticSolution[] out = new RegularizedLogisticSolution[lambdas.length];
        double[] w = new double[x.cols()];
        for (int k = 0; k < lambdas.length; k++) {
            out[k] = newton(x, y, lambdas[k], w.clone(), options);
            w = out[k].w();
        }
        return out;
    }

    /** F(w) and ∇F(w) (into grad); margins into m. */
    static double objective(Matrix x, double[] y, double lambda, double[] w, double[] grad, double[] m) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        java.util.Arrays.fill(grad, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double mi = y[i] * Kernels.dot(a, i * d, w, 0, d);
            m[i] = mi;
            loss += softplusNeg(mi);
            double s = sigmoidNeg(mi);
            if (s != 0) {
                Kernels.axpy(-s * y[i] / n, a, i * d, grad, 0, d);
            }
        }
        double ww = Kernels.dot(w, w);
        for (int j = 0; j < d; j++) {
            grad[j] += 2 * lambda * w[j];
        }
        return loss / n + lambda * ww;
    }

    /** log(1 + e^{−m}) without overflow or cancellation. */
    static double softplusNeg(double m) {
        return Math.max(-m, 0.0) + Math.log1p(Math.exp(-Math.abs(m)));
    }

    /** σ(−m) = 1/(1 + e^{m}). */
    static double sigmoidNeg(double m) {
        if (m >= 0) {
            double e = Math.exp(-m);
            return e / (1 + e);
        }
        return 1 / (1 + Math.exp(m));
    }

    private static RegularizedLogisticSolution newton(Matrix x, double[] y, double lambda, double[] w,
                                                      Options options) {
        int n = x.rows();
        int d = x.cols();
        double[] a = x.data();
        double[] g = new double[d];
        double[] m = new double[n];
        double[] gT = new double[d];
        double[] mT = new double[n];
        double[] wT = new double[d];
        double[] step = new double[d];
        double[] h = new double[d * d];
        double f = objective(x, y, lambda, w, g, m);
        double gn = Kernels.norm2(g);
        int it = 0;
        OracleStatus status = null;
        String message = null;
        double stepNorm = Double.NaN;
        while (true) {
            if (it >= options.maxIterations()) {
                status = OracleStatus.MAX_ITERATIONS;
                message = "iteration budget " + options.maxIterations() + " exhausted";
                break;
            }
            java.util.Arrays.fill(h, 0.0);
            for (int i = 0; i < n; i++) {
                double s = sigmoidNeg(m[i]);
                double di = s * (1 - s) / n;
                if (di == 0) {
                    continue;
                }
                int off = i * d;
                for (int r = 0; r < d; r++) {
                    double c = di * a[off + r];
                    for (int col = 0; col <= r; col++) {
                        h[r * d + col] += c * a[off + col];
                    }
                }
            }
            for (int r = 0; r < d; r++) {
                h[r * d + r] += 2 * lambda;
                for (int col = 0; col < r; col++) {
                    h[col * d + r] = h[r * d + col];
                }
            }
            for (int j = 0; j < d; j++) {
                step[j] = -g[j];
            }
            if (!BregmanProjection.solveSpd(h, d, step)) {
                status = OracleStatus.INACCURATE;
                message = "Hessian could not be factored at iteration " + it;
                break;
            }
            stepNorm = Kernels.norm2(step);
            double scale = 1 + Kernels.norm2(w);
            if (gn <= options.tolerance() * scale && stepNorm <= options.stepTolerance() * scale) {
                status = OracleStatus.OPTIMAL;
                message = "converged in " + it + " Newton iterations";
                break;
            }
            it++;
            double slope = Kernels.dot(g, step);
            boolean accepted = false;
            double t = 1;
            for (int ls = 0; ls < 60; ls++, t *= 0.5) {
                for (int j = 0; j < d; j++) {
                    wT[j] = w[j] + t * step[j];
                }
                double fT = objective(x, y, lambda, wT, gT, mT);
                double gnT = Kernels.norm2(gT);
                boolean armijo = fT <= f + 1e-4 * t * slope;
                boolean noise = Math.abs(fT - f) <= 1e-14 * (1 + Math.abs(f)) && gnT < gn;
                if (armijo || noise) {
                    System.arraycopy(wT, 0, w, 0, d);
                    System.arraycopy(gT, 0, g, 0, d);
                    System.arraycopy(mT, 0, m, 0, n);
                    f = fT;
                    gn = gnT;
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                status = OracleStatus.INACCURATE;
                message = "line search failed at iteration " + it + " with gradient norm " + gn;
                break;
            }
        }
        return new RegularizedLogisticSolution(status, lambda, w, f, gn, stepNorm, it, message);
    }

    private static void check(Matrix x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.length != x.rows()) {
            throw new IllegalArgumentException("y has length " + y.length + " but X has " + x.rows() + " rows");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("need at least one sample");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new IllegalArgumentException("row " + i + ": label must be -1 or +1, got " + y[i]);
            }
        }
        BregmanProjection.requireFinite("X", x.data());
    }
}
