package org.sgdlab.geometry;

/** The potentials of 002 §8.1 for {@link MirrorDescent}; every factory validates eagerly. */
public final class Potentials {
    private Potentials() {
    }

    /** R(w) = ½‖w‖²₂: ∇R = id, and mirror descent is gradient descent bit for bit (mirrorStep = −η g). */
    public static Potential euclidean() {
        return Euclidean.INSTANCE;
    }

    /**
     * R(w) = ½‖w‖²_p, 1 &lt; p &lt; ∞: ∇R(w) = ‖w‖_p^{2−p} w^[p−1], (∇R)^{-1}(z) = ‖z‖_q^{2−q} z^[q−1]
     * (the gradient of the conjugate ½‖z‖²_q, 1/p + 1/q = 1). Computed after scaling by max|w| (p-norm
     * mirror descent, the p-norm algorithms of Grove, Littlestone &amp; Schuurmans).
     */
    public static Potential lpSquared(double p) {
        return new LpSquared(p);
    }

    /**
     * The hyperbolic entropy R_α(w) = Σ_i [w_i arcsinh(w_i/(2α)) − √(w_i² + 4α²)], α &gt; 0, with
     * ∇R_α(w) = arcsinh(w/(2α)) and (∇R_α)^{-1}(z) = 2α sinh(z). This is 4·R^{002}_{√α} up to an additive
     * constant, where R^{002} is the form printed in 002 Thm 8.1.6 ({@link #hyperbolicEntropyBook}); the
     * factor 4 rescales the effective step (η here = η/4 there).
     */
    public static Potential hyperbolicEntropy(double alpha) {
        requirePositive("alpha", alpha);
        return new Hyperbolic(1.0, alpha, 0.0, "hyperbolic-entropy(alpha=" + alpha + ")");
    }

    /**
     * The potential exactly as printed in 002 Thm 8.1.6 eq. (8.12) (Woodworth et al. 2020):
     * R_α(w) = α²/4 · Σ_i q(w_i/α²), q(z) = 2 − √(4 + z²) + z·arcsinh(z/2), i.e.
     * R_α(w) = ¼ Σ_i [w_i arcsinh(w_i/(2α²)) − √(w_i² + 4α⁴) + 2α²], ∇R_α = ¼ arcsinh(w/(2α²)) (eq. (8.18)),
     * (∇R_α)^{-1}(z) = 2α² sinh(4z). Gradient flow on w = θ₊² − θ₋² from θ₀ = (c·1, −c·1) is mirror flow for
     * this R with α = c; the printed initialization (α·1, −α·1)/4 therefore matches R_{α/4}, not R_α
     * (a known misprint).
     */
    public static Potential hyperbolicEntropyBook(double alpha) {
        requirePositive("alpha", alpha);
        double beta = alpha * alpha;
        return new Hyperbolic(0.25, beta, 2 * beta, "hyperbolic-entropy-002(alpha=" + alpha + ")");
    }

    /**
     * Negative entropy on the probability simplex, R(w) = Σ w_i log w_i (0 log 0 = 0): ∇R = 1 + log w,
     * (∇R)^{-1}(z) = exp(z − 1) (unconstrained). The mirror step onto the simplex (Bregman projection =
     * normalization) is the exponentiated-gradient update w'_i = w_i e^{−η g_i} / Σ_j w_j e^{−η g_j}
     * (Kivinen &amp; Warmuth 1997), computed with the max-shift so it cannot overflow.
     */
    public static Potential negativeEntropy() {
        return NegEntropy.INSTANCE;
    }

