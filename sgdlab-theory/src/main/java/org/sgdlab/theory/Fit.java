package org.sgdlab.theory;

/**
 * Ordinary least-squares line y ≈ intercept + slope·x, with the slope's standard error; used to fit
 * decay rates on log scales (e.g. log loss against log t gives the exponent of loss ~ t^slope).
 *
 * @param slope     fitted slope
 * @param intercept fitted intercept
 * @param slopeStdErr standard error of the slope (NaN with fewer than 3 points)
 * @param points    number of points used
 */
public record Fit(double slope, double intercept, double slopeStdErr, int points) {
    /** Fits the finite (x, y) pairs; needs at least two distinct x. */
    public static Fit line(double[] x, double[] y) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < 2) {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
            }
        }
        double slope = sxy / sxx;
        double icpt = my - slope * mx;
        double sse = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double r = y[i] - icpt - slope * x[i];
                sse += r * r;
            }
        }
        double se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Double.NaN;
        return new Fit(slope, icpt, se, n);
    }

    /** Fits log(y) against log(x) over the points with x in [xFrom, xTo] and x, y &gt; 0: y ~ x^slope. */
    public static Fit logLog(double[] x, double[] y, double xFrom, double xTo) {
        double[] lx = new double[x.length];
        double[] ly = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean in = x[i] >= xFrom && x[i] <= xTo && x[i] > 0 && y[i] > 0;
            lx[i] = in ? Math.log(x[i]) : Double.NaN;
            ly[i] = in ? Math.log(y[i]) : Double.NaN;
        }
        return line(lx, ly);
    }
}
