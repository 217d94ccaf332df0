package org.sgdlab.probe;

import org.sgdlab.linalg.Kernels;

/** Angles and distances between directions, computed accurately near 0. */
public final class Angles {
    private Angles() {
    }

    /**
     * The angle between a and b in [0, π], as 2·atan2(‖â − b̂‖, ‖â + b̂‖) on the unit vectors â, b̂
     * (Kahan, "How futile are mindless assessments of roundoff", 2006): accurate to a few ulps for
     * tiny angles, where acos(⟨â, b̂⟩) loses half the digits (acos(1 − ε) ≈ √(2ε)). NaN if either is zero.
     */
    public static double between(double[] a, double[] b) {
        double na = Kernels.norm2(a);
        double nb = Kernels.norm2(b);
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        double diff = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double u = a[i] / na;
            double v = b[i] / nb;
            diff += (u - v) * (u - v);
            sum += (u + v) * (u + v);
        }
        return 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
    }

    /** ‖a − b‖₂. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i] - b[i]));
        }
        if (scale == 0) {
            return 0;
        }
        for (int i = 0; i < a.length; i++) {
            double t = (a[i] - b[i]) / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /** ‖a − b‖ / ‖b‖ (or ‖a − b‖ when b = 0). */
    public static double relativeDistance(double[] a, double[] b) {
        double nb = Kernels.norm2(b);
        double d = distance(a, b);
        return nb == 0 ? d : d / nb;
    }
}