    static double requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + name + "=" + v);
        }
        return v;
    }

    /** arcsinh(x), accurate for small |x| (log1p form) and without overflow for large |x|. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r;
        if (a > 1e8) {
            r = Math.log(a) + Math.log(2.0);
        } else {
            r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        }
        return Math.copySign(r, x);
    }

    static final class Euclidean implements Potential {
        static final Euclidean INSTANCE = new Euclidean();

        @Override
        public double value(double[] w) {
            double s = 0;
            for (double x : w) {
                s += x * x;
            }
            return 0.5 * s;
        }

        @Override
        public void gradientInto(double[] w, double[] out) {
            System.arraycopy(w, 0, out, 0, w.length);
        }

        @Override
        public void inverseGradientInto(double[] z, double[] out) {
            System.arraycopy(z, 0, out, 0, z.length);
        }

        @Override
        public int workspaceSize(int n) {
            return 0;
        }

        /** out = −η g: the same products as ScaleByLearningRate's updates[i] *= −η, hence bit-identical to GD. */
        @Override
        public void mirrorStep(double[] w, double[] g, double eta, double[] out, double[] work) {
            for (int i = 0; i < g.length; i++) {
                out[i] = g[i] * -eta;
            }
        }

        @Override
        public String describe() {
            return "euclidean";
        }
    }

    static final class LpSquared implements Potential {
        private final double p;
        private final double q;

        LpSquared(double p) {
            if (!(p > 1) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("p must be in (1, ∞), got p=" + p);
            }
            this.p = p;
            this.q = p / (p - 1);
        }

        @Override
        public double value(double[] w) {
            double n = Norms.lrNorm(w, p);
            return 0.5 * n * n;
        }

        /** out ← ‖v‖_r^{2−r} v^[r−1] = m ‖t‖_r^{2−r} t^[r−1] with v = m t, m = max|v|. */
        static void mapInto(double[] v, double[] out, double r) {
            double m = Norms.maxAbs(v);
            if (m == 0) {
                java.util.Arrays.fill(out, 0, v.length, 0.0);
                return;
            }
            double s = 0;
            for (double x : v) {
                s += Math.pow(Math.abs(x) / m, r);
            }
            double c = m * Math.pow(s, (2 - r) / r);
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.copySign(c * Math.pow(Math.abs(v[i]) / m, r - 1), v[i]);
            }
        }

        @Override
        public void gradientInto(double[] w, double[] out) {
            mapInto(w, out, p);
        }

        @Override
        public void inverseGradientInto(double[] z, double[] out) {
            mapInto(z, out, q);
        }

        @Override
        public String describe() {
            return "half-squared-l" + p;
        }
    }

    /** R(w) = s Σ [w arcsinh(w/(2β)) − √(w² + 4β²) + c]. */
    static final class Hyperbolic implements Potential {
        private final double s;
        private final double beta;
        private final double c;
        private final String name;

        Hyperbolic(double s, double beta, double c, String name) {
            this.s = s;
            this.beta = beta;
            this.c = c;
            this.name = name;
        }

        @Override
        public double value(double[] w) {
            double acc = 0;
            for (double x : w) {
                acc += x * asinh(x / (2 * beta)) - Math.hypot(x, 2 * beta) + c;
            }
            return s * acc;
        }

        @Override
        public void gradientInto(double[] w, double[] out) {
            for (int i = 0; i < w.length; i++) {
                out[i] = s * asinh(w[i] / (2 * beta));
            }
        }

        @Override
        public void inverseGradientInto(double[] z, double[] out) {
            for (int i = 0; i < z.length; i++) {
                out[i] = 2 * beta * Math.sinh(z[i] / s);
            }
        }

        @Override
        public String describe() {
            return name;
        }
    }

    static final class NegEntropy implements Potential {
        static final NegEntropy INSTANCE = new NegEntropy();

        @Override
        public double value(double[] w) {
            double acc = 0;
            for (double x : w) {
                if (x > 0) {
                    acc += x * Math.log(x);
                }
            }
            return acc;
        }

        @Override
        public void gradientInto(double[] w, double[] out) {
            for (int i = 0; i < w.length; i++) {
                out[i] = 1 + Math.log(w[i]);
            }
        }

        @Override
        public void inverseGradientInto(double[] z, double[] out) {
            for (int i = 0; i < z.length; i++) {
                out[i] = Math.exp(z[i] - 1);
            }
        }

        @Override
        public void checkDomain(double[] w) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0)) {
                    throw new IllegalArgumentException("negative entropy needs w on the simplex; w[" + i + "]=" + w[i]);
                }
                sum += w[i];
            }
            if (!(Math.abs(sum - 1) <= 1e-9)) {
                throw new IllegalArgumentException("negative entropy needs w on the simplex; sum(w)=" + sum);
            }
        }

        /** Exponentiated gradient: out = w' − w with w'_i ∝ w_i e^{−η g_i}, normalized (max-shifted logs). */
        @Override
        public void mirrorStep(double[] w, double[] g, double eta, double[] out, double[] work) {
            int n = w.length;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double a = Math.log(w[i]) - eta * g[i];
                work[i] = a;
                max = Math.max(max, a);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(work[i] - max);
                work[i] = e;
                sum += e;
            }
            for (int i = 0; i < n; i++) {
                out[i] = work[i] / sum - w[i];
            }
        }

        @Override
        public String describe() {
            return "negative-entropy";
        }
    }
}
