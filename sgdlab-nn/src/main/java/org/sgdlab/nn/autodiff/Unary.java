package org.sgdlab.nn.autodiff;

import org.sgdlab.linalg.Simd;

/**
 * Elementwise y = φ(x). The forward pass also stores φ'(x) and the tangent pass φ''(x), after which the three
 * derivative passes are the same loops for every φ:
 * <pre>
 *   ẏ = φ'(x) ẋ,    x̄ += φ'(x) ȳ,    R{x̄} += φ'(x) R{ȳ} + φ''(x) ẋ ȳ
 * </pre>
 * The functions and their derivatives (σ is the logistic sigmoid, evaluated without overflow):
 * <pre>
 *   relu        max(x, 0)                      1[x &gt; 0]          0          (torch's choice φ'(0) = 0)
 *   leaky relu  x (x &gt; 0), αx otherwise        1 or α            0
 *   tanh        tanh x                         1 − y²            −2y(1 − y²)
 *   sigmoid     σ(x)                           σ(x)σ(−x)         σ(x)σ(−x)(1 − 2y)
 *   softplus    max(x, 0) + log1p(e^{−|x|})    σ(x)              σ(x)σ(−x)
 *   square      x²                             2x                2
 *   exp         eˣ                             eˣ                eˣ
 *   log         ln x                           1/x               −1/x²
 *   power       xᵖ                             p xᵖ⁻¹            p(p − 1) xᵖ⁻²
 *   scale       c x                            c                 0
 * </pre>
 */
final class Unary extends Node {
    enum Kind { RELU, LEAKY_RELU, TANH, SIGMOID, SOFTPLUS, SQUARE, EXP, LOG, POWER, SCALE }

    private final Kind kind;
    private final double parameter;
    private final double[] d1;
    private double[] d2;

    Unary(Kind kind, double parameter, Node x) {
        super(name(kind, parameter), x.shape, x);
        this.kind = kind;
        this.parameter = parameter;
        this.d1 = differentiable ? new double[size] : null;
    }

    private static String name(Kind kind, double p) {
        String n = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return kind == Kind.LEAKY_RELU || kind == Kind.POWER || kind == Kind.SCALE ? n + "(" + p + ")" : n;
    }

    @Override
    void allocateSecondOrder() {
        super.allocateSecondOrder();
        if (differentiable && d2 == null) {
            d2 = new double[size];
        }
    }

    /** e^{−|x|}/(1 + e^{−|x|})² = σ(x)σ(−x), accurate in both tails. */
    private static double sigmoidSlope(double x) {
        double e = Math.exp(-Math.abs(x));
        double s = 1.0 + e;
        return e / (s * s);
    }

    /** σ(x) without overflow. */
    private static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** The entrywise passes, shared by Parallel's threads on large buffers ({@link Chunks}). */
    private final Chunks.Pass forwardPass = new Chunks.Pass(this::forwardRange);
    private final Chunks.Pass backwardPass = new Chunks.Pass(this::backwardRange);

    @Override
    protected void forward() {
        forwardPass.run(size);
    }

