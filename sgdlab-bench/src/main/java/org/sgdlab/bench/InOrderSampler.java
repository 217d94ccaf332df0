package org.sgdlab.bench;

import org.sgdlab.sample.Sampler;

/**
 * Batches of consecutive rows in data order, wrapping around: 0..b−1, b..2b−1, …, then again from 0 —
 * the order scikit-learn's {@code SGDClassifier(shuffle=False)} visits the samples in every epoch.
 *
 * <p>sgdlab-core's {@code Samplers} has full batch, i.i.d. and shuffled epochs but no in-order sampler;
 * the peer comparison needs one to run exactly sklearn's update sequence. With b dividing n every
 * epoch is the same sequence of batches.
 */
final class InOrderSampler implements Sampler {
    private final int n;
    private final int batch;
    private int next;

    InOrderSampler(int n, int batch) {
        if (n < 1 || batch < 1 || batch > n) {
            throw new IllegalArgumentException("need 1 <= batch <= n, got n=" + n + ", batch=" + batch);
        }
        this.n = n;
        this.batch = batch;
    }

    @Override
    public boolean fullBatch() {
        return false;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int nextBatch(int[] out) {
        for (int k = 0; k < batch; k++) {
            out[k] = next;
            next = next + 1 == n ? 0 : next + 1;
        }
        return batch;
    }

    @Override
    public Sampler copy() {
        InOrderSampler c = new InOrderSampler(n, batch);
        c.next = next;
        return c;
    }

    @Override
    public String describe() {
        return "in-order(n=" + n + ", batch=" + batch + ")";
    }
}
