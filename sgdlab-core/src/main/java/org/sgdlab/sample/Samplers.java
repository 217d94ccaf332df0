package org.sgdlab.sample;

import org.sgdlab.random.RandomStream;
import org.sgdlab.train.checkpoint.StateFields;

/** The samplers of sgdlab: full batch, with replacement, shuffled epochs, in order; {@link #byName} for the CLI. */
public final class Samplers {
    private Samplers() {
    }

    private static void check(int n, int batch) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
        }
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException("batch size must be in [1, " + n + "], got " + batch);
        }
    }

    /** Every step uses all n samples (gradient descent). */
    public static Sampler fullBatch(int n) {
        check(n, n);
        return new Sampler() {
            @Override
            public boolean fullBatch() {
                return true;
            }

            @Override
            public int batchSize() {
                return n;
            }

            @Override
            public int nextBatch(int[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = i;
                }
                return n;
            }

            @Override
            public Sampler copy() {
                return this;
            }

            @Override
            public void fields(StateFields f) {
                // stateless
            }

            @Override
            public String describe() {
                return "full-batch";
            }
        };
    }

    /**
     * b indices drawn i.i.d. uniformly from {0, …, n−1}, with replacement — source 003's minibatch
     * estimator g = (1/b) Σ_{j=1..b} ∇f_{i_j}, which is unbiased with variance (1/b)·(1/n)Σ‖∇fᵢ − ∇f‖².
     */
    public static Sampler withReplacement(int n, int batch, RandomStream rng) {
        check(n, batch);
        return new WithReplacement(n, batch, rng);
    }

    /**
     * Shuffled epochs without replacement: each epoch is a fresh random permutation cut into
     * consecutive batches of b (the last batch of an epoch may be shorter when b does not divide n).
     */
    public static Sampler shuffledEpochs(int n, int batch, RandomStream rng) {
        check(n, batch);
        return new ShuffledEpochs(n, batch, rng);
    }

    /**
     * Consecutive batches in data order, wrapping around: 0..b−1, b..2b−1, …, then again from 0 — the order
     * scikit-learn's {@code SGDClassifier(shuffle=False)} visits the samples in every epoch (the benchmarks use it
     * to run exactly that update sequence). When b does not divide n a batch may wrap past the end.
     */
    public static Sampler inOrder(int n, int batch) {
        check(n, batch);
        return new InOrder(n, batch, 0);
    }

    private static final class InOrder implements Sampler {
        private final int n;
        private final int batch;
        private int next;

        InOrder(int n, int batch, int next) {
            this.n = n;
            this.batch = batch;
            this.next = next;
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
            return new InOrder(n, batch, next);
        }

        @Override
        public void fields(StateFields f) {
            next = (int) f.longValue("next", next);
        }

        @Override
        public String describe() {
            return "in-order(b=" + batch + ")";
        }
    }

    private static final class WithReplacement implements Sampler {
        private final int n;
        private final int batch;
        private final RandomStream rng;

        WithReplacement(int n, int batch, RandomStream rng) {
            this.n = n;
            this.batch = batch;
            this.rng = rng;
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
                out[k] = rng.nextInt(n);
            }
            return batch;
        }

        @Override
        public Sampler copy() {
            return new WithReplacement(n, batch, rng.copy());
        }

        @Override
        public void fields(StateFields f) {
            f.nested("rng", rng);
        }

        @Override
        public String describe() {
            return "with-replacement(b=" + batch + ")";
        }
    }

    private static final class ShuffledEpochs implements Sampler {
        private final int batch;
        private final RandomStream rng;
        private final int[] perm;
        private int pos;

        ShuffledEpochs(int n, int batch, RandomStream rng) {
            this.batch = batch;
            this.rng = rng;
            this.perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            this.pos = n;
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
            if (pos >= perm.length) {
                rng.shuffleInPlace(perm);
                pos = 0;
            }
            int count = Math.min(batch, perm.length - pos);
            System.arraycopy(perm, pos, out, 0, count);
            pos += count;
            return count;
        }

        @Override
        public Sampler copy() {
            ShuffledEpochs c = new ShuffledEpochs(perm.length, batch, rng.copy());
            System.arraycopy(perm, 0, c.perm, 0, perm.length);
            c.pos = pos;
            return c;
        }

        @Override
        public void fields(StateFields f) {
            f.ints("permutation", perm);
            pos = (int) f.longValue("position", pos);
            f.nested("rng", rng);
        }

        @Override
        public String describe() {
            return "shuffled-epochs(b=" + batch + ")";
        }
    }

    /** A sampler by name: {@code full}, {@code with-replacement}, {@code shuffled}. */
    public static Sampler byName(String name, int n, int batch, RandomStream rng) {
        switch (name) {
            case "full":
            case "full-batch":
                return fullBatch(n);
            case "with-replacement":
            case "iid":
                return withReplacement(n, batch, rng);
            case "shuffled":
            case "shuffled-epochs":
                return shuffledEpochs(n, batch, rng);
            case "in-order":
                return inOrder(n, batch);
            default:
                throw new IllegalArgumentException("unknown sampler \"" + name + "\"; choose full, with-replacement, shuffled or in-order");
        }
    }
}