    /** y = φ(x) (and φ'(x)) on entries [from, to). */
    private void forwardRange(int from, int to) {
        double[] x = inputs[0].value;
        double[] y = value;
        double[] g = d1;
        boolean withSlope = g != null;
        double p = parameter;
        switch (kind) {
            case RELU -> { // no slope buffer: 1[x > 0] = 1[y > 0] is read from y (reluBackwardRange)
                if (Simd.ENABLED) {
                    PointwiseVectorKernels.relu(x, y, null, from, to);
                    return;
                }
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = v > 0 ? v : 0.0;
                }
            }
            case LEAKY_RELU -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = v > 0 ? v : p * v;
                    if (withSlope) {
                        g[i] = v > 0 ? 1.0 : p;
                    }
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    // StrictMath: JDK 24+ compiles Math.tanh to an intrinsic with other bits than JDK 17's
                    double t = StrictMath.tanh(x[i]);
                    y[i] = t;
                    if (withSlope) {
                        g[i] = 1.0 - t * t;
                    }
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    y[i] = sigmoid(x[i]);
                    if (withSlope) {
                        g[i] = sigmoidSlope(x[i]);
                    }
                }
            }
            case SOFTPLUS -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
                    if (withSlope) {
                        g[i] = sigmoid(v);
                    }
                }
            }
            case SQUARE -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = v * v;
                    if (withSlope) {
                        g[i] = 2.0 * v;
                    }
                }
            }
            case EXP -> {
                for (int i = from; i < to; i++) {
                    double e = Math.exp(x[i]);
                    y[i] = e;
                    if (withSlope) {
                        g[i] = e;
                    }
                }
            }
            case LOG -> {
                for (int i = from; i < to; i++) {
                    y[i] = Math.log(x[i]);
                    if (withSlope) {
                        g[i] = 1.0 / x[i];
                    }
                }
            }
            case POWER -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    y[i] = Math.pow(v, p);
                    if (withSlope) {
                        g[i] = p * Math.pow(v, p - 1.0);
                    }
                }
            }
            case SCALE -> {
                for (int i = from; i < to; i++) {
                    y[i] = p * x[i];
                    if (withSlope) {
                        g[i] = p;
                    }
                }
            }
        }
    }

    @Override
    protected void backward() {
        backwardPass.run(size);
    }

    /** x̄ (+)= φ'(x) ȳ on entries [from, to). */
    private void backwardRange(int from, int to) {
        double[] xbar = inputs[0].grad;
        if (kind == Kind.RELU) {
            reluBackwardRange(xbar, from, to);
            return;
        }
        if (overwrites(0)) {
            for (int i = from; i < to; i++) {
                xbar[i] = 0.0 + d1[i] * grad[i]; // a zeroed adjoint's bits (−0 becomes +0)
            }
            return;
        }
        for (int i = from; i < to; i++) {
            xbar[i] += d1[i] * grad[i];
        }
    }

    /**
     * Relu's x̄ (+)= φ'(x) ȳ with φ'(x) = 1[y &gt; 0] read from the value (y &gt; 0 exactly when x &gt; 0): the forward pass
     * then writes y alone, not a slope buffer beside it. The same operations on the same numbers as the general loop
     * (a product by the slope 1 or 0, so −0 and NaN adjoints keep their bits), the same bits.
     */
    private void reluBackwardRange(double[] xbar, int from, int to) {
        boolean write = overwrites(0);
        if (Simd.ENABLED) {
            PointwiseVectorKernels.reluAdjoint(value, grad, xbar, write, from, to);
            return;
        }
        double[] y = value;
        for (int i = from; i < to; i++) {
            double s = y[i] > 0 ? 1.0 : 0.0;
            xbar[i] = (write ? 0.0 : xbar[i]) + s * grad[i];
        }
    }

    /** Relu's slopes 1[y &gt; 0] into {@link #d1} for the second-order passes (the forward pass does not write them). */
    private void reluSlopesInPlace() {
        double[] y = value;
        for (int i = 0; i < size; i++) {
            d1[i] = y[i] > 0 ? 1.0 : 0.0;
        }
    }

    @Override
    boolean canOverwriteAdjoint(int i) {
        return true;
    }

    @Override
    protected void tangent() {
        double[] x = inputs[0].value;
        double[] xdot = inputs[0].tangent;
        double[] y = value;
        double p = parameter;
        if (kind == Kind.RELU) {
            reluSlopesInPlace();
        }
        for (int i = 0; i < size; i++) {
            tangent[i] = d1[i] * xdot[i];
            d2[i] = switch (kind) {
                case RELU, LEAKY_RELU, SCALE -> 0.0;
                case TANH -> -2.0 * y[i] * d1[i];
                case SIGMOID -> d1[i] * (1.0 - 2.0 * y[i]);
                case SOFTPLUS -> sigmoidSlope(x[i]);
                case SQUARE -> 2.0;
                case EXP -> y[i];
                case LOG -> -d1[i] * d1[i];
                case POWER -> p * (p - 1.0) * Math.pow(x[i], p - 2.0);
            };
        }
    }

    @Override
    protected void backwardTangent() {
        double[] xdot = inputs[0].tangent;
        double[] rx = inputs[0].gradTangent;
        for (int i = 0; i < size; i++) {
            rx[i] += d1[i] * gradTangent[i] + d2[i] * xdot[i] * grad[i];
        }
    }
}
