package org.sgdlab.kernels;

/**
 * The dual of σ = erf in closed form (Williams, "Computing with infinite networks", NIPS 1997, the arcsine kernel):
 * <pre>
 *   E[erf(u) erf(v)] = (2/π) arcsin(2c / √((1 + 2a)(1 + 2b))),
 *   E[erf′(u) erf′(v)] = (4/π) / √((1 + 2a)(1 + 2b) − 4c²)      (erf′(z) = (2/√π) e^{−z²}, E e^{−u²−v²} = det(I + 2Λ)^{−1/2}).
 * </pre>
 */
public record ErfDual() implements DualActivation {
    @Override
    public String name() {
        return "erf";
    }

    @Override
    public double secondMoment(double a) {
        return 2.0 / Math.PI * Math.asin(2.0 * a / (1.0 + 2.0 * a));
    }

    @Override
    public void expectations(double a, double b, double c, double[] out) {
        double pa = 1.0 + 2.0 * a;
        double pb = 1.0 + 2.0 * b;
        double s = 2.0 * c / Math.sqrt(pa * pb);
        s = s > 1 ? 1 : (s < -1 ? -1 : s);
        out[0] = 2.0 / Math.PI * Math.asin(s);
        double det = pa * pb - 4.0 * c * c;
        out[1] = 4.0 / Math.PI / Math.sqrt(Math.max(det, Double.MIN_NORMAL));
    }
}
