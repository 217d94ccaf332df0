package org.sgdlab.sde;

import org.sgdlab.random.RandomStream;

/**
 * How the path simulators turn a {@link RandomStream} into standard normals. The two give different (equally
 * distributed) variates from the same stream; each is deterministic: same seed, same bits on every JDK.
 */
public enum GaussianSampler {
    /** {@link RandomStream#nextGaussian()}: Marsaglia's polar method (a logarithm and a square root per pair). The default. */
    POLAR {
        @Override
        public double next(RandomStream r) {
            return r.nextGaussian();
        }
    },
    /** The ziggurat method ({@link ZigguratNormal}): one 64-bit draw, a table look-up and a compare for ~99 % of variates. */
    ZIGGURAT {
        @Override
        public double next(RandomStream r) {
            return ZigguratNormal.next(r);
        }
    };

    /** One standard normal variate; {@code r} is advanced. */
    public abstract double next(RandomStream r);
}
