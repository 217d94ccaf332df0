package org.sgdlab.random;

import org.sgdlab.train.checkpoint.Checkpointable;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * A seeded pseudo-random stream: xoshiro256** (Blackman &amp; Vigna, "Scrambled linear pseudorandom
 * number generators", 2021) seeded through SplitMix64. Written out here, with Gaussians from the
 * Marsaglia polar method on {@link StrictMath}, so the same seed gives the same bits on every JDK
 * (java.util's generators have changed their Gaussian algorithm between releases).
 *
 * <p>Not thread-safe; give each thread its own stream via {@link #split(long)}.
 */
public final class RandomStream implements Checkpointable {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpare;

    /** A stream determined entirely by {@code seed}. */
    public RandomStream(long seed) {
        long z = seed;
        z += 0x9E3779B97F4A7C15L;
        s0 = mix(z);
        z += 0x9E3779B97F4A7C15L;
        s1 = mix(z);
        z += 0x9E3779B97F4A7C15L;
        s2 = mix(z);
        z += 0x9E3779B97F4A7C15L;
        s3 = mix(z);
    }

    private RandomStream(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * An independent stream derived from this stream's seed state and {@code streamId}, without
     * advancing this stream: {@code split(k)} is the same for the same (state, k).
     */
    public RandomStream split(long streamId) {
        long k = mix(streamId * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        return new RandomStream(mix(s0 ^ k), mix(s1 + k), mix(s2 ^ (k << 1)), mix(s3 - k) | 1L);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal, Marsaglia polar method (pairs; the second is kept for the next call). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Fills {@code out} with independent standard normals; returns {@code out}. */
    public double[] gaussians(double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /** In-place Fisher–Yates shuffle of {@code a}. */
    public void shuffleInPlace(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The full generator state (the four words and the kept Gaussian), for checkpoints; restoring sets it in place. */
    @Override
    public void fields(StateFields f) {
        s0 = f.longValue("s0", s0);
        s1 = f.longValue("s1", s1);
        s2 = f.longValue("s2", s2);
        s3 = f.longValue("s3", s3);
        spareGaussian = f.doubleValue("spare_gaussian", spareGaussian);
        hasSpare = f.flag("has_spare", hasSpare);
    }

    /** A copy of this stream in its current state (continues identically). */
    public RandomStream copy() {
        RandomStream c = new RandomStream(s0, s1, s2, s3);
        c.spareGaussian = spareGaussian;
        c.hasSpare = hasSpare;
        return c;
    }
}
