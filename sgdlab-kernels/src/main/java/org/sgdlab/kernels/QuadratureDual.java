package org.sgdlab.kernels;

import java.util.function.DoubleUnaryOperator;

/**
 * The dual of any activation by Gauss–Hermite quadrature ({@link GaussHermite}): with u = √a·z₁,
 * v = √b·(ρz₁ + √(1 − ρ²)·z₂), z₁, z₂ independent N(0, 1), and zₖ = √2·tₖ,
 * <pre>
 *   E[f(u) g(v)] = (1/π) Σᵢ Σⱼ wᵢ wⱼ f(√(2a)·tᵢ) g(√(2b)·(ρtᵢ + √(1 − ρ²)·tⱼ)),
 * </pre>
 * q² evaluations per entry (E[σ(u)²] takes q). Exact when f·g is a polynomial of degree ≤ 2q − 1 in each variable; geometrically
 * convergent for σ analytic in a strip (tanh, softplus: poles at distance π/2 and π from the real axis, so the rate
 * worsens as the variances a, b grow); for ReLU's kink it converges only algebraically, which is why ReLU and erf use
 * their closed forms ({@link ReluDual}, {@link ErfDual}) and the quadrature of them serves as a test.
 */
public final class QuadratureDual implements DualActivation {
    /**
     * The default number of nodes. Measured against a 200-node rule at variances ≤ 2 (DualActivationTest): tanh to
     * 3e-8 (1e-9 with 128 nodes, 1e-6 with 64; its poles at ±iπ/2 are the nearest), softplus to 1e-15.
     */
    public static final int DEFAULT_POINTS = 96;

    private final String name;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator derivative;
    private final GaussHermite rule;

    /**
     * The quadrature dual of σ with derivative σ′ on a {@code points}-point rule.
     *
     * @param name       the activation's name (for specs and messages)
     * @param sigma      σ (pure)
     * @param derivative σ′ (pure)
     */
    public QuadratureDual(String name, DoubleUnaryOperator sigma, DoubleUnaryOperator derivative, int points) {
        this.name = name;
        this.sigma = sigma;
        this.derivative = derivative;
        this.rule = GaussHermite.of(points);
    }

    /** tanh, σ′ = 1 − tanh². */
    public static QuadratureDual tanh(int points) {
        return new QuadratureDual("tanh", StrictMath::tanh, z -> {
            double t = StrictMath.tanh(z);
            return 1.0 - t * t;
        }, points);
    }

    /** softplus log(1 + eᶻ), σ′ = the logistic sigmoid (both evaluated without overflow). */
    public static QuadratureDual softplus(int points) {
        return new QuadratureDual("softplus", z -> z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)),
                z -> z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z)), points);
    }

    /** ReLU by quadrature (for tests against {@link ReluDual}); σ′(0) = 0. */
    public static QuadratureDual relu(int points) {
        return new QuadratureDual("relu", z -> Math.max(z, 0.0), z -> z > 0 ? 1.0 : 0.0, points);
    }

    /** erf by quadrature (for tests against {@link ErfDual}); σ′ = (2/√π)e^{−z²}. */
    public static QuadratureDual erf(int points) {
        return new QuadratureDual("erf", QuadratureDual::erfValue, z -> 2.0 / Math.sqrt(Math.PI) * Math.exp(-z * z),
                points);
    }

    /** The number of quadrature nodes q. */
    public int points() {
        return rule.points();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double secondMoment(double a) {
        double s = Math.sqrt(2.0 * Math.max(a, 0.0));
        double sum = 0.0;
        for (int i = 0; i < rule.points(); i++) {
            double f = sigma.applyAsDouble(s * rule.node(i));
            sum += rule.weight(i) * f * f;
        }
        return sum / Math.sqrt(Math.PI);
    }

    @Override
    public void expectations(double a, double b, double c, double[] out) {
        double sa = Math.sqrt(2.0 * Math.max(a, 0.0));
        double sb = Math.sqrt(2.0 * Math.max(b, 0.0));
        double rho = InnerProducts.cosine(a, b, c);
        double perp = Math.sqrt(Math.max(0.0, (1.0 - rho) * (1.0 + rho)));
        int q = rule.points();
        double value = 0.0;
        double slope = 0.0;
        for (int i = 0; i < q; i++) {
            double ti = rule.node(i);
            double fu = sigma.applyAsDouble(sa * ti);
            double du = derivative.applyAsDouble(sa * ti);
            double innerValue = 0.0;
            double innerSlope = 0.0;
            for (int j = 0; j < q; j++) {
                double v = sb * (rho * ti + perp * rule.node(j));
                double wj = rule.weight(j);
                innerValue += wj * sigma.applyAsDouble(v);
                innerSlope += wj * derivative.applyAsDouble(v);
            }
            value += rule.weight(i) * fu * innerValue;
            slope += rule.weight(i) * du * innerSlope;
        }
        out[0] = value / Math.PI;
        out[1] = slope / Math.PI;
    }

    /**
     * erf(z) to about 1e-13 absolute: the Maclaurin series for |z| &lt; 2.5 (Abramowitz &amp; Stegun 7.1.5; its
     * alternating terms cost up to three digits near 2.5), else 1 − erfc(z) with erfc from its continued fraction
     * (A&amp;S 7.1.14) by Lentz's method. Only for the quadrature test of {@link ErfDual}; Java has no erf.
     */
    static double erfValue(double z) {
        double x = Math.abs(z);
        double r;
        if (x < 2.5) {
            // erf x = (2/√π) Σ (−1)ⁿ x^{2n+1} / (n! (2n+1))
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2.0 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) (A&S 7.1.14), evaluated by Lentz
            double tiny = 1e-300;
            double f = x;
            double cc = x;
            double dd = 0.0;
            for (int k = 1; k < 300; k++) {
                double ak = k / 2.0;
                dd = x + ak * dd;
                dd = Math.abs(dd) < tiny ? tiny : dd;
                cc = x + ak / cc;
                cc = Math.abs(cc) < tiny ? tiny : cc;
                dd = 1.0 / dd;
                double delta = cc * dd;
                f *= delta;
                if (Math.abs(delta - 1.0) < 1e-16) {
                    break;
                }
            }
            r = 1.0 - Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
        }
        return z < 0 ? -r : r;
    }
}
