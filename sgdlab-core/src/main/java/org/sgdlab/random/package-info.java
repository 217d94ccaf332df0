/**
 * Random numbers with the same bits on every JVM: {@link org.sgdlab.random.RandomStream} (xoshiro256**, split into
 * independent sub-streams; used everywhere in sgdlab) and {@link org.sgdlab.random.NumpyLegacyRandom} (NumPy's legacy
 * MT19937 generator, to replay experiments published as NumPy code).
 */
package org.sgdlab.random;
