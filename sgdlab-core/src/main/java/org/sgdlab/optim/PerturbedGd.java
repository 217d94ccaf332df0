package org.sgdlab.optim;

import java.util.Objects;
import java.util.OptionalDouble;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Perturbed gradient descent (002 §7.2), in two forms:
 * <ul>
 *   <li>{@link Form#BALL} — the form of Thm 7.2.1 (Jin, Ge, Netrapalli, Kakade &amp; Jordan, ICML 2017): if ‖∇f(x_t)‖ ≤
 *   g_thres and no perturbation happened in the last t_thres gradient steps, perturb x_t ← x_t + ξ with ξ uniform in
 *   the ball B₀(radius); then take the gradient step x ← x − η_t∇f(x) at the perturbed point. Here a perturbation is
 *   one step of its own (updates = ξ, no gradient used), so the next step's gradient is the one at the perturbed point,
 *   exactly as in 002's step 2. 002 writes the perturbation as −ηξ with ξ ~ U(B₀(r)): radius = η·r.</li>
 *   <li>{@link Form#GAUSSIAN} — the simple form of Jin, Netrapalli, Ge, Kakade &amp; Jordan (2019), 002 §7.2's first
 *   display: every step x ← x − η_t(∇f(x) + ξ), ξ ~ N(0, (radius²/d)I), so E‖ξ‖² = radius².</li>
 * </ul>
 * The perturbations are drawn from a {@link RandomStream} seeded by {@code seed}, kept in the state (checkpointed), so a
 * run is reproducible and a copied state continues identically.
 */
public final class PerturbedGd implements Transform {
    /** Which perturbation rule. */
    public enum Form {
        BALL, GAUSSIAN
    }

    private final Schedule lr;
    private final double radius;
    private final double gThreshold;
    private final long tThreshold;
    private final Form form;
    private final long seed;

    /**
     * @param lr         η_t
     * @param radius     the ball radius (BALL) or √E‖ξ‖² (GAUSSIAN), ≥ 0
     * @param gThreshold g_thres ≥ 0 (BALL only)
     * @param tThreshold t_thres ≥ 0 gradient steps between perturbations (BALL only)
     * @param form       the rule
     * @param seed       the perturbations' seed
     */
    public PerturbedGd(Schedule lr, double radius, double gThreshold, long tThreshold, Form form, long seed) {
        this.lr = Objects.requireNonNull(lr, "lr");
        this.radius = Hyper.nonNegative("perturbation radius", radius);
        this.gThreshold = Hyper.nonNegative("gradient threshold g_thres", gThreshold);
        if (tThreshold < 0) {
            throw new IllegalArgumentException("t_thres must be >= 0, got " + tThreshold);
        }
        this.tThreshold = tThreshold;
        this.form = Objects.requireNonNull(form, "form");
        this.seed = seed;
    }

    /** The mutable part: step count, gradient steps since the last perturbation, perturbation count, the stream. */
    static final class PgdState implements State {
        long step;
        double last;
        long sinceNoise;
        long perturbations;
        final RandomStream random;

        PgdState(RandomStream random) {
            this.random = random;
        }

        @Override
        public State copy() {
            PgdState c = new PgdState(random.copy());
            c.step = step;
            c.last = last;
            c.sinceNoise = sinceNoise;
            c.perturbations = perturbations;
            return c;
        }

        @Override
        public void fields(StateFields f) {
            step = f.longValue("step", step);
            last = f.doubleValue("last_lr", last);
            sinceNoise = f.longValue("since_noise", sinceNoise);
            perturbations = f.longValue("perturbations", perturbations);
            f.nested("random", random);
        }
    }

    @Override
    public State init(double[] params) {
        PgdState s = new PgdState(new RandomStream(seed));
        s.sinceNoise = tThreshold; // eligible at once (Jin et al. start with t_noise = −t_thres − 1)
        return s;
    }

    /** The number of perturbations so far in {@code state}. */
    public static long perturbations(State state) {
        return ((PgdState) state).perturbations;
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        PgdState s = (PgdState) state;
        double eta = lr.at(s.step);
        s.last = eta;
        s.step++;
        int d = updates.length;
        if (form == Form.GAUSSIAN) {
            double scale = radius / Math.sqrt(d);
            for (int i = 0; i < d; i++) {
                updates[i] = -eta * (updates[i] + scale * s.random.nextGaussian());
            }
            s.perturbations++;
            return;
        }
        double norm2 = 0;
        for (double g : updates) {
            norm2 += g * g;
        }
        if (Math.sqrt(norm2) <= gThreshold && s.sinceNoise >= tThreshold) {
            // uniform in B₀(radius): a uniform direction (normalized Gaussian) times radius·U^{1/d}
            double z2;
            do {
                z2 = 0;
                for (int i = 0; i < d; i++) {
                    updates[i] = s.random.nextGaussian();
                    z2 += updates[i] * updates[i];
                }
            } while (z2 == 0);
            // U^{1/d} as exp(log(U)/d): JDK 17's StrictMath.pow allocates (96 bytes a call), the update must not
            double r = radius * StrictMath.exp(StrictMath.log(s.random.nextDouble()) / d) / Math.sqrt(z2);
            for (int i = 0; i < d; i++) {
                updates[i] *= r;
            }
            s.sinceNoise = 0;
            s.perturbations++;
            return;
        }
        for (int i = 0; i < d; i++) {
            updates[i] *= -eta;
        }
        s.sinceNoise++;
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        PgdState s = (PgdState) state;
        return OptionalDouble.of(s.step == 0 ? lr.at(0) : s.last);
    }

    @Override
    public String describe() {
        return "perturbed-gd(lr=" + lr.describe() + ", form=" + form.name().toLowerCase(java.util.Locale.ROOT) + ", radius=" + radius
                + (form == Form.BALL ? ", g_thres=" + gThreshold + ", t_thres=" + tThreshold : "") + ", seed=" + seed + ")";
    }
}
