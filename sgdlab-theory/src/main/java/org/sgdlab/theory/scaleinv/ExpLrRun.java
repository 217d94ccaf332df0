package org.sgdlab.theory.scaleinv;

import java.util.ArrayList;
import java.util.List;
import org.sgdlab.precision.Arithmetic;

/**
 * GD with weight decay (002 eq. 13.1), w_{t+1} = q·w_t − η∇L(w_t) with q = 1 − ηλ, run beside the exponential-step
 * protocol (eq. 13.2) ŵ_{t+1} = ŵ_t − η_t∇L(ŵ_t), in one {@link Arithmetic}, and the disagreement
 * ‖q^t·ŵ_t/k − w_t‖/‖w_t‖ at every step, where ŵ₀ = k·w₀. For a scale-invariant L, Thm 13.3.1 (corrected) says
 * ŵ_t = w_t/q^t exactly when η_t = η·q^{−(2t+1)} and k = 1 (derivation in docs/normalization.md).
 *
 * <p>η_t is carried by the recursion η_{t+1} = η_t/q² from η₀ = base/q in the run's arithmetic, and q^t by s_{t+1} = s_t·q:
 * every quantity the protocols use is computed in the same arithmetic, so the disagreement is that arithmetic's rounding
 * (amplified by the dynamics) and nothing else.
 */
final class ExpLrRun {
    /** The step-size schedule of the exponential protocol. */
    enum Schedule {
        /** η_t = η(1 − ηλ)^{−(2t+1)}, ŵ₀ = w₀: Thm 13.3.1 with the factor η. */
        CORRECTED,
        /** η_t = (1 − ηλ)^{−(2t+1)}, ŵ₀ = w₀: Thm 13.3.1 as printed. */
        PRINTED,
        /** η_t = (1 − ηλ)^{−(2t+1)} started from ŵ₀ = w₀/√η (a reading under which the printed step is right). */
        PRINTED_SCALED_START
    }

    /**
     * @param disagreement ‖q^t·ŵ_t/k − w_t‖/‖w_t‖ for t = 0..steps
     * @param wT           w_T as doubles
     * @param unit         the arithmetic's unit roundoff
     */
    record Result(String arithmetic, Schedule schedule, double[] disagreement, double[] wT, double unit) {
        double last() {
            return disagreement[disagreement.length - 1];
        }

        double max() {
            double m = 0;
            for (double v : disagreement) {
                m = Math.max(m, v);
            }
            return m;
        }

        /** max_t disagreement_t / ((t + 1)·unit): the per-step rounding a non-amplifying run accumulates. */
        double worstPerStepRatio() {
            double m = 0;
            for (int t = 0; t < disagreement.length; t++) {
                m = Math.max(m, disagreement[t] / ((t + 1) * unit));
            }
            return m;
        }
    }

    private ExpLrRun() {
    }

    /**
     * Runs both protocols for {@code steps} steps from {@code w0} (read only).
     *
     * @param eta    η, a double taken exactly
     * @param lambda λ, taken exactly; q = 1 − ηλ is computed in the arithmetic
     */
    static <T> Result run(RayleighQuotient<T> f, double[] w0, double eta, double lambda, int steps, Schedule schedule) {
        Arithmetic<T> ar = f.arithmetic();
        T one = ar.of(1);
        T e = ar.of(eta);
        T q = ar.subtract(one, ar.multiply(e, ar.of(lambda)));
        T qInv2 = ar.divide(one, ar.multiply(q, q));
        T k = schedule == Schedule.PRINTED_SCALED_START ? ar.divide(one, ar.of(Math.sqrt(eta))) : one;
        if (schedule == Schedule.PRINTED_SCALED_START && Math.sqrt(eta) * Math.sqrt(eta) != eta) {
            throw new IllegalArgumentException("the scaled start needs an exact √η, got η = " + eta);
        }
        T lr = ar.divide(schedule == Schedule.CORRECTED ? e : one, q);
        T s = one;
        List<T> w = new ArrayList<>();
        List<T> wh = new ArrayList<>();
        for (double v : w0) {
            w.add(ar.of(v));
            wh.add(ar.multiply(k, ar.of(v)));
        }
        double[] dis = new double[steps + 1];
        dis[0] = distance(ar, w, wh, s, k);
        for (int t = 0; t < steps; t++) {
            List<T> g = f.gradient(w);
            List<T> gh = f.gradient(wh);
            for (int i = 0; i < w.size(); i++) {
                w.set(i, ar.subtract(ar.multiply(q, w.get(i)), ar.multiply(e, g.get(i))));
                wh.set(i, ar.subtract(wh.get(i), ar.multiply(lr, gh.get(i))));
            }
            lr = ar.multiply(lr, qInv2);
            s = ar.multiply(s, q);
            dis[t + 1] = distance(ar, w, wh, s, k);
        }
        double[] wT = w.stream().mapToDouble(ar::toDouble).toArray();
        return new Result(ar.name(), schedule, dis, wT, ar.unitRoundoff());
    }

    /** ‖s·ŵ/k − w‖/‖w‖, the difference formed in the arithmetic, the norms in double. */
    private static <T> double distance(Arithmetic<T> ar, List<T> w, List<T> wh, T s, T k) {
        T sk = ar.divide(s, k);
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.size(); i++) {
            double diff = ar.toDouble(ar.subtract(ar.multiply(sk, wh.get(i)), w.get(i)));
            double wi = ar.toDouble(w.get(i));
            num += diff * diff;
            den += wi * wi;
        }
        return Math.sqrt(num / den);
    }
}
