package org.sgdlab.kernels;

/**
 * The ReLU dual in closed form, from the arc-cosine kernels of Cho &amp; Saul (NIPS 2009; {@link ArcCosineKernel}):
 * with ρ = c/√(ab) and θ = arccos ρ,
 * <pre>
 *   E[relu(u) relu(v)] = √(ab)·(sin θ + (π − θ) cos θ)/(2π),     E[1(u&gt;0) 1(v&gt;0)] = (π − θ)/(2π),
 * </pre>
 * and E[relu(u)²] = a/2, so c_σ = 2 (He). When a or b is 0 the first is 0 and the second is taken as 0 (relu′(0) = 0,
 * as in sgdlab-nn; a zero pre-activation variance only arises from a zero input, whose NTK terms all carry a zero
 * factor). θ comes from {@link Arccos} (pure Java, within 1 ulp, the same bits on every JVM and in the vectorized
 * Gram map), not {@code Math.acos} (fdlibm through a native call on JDK 17).
 */
public record ReluDual() implements DualActivation {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double secondMoment(double a) {
        return 0.5 * a;
    }

    @Override
    public void expectations(double a, double b, double c, double[] out) {
        if (!(a > 0 && b > 0)) {
            out[0] = 0.0;
            out[1] = 0.0;
            return;
        }
        double rho = InnerProducts.cosine(a, b, c);
        double theta = Arccos.acos(rho);
        double sin = Math.sqrt(Math.max(0.0, (1.0 - rho) * (1.0 + rho)));
        // step = (π − θ)/(2π) is exactly 1/2 at θ = 0, so for x = x′ the value is √(a·a)·ρ/2 = a/2 = secondMoment(a)
        // bit for bit, and the correlation of the next layer stays exactly 1 (the NTK's diagonal stays exact).
        double step = (Math.PI - theta) / (2.0 * Math.PI);
        out[0] = Math.sqrt(a * b) * (sin / (2.0 * Math.PI) + rho * step);
        out[1] = step;
    }
}
