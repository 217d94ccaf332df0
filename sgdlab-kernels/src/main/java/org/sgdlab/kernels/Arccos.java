package org.sgdlab.kernels;

/**
 * arccos in pure Java from operations IEEE 754 rounds exactly (+, −, ×, ÷, fused multiply-add, square root), so it
 * has the same bits on every JVM and CPU, interpreted or compiled; {@code ArccosLanes} is its Vector API twin with
 * the same operation sequence per lane (the same bits). Written for the ReLU dual ({@link ReluDual}), which needs
 * θ = arccos ρ twice per Gram entry at depth 3: on JDK 17 {@code Math.acos} is fdlibm behind a native call
 * (70–130 ns a call here, quiet to loaded; see the cost below), and no JDK vectorizes it.
 *
 * <p><b>Method.</b> With asin(s) = s + s·z·R(z), z = s², s ∈ [0, ½]:
 * <pre>
 *   |x| ≤ ½:  acos x = π/2 − asin x = π/2_hi − (x − (π/2_lo − x·z·R(z))),      z = x²;
 *   |x| &gt; ½:  acos |x| = 2 asin s, s = √z, z = (1 − |x|)/2 ∈ [0, ¼)   (the half-angle formula, exact reduction:
 *             1 − |x| is exact by Sterbenz's lemma and the halving by scaling),
 *             acos x = 2·(s + w)                          for x &gt; 0,
 *             acos x = π − 2 asin s = 2·(π/2_hi − (s + (w − π/2_lo)))   for x &lt; 0,
 *             w = c + s·z·R(z),  c = (z − s²)/(2s) the first-order correction of the rounded square root
 *             (z − s² exact by one fma; √z = s + c + O(c²)), c = 0 when s = 0.
 * </pre>
 * π/2 = π/2_hi + π/2_lo with π/2_hi = {@code Math.PI / 2}. R(z) = (asin √z − √z)/(z√z) = Σ_{n≥1} C(2n, n)/(4ⁿ(2n+1))
 * z^{n−1} (asin's Taylor series; R(0) = 1/6) is approximated on [0, ¼] by its Chebyshev interpolant of degree 12,
 * whose power-basis coefficients were derived by {@code tools/arccos/arccos_coefficients.py} (R at the 13 Chebyshev
 * points to 60 digits with mpmath from the series, interpolated, converted to powers of z exactly, each rounded to
 * the nearest double; R has its only singularity at z = 1, so the interpolant converges like 13.9^{−degree}) and
 * evaluated by Horner's rule with fmas. With the rounded coefficients, |R_poly − R| ≤ 2.2·10⁻¹⁷ on [0, ¼] (the
 * script's figure), at most 5.4·10⁻¹⁸ relative in acos, ≈ 0.05 ulp.
 *
 * <p><b>Error.</b> Below 1 ulp: the script measures at most 0.74 ulp against mpmath's 60-digit acos (on 20 000
 * random points, log-uniform towards 0 and ±1 included, and the edges), and {@code ArccosTest} checks that on 1.2·10⁶
 * seeded random points the result is within 1 ulp of {@code StrictMath.acos} (itself within 1 ulp) and identical to
 * it on more than 98 % of them (99.25 % measured). Cost on JDK 17 (one loaded run, thread CPU): 11 ns a call,
 * Math.acos 133 ns. Exact where it matters to the kernels: acos(1) = +0, acos(−1) = {@code Math.PI},
 * acos(±0) = {@code Math.PI / 2}, and acos(ρ) of a clamped cosine is in [0, π]. Like {@code StrictMath.acos}: NaN for NaN, for |x| &gt; 1 and for ±∞.
 */
public final class Arccos {
    /** π/2 rounded to double ({@code Math.PI / 2}, exact halving). */
    static final double PIO2_HI = 0x1.921fb54442d18p0;
    /** π/2 − PIO2_HI rounded to double. */
    static final double PIO2_LO = 0x1.1a62633145c07p-54;

    // R(z) ≈ C0 + C1 z + … + C12 z¹², z ∈ [0, 1/4] (tools/arccos/arccos_coefficients.py 12)
    static final double C0 = 0x1.5555555555556p-3;
    static final double C1 = 0x1.3333333332ecap-4;
    static final double C2 = 0x1.6db6db6e31f13p-5;
    static final double C3 = 0x1.f1c71c1db0623p-6;
    static final double C4 = 0x1.6e8bb1c8209a2p-6;
    static final double C5 = 0x1.1c4d35cf95421p-6;
    static final double C6 = 0x1.c9cf07674736ap-7;
    static final double C7 = 0x1.782651caa6547p-7;
    static final double C8 = 0x1.52420b04b37bep-7;
    static final double C9 = 0x1.65a9c4dfcf8b2p-8;
    static final double C10 = 0x1.1d189408314eep-6;
    static final double C11 = -0x1.e6aaa8a0a04ccp-7;
    static final double C12 = 0x1.d72b2bc8155f8p-6;

    private Arccos() {
    }

    /** arccos x in [0, π], within 1 ulp (see the class comment); NaN for NaN and |x| &gt; 1. */
    public static double acos(double x) {
        double ax = Math.abs(x);
        if (ax <= 0.5) {
            double z = x * x;
            return PIO2_HI - (x - (PIO2_LO - x * z * r(z)));
        }
        double z = (1.0 - ax) * 0.5;
        double s = Math.sqrt(z);
        double c = s > 0 ? Math.fma(-s, s, z) / (s + s) : 0.0;
        double w = c + s * z * r(z);
        if (x > 0) {
            return 2.0 * (s + w);
        }
        return 2.0 * (PIO2_HI - (s + (w - PIO2_LO)));
    }

    /** R(z) by Horner's rule, one fma per coefficient (the lanewise twin repeats this sequence). */
    static double r(double z) {
        double p = C12;
        p = Math.fma(p, z, C11);
        p = Math.fma(p, z, C10);
        p = Math.fma(p, z, C9);
        p = Math.fma(p, z, C8);
        p = Math.fma(p, z, C7);
        p = Math.fma(p, z, C6);
        p = Math.fma(p, z, C5);
        p = Math.fma(p, z, C4);
        p = Math.fma(p, z, C3);
        p = Math.fma(p, z, C2);
        p = Math.fma(p, z, C1);
        return Math.fma(p, z, C0);
    }
}
