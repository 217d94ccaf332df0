package org.sgdlab.problems;

import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * f(w) = s·Σᵢ φ(c·zᵢ) with z = Qᵀ(w − a), for a nonconvex profile φ ≥ 0 with φ(0) = 0, a scale s &gt; 0,
 * an argument scale c &gt; 0 and an orthogonal Q (identity, or Haar-random to couple the coordinates).
 *
 * <p>Constants, with their derivation. ∇f(w) = s·c·Q φ'(c z) and ∇²f(w) = s·c²·Q diag(φ''(c zᵢ)) Qᵀ, so the
 * Hessian's eigenvalues are s·c²·φ''(c zᵢ) and f is L-smooth (002 Def 2.1.2: all eigenvalues in [−L, L])
 * with L = s·c²·sup_u |φ''(u)|; the supremum is attained at z = 0, so L is tight. f ≥ 0 = f(a), so
 * f* = 0 with minimizer a. ‖∇f‖ ≤ s·c·√d·sup|φ'| =: G bounds every gradient.
 * <ul>
 *   <li>{@link Profile#LOG}: φ(u) = log(1 + u²), φ' = 2u/(1 + u²) ∈ [−1, 1], φ'' = 2(1 − u²)/(1 + u²)² ∈ [−1/4, 2]
 *       (φ''' = −4u(3 − u²)/(1 + u²)³ vanishes at u = 0 and u² = 3), so sup|φ''| = 2: L = 2·s·c². Unique minimizer,
 *       flat far away (|φ'| ≈ 2/|u|), nonconvex for |u| &gt; 1.</li>
 *   <li>{@link Profile#COSINE}: φ(u) = 1 − cos u, φ' = sin u, φ'' = cos u, so L = s·c². Minima at every
 *       z ∈ (2π/c)ℤ^d (all with f = 0), maxima at (π/c)(odd)^d and saddle points in between.</li>
 * </ul>
 */
public final class SeparableNonconvex implements Objective {
    /** The one-dimensional profile φ. */
    public enum Profile {
        /** φ(u) = log(1 + u²); sup|φ''| = 2, inf φ'' = −1/4, sup|φ'| = 1. */
        LOG(2.0, 1.0),
        /** φ(u) = 1 − cos u; sup|φ''| = 1, sup|φ'| = 1. */
        COSINE(1.0, 1.0);

        private final double curvatureBound;
        private final double slopeBound;

        Profile(double curvatureBound, double slopeBound) {
            this.curvatureBound = curvatureBound;
            this.slopeBound = slopeBound;
        }

        /** φ(u). */
        public double value(double u) {
            return this == LOG ? Math.log1p(u * u) : 2 * sq(Math.sin(0.5 * u)); // 1 − cos u without cancellation
        }

        /** φ'(u). */
        public double slope(double u) {
            return this == LOG ? 2 * u / (1 + u * u) : Math.sin(u);
        }

        /** φ''(u). */
        public double curvature(double u) {
            return this == LOG ? 2 * (1 - u * u) / sq(1 + u * u) : Math.cos(u);
        }

        /** sup_u |φ''(u)| (attained at u = 0). */
        public double curvatureBound() {
            return curvatureBound;
        }

        /** sup_u |φ'(u)|. */
        public double slopeBound() {
            return slopeBound;
        }

        private static double sq(double x) {
            return x * x;
        }
    }

    private final Profile profile;
    private final double scale;
    private final double argScale;
    private final double[][] q; // null: identity
    private final double[] center;
    private final double[] z;
    private final double[] dz;

    private SeparableNonconvex(Profile profile, double scale, double argScale, double[][] q, double[] center) {
        if (!(scale > 0 && argScale > 0 && Double.isFinite(scale) && Double.isFinite(argScale))) {
            throw new IllegalArgumentException("scales must be positive and finite, got s=" + scale + ", c=" + argScale);
        }
        this.profile = profile;
        this.scale = scale;
        this.argScale = argScale;
        this.q = q;
        this.center = center.clone();
        this.z = new double[center.length];
        this.dz = new double[center.length];
    }

    /** Axis-aligned: f(w) = s·Σᵢ φ(c·(wᵢ − aᵢ)). */
    public static SeparableNonconvex axisAligned(Profile profile, double scale, double argScale, double[] center) {
        return new SeparableNonconvex(profile, scale, argScale, null, center);
    }

    /** Rotated by a Haar-random Q drawn from {@code rng}: the Hessian is not diagonal. */
    public static SeparableNonconvex rotated(Profile profile, double scale, double argScale, double[] center, RandomStream rng) {
        return new SeparableNonconvex(profile, scale, argScale, RandomOrthogonal.haar(center.length, rng), center);
    }

    @Override
    public int dimension() {
        return center.length;
    }

    @Override
    public int sampleCount() {
        return 1;
    }

    private void toZ(double[] w) {
        int d = center.length;
        if (q == null) {
            for (int i = 0; i < d; i++) {
                z[i] = w[i] - center[i];
            }
            return;
        }
        for (int k = 0; k < d; k++) {
            z[k] = 0;
        }
        for (int i = 0; i < d; i++) {
            double ri = w[i] - center[i];
            double[] qi = q[i];
            for (int k = 0; k < d; k++) {
                z[k] += qi[k] * ri;
            }
        }
    }

    @Override
    public double value(double[] w) {
        toZ(w);
        double s = 0;
        for (double zk : z) {
            s += profile.value(argScale * zk);
        }
        return scale * s;
    }

    @Override
    public double gradient(double[] w, double[] out) {
        toZ(w);
        int d = center.length;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double u = argScale * z[k];
            s += profile.value(u);
            dz[k] = scale * argScale * profile.slope(u);
        }
        rotateSlopes(out);
        return scale * s;
    }

    /**
     * ∇f(w) into {@code out} without f(w): the same bits as {@link #gradient}'s, without its d evaluations of φ (for
     * {@link Profile#LOG}, log1p: most of a gradient's cost at d = 10).
     */
    @Override
    public void gradientOnly(double[] w, double[] out) {
        toZ(w);
        int d = center.length;
        for (int k = 0; k < d; k++) {
            dz[k] = scale * argScale * profile.slope(argScale * z[k]);
        }
        rotateSlopes(out);
    }

    /** out = Q·dz (dz itself for the identity). */
    private void rotateSlopes(double[] out) {
        int d = center.length;
        if (q == null) {
            System.arraycopy(dz, 0, out, 0, d);
        } else {
            for (int i = 0; i < d; i++) {
                double g = 0;
                double[] qi = q[i];
                for (int k = 0; k < d; k++) {
                    g += qi[k] * dz[k];
                }
                out[i] = g;
            }
        }
    }

    @Override
    public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
        return gradient(w, out);
    }

    /** L = s·c²·sup|φ''| (certified and tight, see the class comment). */
    public double smoothness() {
        return scale * argScale * argScale * profile.curvatureBound();
    }

    /** G = s·c·√d·sup|φ'| ≥ ‖∇f(w)‖ for every w. */
    public double gradientBound() {
        return scale * argScale * Math.sqrt(center.length) * profile.slopeBound();
    }

    /** f* = 0. */
    public double minimum() {
        return 0;
    }

    /** The minimizer a (a copy; for {@link Profile#COSINE} one of infinitely many). */
    public double[] minimizer() {
        return center.clone();
    }

    /** The largest |eigenvalue| of ∇²f(w), computed exactly from the profile: s·c²·maxᵢ|φ''(c zᵢ)|. */
    public double hessianNorm(double[] w) {
        toZ(w);
        double m = 0;
        for (double zk : z) {
            m = Math.max(m, Math.abs(profile.curvature(argScale * zk)));
        }
        return scale * argScale * argScale * m;
    }

    public Profile profile() {
        return profile;
    }

    /** A one-line description, e.g. {@code log-profile(s=1, c=1, d=10, rotated)}. */
    public String describe() {
        return profile.name().toLowerCase(java.util.Locale.ROOT) + "-profile(s=" + scale + ", c=" + argScale + ", d="
                + center.length + (q == null ? "" : ", rotated") + ")";
    }
}
