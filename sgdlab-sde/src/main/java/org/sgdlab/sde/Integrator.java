package org.sgdlab.sde;

import java.util.Objects;

/**
 * One-step schemes for dX = b(X)dt + σ(X)dW (Kloeden &amp; Platen, <i>Numerical Solution of Stochastic Differential
 * Equations</i>, 1992, §10.2–10.3). Stateless: scratch comes from the caller, so one instance serves all threads.
 * <ul>
 *   <li>{@link #eulerMaruyama}: X ← X + b(X)h + σ(X)ΔW. Strong order ½ (order 1 for additive noise), weak order 1.</li>
 *   <li>{@link #milstein} (diagonal noise): Xᵢ ← Xᵢ + bᵢ(X)h + σᵢΔWᵢ + ½σᵢσᵢ'((ΔWᵢ)² − h). Strong order 1, weak order 1.</li>
 * </ul>
 */
public interface Integrator {
    /** Advances {@code x} (length d) by one step of size h &gt; 0 with Brownian increment {@code dw} (length m, read only). */
    void stepInPlace(double[] x, double h, double[] dw, Scratch scratch);

    /** The SDE this integrator steps. */
    Sde sde();

    /** A short name ("euler-maruyama", "milstein"). */
    String name();

    /** Per-thread work arrays (two of length d). */
    final class Scratch {
        final double[] a;
        final double[] b;

        public Scratch(int d) {
            a = new double[d];
            b = new double[d];
        }
    }

    /** Euler–Maruyama for any {@link Sde}. */
    static Integrator eulerMaruyama(Sde sde) {
        Objects.requireNonNull(sde, "sde");
        return new Integrator() {
            @Override
            public void stepInPlace(double[] x, double h, double[] dw, Scratch s) {
                sde.drift(x, s.a);
                sde.diffusionTimes(x, dw, s.b);
                for (int i = 0; i < x.length; i++) {
                    x[i] += s.a[i] * h + s.b[i];
                }
            }

            @Override
            public Sde sde() {
                return sde;
            }

            @Override
            public String name() {
                return "euler-maruyama";
            }
        };
    }

    /** Milstein for diagonal noise (its correction term needs σᵢ' and the commutativity diagonal noise has). */
    static Integrator milstein(Sde sde) {
        Objects.requireNonNull(sde, "sde");
        if (!(sde instanceof DiagonalSde diag)) {
            throw new IllegalArgumentException("Milstein is implemented for diagonal noise (a DiagonalSde) only; "
                    + "got " + sde.describe() + " (general noise needs Lévy areas)");
        }
        return new Integrator() {
            @Override
            public void stepInPlace(double[] x, double h, double[] dw, Scratch s) {
                diag.drift(x, s.a);
                for (int i = 0; i < x.length; i++) {
                    double sig = diag.diffusion(i, x[i]);
                    double corr = 0.5 * sig * diag.diffusionDerivative(i, x[i]) * (dw[i] * dw[i] - h);
                    s.b[i] = sig * dw[i] + corr;
                }
                for (int i = 0; i < x.length; i++) {
                    x[i] += s.a[i] * h + s.b[i];
                }
            }

            @Override
            public Sde sde() {
                return sde;
            }

            @Override
            public String name() {
                return "milstein";
            }
        };
    }
}
