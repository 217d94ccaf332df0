package org.sgdlab.sde;

/**
 * Estimates of E g(X) − E g(Y) from Monte-Carlo samples g(X_p), g(Y_p), with a normal-approximation confidence
 * interval (mean ± z·stdErr).
 * <ul>
 *   <li>{@link #coupled}: the p-th samples share their randomness (common random numbers, e.g. the same Brownian
 *   increments or the same seed split): stdErr = sd(gX − gY)/√n. Valid when pairs are i.i.d. across p; the
 *   difference's variance is small when the coupling is tight.</li>
 *   <li>{@link #independent}: two independent samples: stdErr = √(s²_X/n_X + s²_Y/n_Y) (Welch).</li>
 *   <li>{@link #againstExact}: E g(X) − a known value: stdErr = s_X/√n.</li>
 * </ul>
 */
public final class WeakError {
    private WeakError() {
    }

    /** An estimate with its standard error and sample count. */
    public record Estimate(double value, double stdErr, int samples) {
        /** value − z·stdErr. */
        public double lower(double z) {
            return value - z * stdErr;
        }

        /** value + z·stdErr. */
        public double upper(double z) {
            return value + z * stdErr;
        }

        /** True when the z-interval contains v. */
        public boolean covers(double v, double z) {
            return lower(z) <= v && v <= upper(z);
        }
    }

    /** E gX − E gY with paired samples (same length ≥ 2). */
    public static Estimate coupled(double[] gx, double[] gy) {
        if (gx.length != gy.length) {
            throw new IllegalArgumentException("coupled samples must have the same length, got " + gx.length + " and " + gy.length);
        }
        double[] diff = new double[gx.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = gx[i] - gy[i];
        }
        return mean(diff);
    }

    /** E gX − E gY with independent samples (each of length ≥ 2). */
    public static Estimate independent(double[] gx, double[] gy) {
        Estimate a = mean(gx);
        Estimate b = mean(gy);
        return new Estimate(a.value - b.value, Math.hypot(a.stdErr, b.stdErr), Math.min(a.samples, b.samples));
    }

    /** E gX − exact. */
    public static Estimate againstExact(double[] gx, double exact) {
        Estimate a = mean(gx);
        return new Estimate(a.value - exact, a.stdErr, a.samples);
    }

    /** The sample mean with stdErr = s/√n (s with the n − 1 denominator); n ≥ 2. */
    public static Estimate mean(double[] v) {
        int n = v.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 samples, got " + n);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Estimate(mean, Math.sqrt(ss / (n - 1) / n), n);
    }
}
