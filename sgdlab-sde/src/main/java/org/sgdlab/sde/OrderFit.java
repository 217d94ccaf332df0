package org.sgdlab.sde;

/**
 * A fitted convergence order: the least-squares line log err = α·log h + log C through points (hᵢ, errᵢ), with the
 * slope's standard error s/√Σ(xᵢ − x̄)² (s² = residual sum of squares/(n − 2)). (sgdlab-theory has a similar fit; this
 * module depends on core only.)
 *
 * @param order      α, the fitted slope
 * @param stdErr     its standard error (NaN for n = 2 points)
 * @param constant   C = e^{intercept}
 * @param points     n
 */
public record OrderFit(double order, double stdErr, double constant, int points) {
    /** Fits log|err| against log h; every h and err must be &gt; 0 and finite, n ≥ 2 with two distinct h. */
    public static OrderFit logLog(double[] h, double[] err) {
        int n = h.length;
        if (n != err.length) {
            throw new IllegalArgumentException("h and err must have the same length, got " + n + " and " + err.length);
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(h[i] > 0) || Double.isInfinite(h[i])) {
                throw new IllegalArgumentException("step sizes must be > 0 and finite, got " + h[i] + " at index " + i);
            }
            if (!(err[i] > 0) || Double.isInfinite(err[i])) {
                throw new IllegalArgumentException("errors must be > 0 and finite, got " + err[i] + " at index " + i);
            }
            x[i] = Math.log(h[i]);
            y[i] = Math.log(err[i]);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("need two distinct step sizes, got all h = " + h[0]);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double se = Double.NaN;
        if (n > 2) {
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - intercept - slope * x[i];
                rss += r * r;
            }
            se = Math.sqrt(rss / (n - 2) / sxx);
        }
        return new OrderFit(slope, se, Math.exp(intercept), n);
    }
}
