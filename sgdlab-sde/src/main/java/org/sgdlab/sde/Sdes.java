package org.sgdlab.sde;

import java.util.Objects;

/** Factories for SDEs with diagonal, constant full and state-dependent full diffusion. */
public final class Sdes {
    private Sdes() {
    }

    /** x ↦ b(x): writes b(x) into {@code out}, reads {@code x} only, keeps no shared scratch. */
    @FunctionalInterface
    public interface VectorField {
        void apply(double[] x, double[] out);
    }

    /** σᵢ(xᵢ) of diagonal noise (i is the coordinate). */
    @FunctionalInterface
    public interface CoordinateFunction {
        double at(int i, double xi);
    }

    /** x ↦ σ(x), writes the d×m matrix row-major into {@code out}. */
    @FunctionalInterface
    public interface MatrixField {
        void apply(double[] x, double[] out);
    }

    /** dXᵢ = bᵢ(X)dt + σᵢ(Xᵢ)dWᵢ with σᵢ' given (for Milstein). */
    public static DiagonalSde diagonal(int d, VectorField drift, CoordinateFunction sigma, CoordinateFunction sigmaPrime,
                                       String description) {
        requireDimension("d", d);
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(sigma, "sigma");
        Objects.requireNonNull(sigmaPrime, "sigmaPrime");
        return new DiagonalSde() {
            @Override
            public double diffusion(int i, double xi) {
                return sigma.at(i, xi);
            }

            @Override
            public double diffusionDerivative(int i, double xi) {
                return sigmaPrime.at(i, xi);
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public void drift(double[] x, double[] out) {
                drift.apply(x, out);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Geometric Brownian motion dXᵢ = μXᵢdt + sXᵢdWᵢ (diagonal; exact solution X₀exp((μ − s²/2)t + sW_t)). */
    public static DiagonalSde geometricBrownian(int d, double mu, double s) {
        requireFinite("mu", mu);
        requireFinite("s", s);
        return diagonal(d, (x, out) -> {
            for (int i = 0; i < x.length; i++) {
                out[i] = mu * x[i];
            }
        }, (i, xi) -> s * xi, (i, xi) -> s, "gbm(mu=" + mu + ", s=" + s + ", d=" + d + ")");
    }

    /** dX = b(X)dt + S·dW with a constant full d×m matrix S (copied). */
    public static Sde constantDiffusion(int d, int m, VectorField drift, double[] s, String description) {
        requireDimension("d", d);
        requireDimension("m", m);
        if (s.length != d * m) {
            throw new IllegalArgumentException("diffusion matrix must have " + d + "×" + m + " entries, got " + s.length);
        }
        Dense.requireFinite("diffusion matrix", s);
        double[] sc = s.clone();
        Objects.requireNonNull(drift, "drift");
        return new FullSde(d, m, drift, (x, dw, out) -> Dense.times(sc, d, m, dw, out), description);
    }

    /**
     * dX = b(X)dt + σ(X)·dW with a state-dependent full d×m matrix σ(x). Each call of {@link Sde#diffusionTimes}
     * evaluates σ into a fresh d×m array (thread safety over speed).
     */
    public static Sde stateDependent(int d, int m, VectorField drift, MatrixField sigma, String description) {
        requireDimension("d", d);
        requireDimension("m", m);
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(sigma, "sigma");
        return new FullSde(d, m, drift, (x, dw, out) -> {
            double[] s = new double[d * m];
            sigma.apply(x, s);
            Dense.times(s, d, m, dw, out);
        }, description);
    }

    /** σ(x)·dW into out. */
    private interface DiffusionProduct {
        void apply(double[] x, double[] dw, double[] out);
    }

    /** An SDE with a full d×m diffusion, given by its drift and its product σ(x)·dW. */
    private record FullSde(int d, int m, VectorField driftField, DiffusionProduct diffusion, String description)
            implements Sde {
        @Override
        public int dimension() {
            return d;
        }

        @Override
        public int noiseDimension() {
            return m;
        }

        @Override
        public void drift(double[] x, double[] out) {
            driftField.apply(x, out);
        }

        @Override
        public void diffusionTimes(double[] x, double[] dw, double[] out) {
            diffusion.apply(x, dw, out);
        }

        @Override
        public String describe() {
            return description;
        }
    }

    static void requireDimension(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
