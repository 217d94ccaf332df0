package org.sgdlab.nn;

import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.sgdlab.random.RandomStream;

/** Finite differences and error measures shared by the tests. */
public final class Checks {
    private Checks() {
    }

    /** Step of the five-point stencil: truncation O(h⁴) ≈ 1e-12, rounding O(ε/h) ≈ 1e-13 relative. */
    public static final double H = 1e-3;

    /** ∂f/∂wⱼ by the five-point central difference (f(w−2h) − 8f(w−h) + 8f(w+h) − f(w+2h))/(12h), for every j. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] w) {
        double[] g = new double[w.length];
        double[] x = w.clone();
        for (int j = 0; j < w.length; j++) {
            double h = H * Math.max(1.0, Math.abs(w[j]));
            x[j] = w[j] - 2 * h;
            double m2 = f.applyAsDouble(x);
            x[j] = w[j] - h;
            double m1 = f.applyAsDouble(x);
            x[j] = w[j] + h;
            double p1 = f.applyAsDouble(x);
            x[j] = w[j] + 2 * h;
            double p2 = f.applyAsDouble(x);
            x[j] = w[j];
            g[j] = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
        }
        return g;
    }

    /**
     * D g(w)[v] for a vector function g (written by {@code g(w, out)}), by the five-point stencil along v with step
     * t = H/‖v‖, so that the stencil reaches as far in parameter space as {@link #gradient}'s (a step of H·v with
     * ‖v‖ ≈ 9 put the O(t⁴) truncation of a batch-norm HVP at 1.0e-7; it fell 16× per halving of t).
     */
    public static double[] directional(BiConsumer<double[], double[]> g, double[] w, double[] v, int outLength) {
        double t = H / norm(v);
        double[][] vals = new double[4][outLength];
        double[] steps = {-2, -1, 1, 2};
        double[] x = new double[w.length];
        for (int s = 0; s < 4; s++) {
            for (int j = 0; j < w.length; j++) {
                x[j] = w[j] + steps[s] * t * v[j];
            }
            g.accept(x, vals[s]);
        }
        double[] out = new double[outLength];
        for (int i = 0; i < outLength; i++) {
            out[i] = (vals[0][i] - 8 * vals[1][i] + 8 * vals[2][i] - vals[3][i]) / (12 * t);
        }
        return out;
    }

    /** ‖a − b‖₂ / ‖b‖₂ (b the reference; ‖b‖ must be nonzero). */
    public static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            num += d * d;
            den += b[i] * b[i];
        }
        if (den == 0) {
            throw new AssertionError("reference vector is zero: the check would assert nothing");
        }
        return Math.sqrt(num / den);
    }

    /** ‖a − b‖∞ / ‖b‖∞. */
    public static double relativeErrorInf(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        if (den == 0) {
            throw new AssertionError("reference vector is zero: the check would assert nothing");
        }
        return num / den;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** n standard normals. */
    public static double[] gaussians(RandomStream r, int n) {
        return r.gaussians(new double[n]);
    }

    /** n uniforms in [lo, hi). */
    public static double[] uniform(RandomStream r, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
        }
        return x;
    }

    /** n values with |x| in [lo, hi) and random signs (kept away from a kink at 0). */
    public static double[] awayFromZero(RandomStream r, int n, double lo, double hi) {
        double[] x = uniform(r, n, lo, hi);
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.5) {
                x[i] = -x[i];
            }
        }
        return x;
    }
}
