package org.sgdlab.optim;

/**
 * Named optimizers as factories returning chains (optax {@code alias.py}). Every optimizer is
 * followed by the trainer's w ← w + updates.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /** Gradient descent / SGD: w ← w − η_t g (full-batch or minibatch depends on the sampler, not the optimizer). */
    public static Chain sgd(Schedule lr) {
        return Chain.named("sgd(lr=" + lr.describe() + ")", new ScaleByLearningRate(lr));
    }

    /** {@link #sgd(Schedule)} with a constant step. */
    public static Chain sgd(double lr) {
        return sgd(Schedules.constant(lr));
    }

    /** Heavy-ball momentum (torch form): b ← μb + g, w ← w − η_t b. */
    public static Chain momentum(Schedule lr, double mu) {
        return Chain.named("momentum(lr=" + lr.describe() + ", mu=" + mu + ")",
                new Momentum(mu, 0.0, false), new ScaleByLearningRate(lr));
    }

    /** Nesterov momentum (look-ahead form as in torch): b ← μb + g, w ← w − η_t (g + μb). */
    public static Chain nesterov(Schedule lr, double mu) {
        return Chain.named("nesterov(lr=" + lr.describe() + ", mu=" + mu + ")",
                new Momentum(mu, 0.0, true), new ScaleByLearningRate(lr));
    }

    /** An optimizer by name: {@code gd}/{@code sgd}, {@code momentum}, {@code nesterov}. */
    public static Chain byName(String name, Schedule lr, double mu) {
        switch (name) {
            case "gd":
            case "sgd":
                return sgd(lr);
            case "momentum":
            case "heavy-ball":
                return momentum(lr, mu);
            case "nesterov":
                return nesterov(lr, mu);
            default:
                throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; choose gd, sgd, momentum or nesterov");
        }
    }
}
