package org.sgdlab.geometry;

/**
 * The norms of source 004 and of Bernstein &amp; Newhouse (2024), with their dual norms and sharp maps.
 * Every factory validates its hyperparameters eagerly.
 */
public final class Norms {
    private Norms() {
    }

    /** ℓ2: sharp(g) = g/‖g‖₂, dual = ℓ2 (plain gradient direction). */
    public static Norm l2() {
        return L2.INSTANCE;
    }

    /** ℓ1: sharp(g) = sign(g_j) e_j on one coordinate j of maximal |g_j| (the lowest such index); dual = ℓ∞. */
    public static Norm l1() {
        return L1.INSTANCE;
    }

    /** ℓ∞: sharp(g) = sign(g) (SignSGD; sign(0) = 0); dual = ℓ1. */
    public static Norm linf() {
        return LInf.INSTANCE;
    }

    /** ℓp for 1 &lt; p &lt; ∞ (pbSGD direction of source 004). */
    public static Norm lp(double p) {
        return new LpNorm(p);
    }

    /** The spectral norm of a rows×cols matrix stored row-major; sharp = U Vᵀ by exact (Jacobi) SVD. */
    public static SpectralNorm spectral(int rows, int cols) {
        return new SpectralNorm(rows, cols, null);
    }

    /** The spectral norm with the sharp approximated by Muon's quintic Newton–Schulz iteration (default coefficients, 5 steps). */
    public static SpectralNorm spectralNewtonSchulz(int rows, int cols) {
        return new SpectralNorm(rows, cols, NewtonSchulz.muon());
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            double a = Math.abs(x);
            if (a > m) {
                m = a;
            }
        }
        return m;
    }

    /** ‖v‖₂ computed after scaling by max|v| (no overflow or underflow of the squares). */
    static double l2Norm(double[] v) {
        double m = maxAbs(v);
        if (m == 0 || !Double.isFinite(m)) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            double y = x / m;
            s += y * y;
        }
        return m * Math.sqrt(s);
    }

    /** ‖v‖_r for 1 ≤ r &lt; ∞, scaled by max|v|. */
    static double lrNorm(double[] v, double r) {
        double m = maxAbs(v);
        if (m == 0 || !Double.isFinite(m)) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            s += Math.pow(Math.abs(x) / m, r);
        }
        return m * Math.pow(s, 1.0 / r);
    }

    static final class L2 implements Norm {
        static final L2 INSTANCE = new L2();

        @Override
        public double of(double[] v) {
            return l2Norm(v);
        }

        @Override
        public double dual(double[] g) {
            return l2Norm(g);
        }

        @Override
        public void sharpInto(double[] g, double[] out) {
            double n = l2Norm(g);
            if (n == 0) {
                java.util.Arrays.fill(out, 0, g.length, 0.0);
                return;
            }
            for (int i = 0; i < g.length; i++) {
                out[i] = g[i] / n;
            }
        }

        @Override
        public String describe() {
            return "l2";
        }
    }

    static final class L1 implements Norm {
        static final L1 INSTANCE = new L1();

        @Override
        public double of(double[] v) {
            double s = 0;
            for (double x : v) {
                s += Math.abs(x);
            }
            return s;
        }

        @Override
        public double dual(double[] g) {
            return maxAbs(g);
        }

        /** All mass on the first index of maximal |g_j| (ties go to the lowest index; any convex combination of tied vertices is also optimal). */
        @Override
        public void sharpInto(double[] g, double[] out) {
            int best = -1;
            double m = 0;
            for (int i = 0; i < g.length; i++) {
                double a = Math.abs(g[i]);
                if (a > m) {
                    m = a;
                    best = i;
                }
            }
            java.util.Arrays.fill(out, 0, g.length, 0.0);
            if (best >= 0) {
                out[best] = Math.signum(g[best]);
            }
        }

        @Override
        public String describe() {
            return "l1";
        }
    }

    static final class LInf implements Norm {
        static final LInf INSTANCE = new LInf();

        @Override
        public double of(double[] v) {
            return maxAbs(v);
        }

        @Override
        public double dual(double[] g) {
            double s = 0;
            for (double x : g) {
                s += Math.abs(x);
            }
            return s;
        }

        @Override
        public void sharpInto(double[] g, double[] out) {
            for (int i = 0; i < g.length; i++) {
                out[i] = Math.signum(g[i]);
            }
        }

        @Override
        public String describe() {
            return "linf";
        }
    }
}
