package org.sgdlab.sde;

import java.util.Objects;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * The fast path of {@link PathSimulator#simulate(Integrator, double[], double, int, int, long, GaussianSampler)} for
 * Euler–Maruyama on a {@link LinearSde} with diagonal A and S (e.g. {@link LinearSde#ornsteinUhlenbeck}): each
 * coordinate is the scalar recursion
 * <pre>
 *   ΔWᵢ = √h·ξᵢ,   Xᵢ ← Xᵢ + (cᵢ + aᵢᵢXᵢ)·h + sᵢᵢ·ΔWᵢ,
 * </pre>
 * done in place over a path's d numbers, with no calls through {@link Sde} and no allocation per step (with
 * {@link GaussianSampler#ZIGGURAT}, each normal is drawn inside the update loop from the stream's state held in locals).
 * It draws the same normals in the same order (path p from {@code new RandomStream(seed).split(p)}, per step
 * ξ₁ … ξ_d) and does the same floating-point operations as the general path — there Σⱼ aᵢⱼxⱼ and Σⱼ sᵢⱼΔWⱼ add exact zeros only — so
 * its end points and Brownian ends equal the general path's bit for bit (up to the sign of a zero), with the same bits
 * for any thread count (blocks of {@value PathSimulator#BLOCK} paths, as there).
 */
public final class LinearEulerMaruyama {
    private LinearEulerMaruyama() {
    }

    /**
     * X_T of Euler–Maruyama on {@code paths} paths from x₀, {@code steps} steps of h = T/steps.
     *
     * @param sde     a linear SDE with {@link LinearSde#diagonal() diagonal} A and S (read only)
     * @param x0      start (length d, read only)
     * @param horizon T &gt; 0
     * @param steps   ≥ 1
     * @param paths   ≥ 1
     * @param seed    the master seed
     * @param sampler how the normals are drawn (as in {@link PathSimulator})
     * @throws IllegalArgumentException if A or S is not diagonal, or on the arguments {@link PathSimulator} refuses
     */
    public static Paths simulate(LinearSde sde, double[] x0, double horizon, int steps, int paths, long seed,
                                 GaussianSampler sampler) {
        Objects.requireNonNull(sde, "sde");
        Objects.requireNonNull(sampler, "sampler");
        if (!sde.diagonal()) {
            throw new IllegalArgumentException("the fast Euler–Maruyama path needs diagonal A and S, got " + sde.describe()
                    + "; use PathSimulator.simulate with Integrator.eulerMaruyama");
        }
        int d = sde.dimension();
        PathSimulator.requireRun(x0, d, horizon, steps, paths);
        double h = horizon / steps;
        double sqrtH = Math.sqrt(h);
        double[] a = new double[d];
        double[] c = new double[d];
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = sde.driftEntry(i, i);
            c[i] = sde.offset(i);
            s[i] = sde.noiseEntry(i, i);
        }
        boolean uniform = uniform(a) && uniform(c) && uniform(s);
        double[] finals = new double[paths * d];
        double[] wEnds = new double[paths * d];
        RandomStream master = new RandomStream(seed);
        int blocks = (paths + PathSimulator.BLOCK - 1) / PathSimulator.BLOCK;
        Parallel.forEachBlock(blocks, (block, worker) -> {
            double[] x = new double[d];
            double[] w = new double[d];
            int end = Math.min(paths, (block + 1) * PathSimulator.BLOCK);
            for (int p = block * PathSimulator.BLOCK; p < end; p++) {
                RandomStream r = master.split(p);
                System.arraycopy(x0, 0, x, 0, d);
                java.util.Arrays.fill(w, 0);
                if (sampler == GaussianSampler.ZIGGURAT) {
                    zigguratPathInPlace(ZigguratNormal.state(r), x, w, a, c, s, uniform, h, sqrtH, steps);
                } else {
                    for (int k = 0; k < steps; k++) {
                        for (int i = 0; i < d; i++) {
                            double dw = sqrtH * sampler.next(r);
                            w[i] += dw;
                            x[i] += (c[i] + a[i] * x[i]) * h + s[i] * dw;
                        }
                    }
                }
                System.arraycopy(x, 0, finals, p * d, d);
                System.arraycopy(w, 0, wEnds, p * d, d);
            }
        });
        return new Paths(paths, d, d, finals, wEnds);
    }

    /**
     * One path's {@code steps} Euler–Maruyama steps with ziggurat normals drawn from the xoshiro256** state words
     * {@code st} (advanced in place): the draw fused with the update, the state in locals (as in
     * {@link ZigguratNormal#fill}: the same words as RandomStream.nextLong), each normal from ZigguratNormal's
     * accepts/accepted or, for the ~1.2 % rest, rejected (which advances st) — the same variates as
     * {@link GaussianSampler#ZIGGURAT} on the stream, with no buffer between the draw and the update.
     *
     * @param x       the path's state (length d), updated in place
     * @param w       its Brownian motion (length d), updated in place
     * @param a       the drift's diagonal aᵢᵢ (read only)
     * @param c       the offset cᵢ (read only)
     * @param s       the noise's diagonal sᵢᵢ (read only)
     * @param uniform whether every entry of a, of c and of s has the bits of its first (an isotropic SDE: then they
     *                come from registers, not memory)
     */
    private static void zigguratPathInPlace(long[] st, double[] x, double[] w, double[] a, double[] c, double[] s,
                                            boolean uniform, double h, double sqrtH, int steps) {
        int d = x.length;
        double a0 = a[0];
        double c0 = c[0];
        double sc = s[0];
        long s0 = st[0];
        long s1 = st[1];
        long s2 = st[2];
        long s3 = st[3];
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < d; i++) {
                long u = Long.rotateLeft(s1 * 5, 7) * 9;
                long t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = Long.rotateLeft(s3, 45);
                double z;
                if (ZigguratNormal.accepts(u)) {
                    z = ZigguratNormal.accepted(u);
                } else {
                    st[0] = s0;
                    st[1] = s1;
                    st[2] = s2;
                    st[3] = s3;
                    z = ZigguratNormal.rejected(st, u);
                    s0 = st[0];
                    s1 = st[1];
                    s2 = st[2];
                    s3 = st[3];
                }
                double dw = sqrtH * z;
                w[i] += dw;
                // the same coefficients as a[i], c[i], s[i] when uniform, from registers (the flag is loop-invariant: C2
                // can unswitch the loop on it; measured: 3.50 → 3.23 ns per coordinate-step on the OU process)
                double ai = uniform ? a0 : a[i];
                double ci = uniform ? c0 : c[i];
                double si = uniform ? sc : s[i];
                x[i] += (ci + ai * x[i]) * h + si * dw;
            }
        }
    }

    /** Whether every entry of v has the bits of v[0]. */
    private static boolean uniform(double[] v) {
        for (double e : v) {
            if (Double.doubleToRawLongBits(e) != Double.doubleToRawLongBits(v[0])) {
                return false;
            }
        }
        return true;
    }
}
