package org.sgdlab.theory.bn;

import java.util.List;
import java.util.Locale;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.Generators;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterBlock;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.objective.Reduction;
import org.sgdlab.probe.Trace;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.ProgressListener;

/**
 * Source 001 §4.4, experiment 4, as written: the data X, y of experiment 1 ({@link Generators#seedExperiment1()}, bit
 * for bit), the model {@code LinearWithBN}: fc1 = Linear(2, 10) → BatchNorm1d(10) (or Identity) → ReLU → fc2 =
 * Linear(10, 1), the loss binary_cross_entropy_with_logits(output, (y + 1)/2) (= the mean logistic loss
 * log(1 + e^{−y f}) for y = ±1), torch.optim.SGD(lr = 0.01) on the full batch (= GD) for 3000 steps, and after each
 * step the "total weight norm" √(Σ_p ‖p‖²) over all parameters (fc1's weight and bias, fc2's weight and bias, BN's γ
 * and β). Differences, said wherever numbers are reported: float64 instead of torch's float32, and torch's default
 * initialization drawn from sgdlab's seeded stream ({@link Mlp#initialize}: the same uniform ±1/√fan_in law, γ = 1,
 * β = 0) rather than torch's generator, which cannot be reproduced bit for bit — hence several seeds.
 *
 * <p>A {@link Run} records every step: the loss, every block's norm, and for batch-norm networks the quantities of the
 * Pythagoras law of fc1 (see {@link BnReference}).
 */
final class Experiment4 {
    /** The source's learning rate. */
    static final double SOURCE_LR = 0.01;
    /** The source's number of steps. */
    static final int SOURCE_STEPS = 3000;
    /** The source's hidden width. */
    static final int HIDDEN = 10;
    /** torch.nn.BatchNorm1d's default ε. */
    static final double TORCH_EPS = 1e-5;
    /** The blocks of the model, in Mlp's layout order, with the source's names. */
    static final List<String> BLOCKS = List.of("W1", "b1", "gamma1", "beta1", "W2", "b2");
    static final List<String> SOURCE_NAMES = List.of("fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight", "fc2.bias");

    private Experiment4() {
    }

    /** Experiment 1's data (100 points in ℝ², labels ±1). */
    static Dataset data() {
        return Generators.seedExperiment1().data();
    }

    /** LinearWithBN(use_bn): 2-10-1, ReLU, biases, batch norm with {@code eps} when {@code bn}. */
    static Mlp network(boolean bn, double eps) {
        return Mlp.builder(2).hidden(HIDDEN).normalization(bn ? Mlp.Normalization.BATCH : Mlp.Normalization.NONE).eps(eps)
                .build();
    }

    /** The risk the source minimizes: mean logistic loss of the network on {@code data}. */
    static NetworkObjective objective(Mlp net, Dataset data) {
        return new NetworkObjective(net, data, NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
    }

    /**
     * One GD run. Arrays are indexed by step t = 0..steps (the state before step t; index steps is the final state);
     * the per-step law arrays ({@code increment}, {@code gradSq}, {@code inner}, …) by t = 0..steps − 1 (step t maps
     * θ_t to θ_{t+1}) and are null for networks without batch norm.
     *
     * @param loss       L(θ_t)
     * @param blockNorm  ‖block‖ at θ_t, one array per {@link #BLOCKS} entry (empty rows for absent blocks)
     * @param totalNorm  √(Σ‖p‖²) over all parameters at θ_t: the source's "total weight norm"
     * @param fc1Norm    ‖(W1, b1)‖ at θ_t: the weights that feed the batch norm
     * @param increment  ‖w_{t+1}‖² − ‖w_t‖² of fc1, evaluated without cancellation as Σ Δᵢ(2wᵢ + Δᵢ), Δ = w_{t+1} − w_t
     * @param gradSq     ‖ĝ_t‖² of fc1's gradient (the one GD applied)
     * @param inner      ⟨w_t, ĝ_t⟩ of fc1 in float64
     * @param exactInner the exact-arithmetic ⟨w_t, ∇L⟩ = Σⱼ ε/(σⱼ² + ε)⟨x̂ⱼ, ȳⱼ⟩ (0 when ε = 0)
     * @param innerBound Σⱼ γ_K·Bⱼ: the rounding bound on |inner − exactInner| ({@link BnReference})
     * @param lawBound   the rounding bound on |increment − η²‖ĝ‖² + 2η·exactInner| (see {@link #lawTolerance})
     * @param maxGradientDeviation max over steps of ‖ĝ − g_ref‖/‖g_ref‖ between the graph and the naive reference
     */
    record Run(String name, double lr, double eps, double[] loss, double[][] blockNorm, double[] totalNorm, double[] fc1Norm,
               double[] increment, double[] gradSq, double[] inner, double[] exactInner, double[] innerBound, double[] lawBound,
               double maxGradientDeviation, double[] finalTheta) {
        int steps() {
            return loss.length - 1;
        }

        /** True when the law's quantities were recorded. */
        boolean hasLaw() {
            return increment != null;
        }

        /** The Pythagoras defect of step t: increment − η²‖ĝ‖² + 2η·exactInner (0 in exact arithmetic). */
        double lawDefect(int t) {
            return increment[t] - lr * lr * gradSq[t] + 2 * lr * exactInner[t];
        }
    }

    /**
     * Runs GD with learning rate {@code lr} for {@code steps} steps from {@code theta0} (read only) on {@code net},
     * recording the law's quantities when the network has batch norm; {@code progress} gets (t, steps) every 256 steps.
     */
    static Run run(String name, Mlp net, Dataset data, double[] theta0, double lr, int steps, ProgressListener progress) {
        return run(name, net, data, theta0, lr, steps, true, progress);
    }

    /** As {@link #run(String, Mlp, Dataset, double[], double, int, ProgressListener)}; {@code law} false skips the law. */
    static Run run(String name, Mlp net, Dataset data, double[] theta0, double lr, int steps, boolean law,
                   ProgressListener progress) {
        NetworkObjective f = objective(net, data);
        ParameterLayout layout = net.layout();
        boolean bn = law && net.normalization() == Mlp.Normalization.BATCH;
        int w1 = layout.block("W1").offset();
        if (w1 != 0 || layout.block("b1").offset() != layout.block("W1").end()) {
            throw new IllegalStateException("expected W1 then b1 at the start of the layout: " + layout);
        }
        Trajectory tr = new Trajectory(layout, steps, bn);
        double[] theta = theta0.clone();
        // Two loops, one per kind of run, rather than one loop testing the kind at every step: bn.seed-exp4 runs only
        // the plain loop and bn.weight-norm only the law's, and C2 compiled the shared loop (a large method, entered by
        // on-stack replacement) once per claim and again after the other claim's kind deoptimized it (JFR of check
        // --quick). Each loop makes the calls the shared one made, in the same order: same bits.
        double maxDev = bn ? lawSteps(f, new BnReference(net, data), tr, theta, lr, steps, progress)
                : plainSteps(f, tr, theta, lr, steps, progress);
        progress.onProgress(steps, steps);
        return new Run(name, lr, net.normalization() == Mlp.Normalization.BATCH ? net.batchNormStatistics(1).eps() : Double.NaN,
                tr.loss, tr.blockNorm, tr.total, tr.fc1, tr.increment, tr.gradSq, tr.inner, tr.exact, tr.innerBound, tr.lawBound,
                maxDev, theta);
    }

    /** A run's records (the law's arrays null without the law) and where the blocks lie in the layout. */
    private static final class Trajectory {
        final double[] loss;
        final double[][] blockNorm;
        final double[] total;
        final double[] fc1;
        final double[] increment;
        final double[] gradSq;
        final double[] inner;
        final double[] exact;
        final double[] innerBound;
        final double[] lawBound;
        /** Offsets [from, to) of each present {@link #BLOCKS} entry (−1 for an absent one). */
        final int[] blockFrom;
        final int[] blockTo;
        /** fc1 = (W1, b1): [0, fc1End) (checked by the caller). */
        final int fc1End;
        final int size;

        Trajectory(ParameterLayout layout, int steps, boolean law) {
            this.size = layout.size();
            this.fc1End = layout.block("b1").end();
            this.loss = new double[steps + 1];
            this.blockNorm = new double[BLOCKS.size()][];
            this.blockFrom = new int[BLOCKS.size()];
            this.blockTo = new int[BLOCKS.size()];
            for (int b = 0; b < BLOCKS.size(); b++) {
                boolean has = layout.has(BLOCKS.get(b));
                blockNorm[b] = has ? new double[steps + 1] : new double[0];
                blockFrom[b] = has ? layout.block(BLOCKS.get(b)).offset() : -1;
                blockTo[b] = has ? layout.block(BLOCKS.get(b)).end() : -1;
            }
            this.total = new double[steps + 1];
            this.fc1 = new double[steps + 1];
            this.increment = law ? new double[steps] : null;
            this.gradSq = law ? new double[steps] : null;
            this.inner = law ? new double[steps] : null;
            this.exact = law ? new double[steps] : null;
            this.innerBound = law ? new double[steps] : null;
            this.lawBound = law ? new double[steps] : null;
        }

        /** Every block's norm, the total norm and fc1's norm at θ_t (theta read only). */
        void recordNorms(double[] theta, int t) {
            double tot = 0;
            for (int b = 0; b < blockFrom.length; b++) {
                if (blockFrom[b] >= 0) {
                    double s = sumOfSquares(theta, blockFrom[b], blockTo[b]);
                    blockNorm[b][t] = Math.sqrt(s);
                    tot += s;
                }
            }
            total[t] = Math.sqrt(tot);
            fc1[t] = Math.sqrt(sumOfSquares(theta, 0, fc1End));
        }
    }

    /** GD without the law's records (theta modified). */
    private static double plainSteps(NetworkObjective f, Trajectory tr, double[] theta, double lr, int steps,
                                     ProgressListener progress) {
        double[] g = new double[tr.size];
        for (int t = 0; ; t++) {
            tr.loss[t] = f.gradient(theta, g);
            tr.recordNorms(theta, t);
            if (t == steps) {
                return 0;
            }
            descend(theta, g, lr, 0, tr.size);
            if ((t & 255) == 0) {
                progress.onProgress(t, steps);
            }
        }
    }

    /**
     * GD with the Pythagoras law's records of fc1 (theta modified): each step's gradient also from the naive reference,
     * whose largest relative deviation from the graph's is returned.
     */
    private static double lawSteps(NetworkObjective f, BnReference ref, Trajectory tr, double[] theta, double lr, int steps,
                                   ProgressListener progress) {
        int p = tr.size;
        int fc1End = tr.fc1End;
        double[] g = new double[p];
        double[] gRef = new double[p];
        double maxDev = 0;
        double uRound = 0x1.0p-53;
        double[] fc1Sums = new double[3];
        // The loop's passes are small methods (compiled once each, standard compiles) rather than loops of this method:
        // with them inline, C2 entered each inner loop by on-stack replacement in turn and compiled this whole method
        // 3-5 times by OSR plus its standard compiles (JFR of check --quick). Same sums in the same order: same bits.
        for (int t = 0; ; t++) {
            tr.loss[t] = f.gradient(theta, g);
            tr.recordNorms(theta, t);
            if (t == steps) {
                return maxDev;
            }
            ref.lossAndGradient(theta, gRef);
            maxDev = Math.max(maxDev, relativeDeviation(g, gRef));
            tr.inner[t] = dot(theta, g, 0, fc1End);
            tr.gradSq[t] = sumOfSquares(g, 0, fc1End);
            double ex = 0;
            double eb = 0;
            for (int j = 0; j < ref.hidden(); j++) {
                ex += ref.exactInner[j];
                eb += ref.bound[j];
            }
            tr.exact[t] = ex;
            // the Σ over units of the exact values and bounds adds its own rounding: at most γ_H of the sum of |terms|
            tr.innerBound[t] = eb + 2 * ref.hidden() * uRound * (Math.abs(ex) + eb);
            // fc1 (W1, b1) is at the start of the layout (checked by run): its steps with the law's accounting
            descendFc1(theta, g, lr, 0, fc1End, fc1Sums);
            descend(theta, g, lr, fc1End, p);
            tr.increment[t] = fc1Sums[0];
            tr.lawBound[t] = lawTolerance(lr, tr.innerBound[t], fc1Sums[1], fc1Sums[2], tr.gradSq[t], fc1End);
            if ((t & 255) == 0) {
                progress.onProgress(t, steps);
            }
        }
    }

    /** Σ x[i]² over from ≤ i < to, summed in index order (x not modified). */
    private static double sumOfSquares(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    /** Σ x[i]·y[i] over from ≤ i < to, summed in index order (x, y not modified). */
    private static double dot(double[] x, double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** ‖g − gRef‖/‖gRef‖, or ‖g − gRef‖ when gRef = 0 (neither modified). */
    private static double relativeDeviation(double[] g, double[] gRef) {
        double dn = 0;
        double rn = 0;
        for (int i = 0; i < g.length; i++) {
            dn += (g[i] - gRef[i]) * (g[i] - gRef[i]);
            rn += gRef[i] * gRef[i];
        }
        return rn == 0 ? Math.sqrt(dn) : Math.sqrt(dn / rn);
    }

    /** The GD step θᵢ ← θᵢ − η·gᵢ for from ≤ i < to (theta modified, g not). */
    private static void descend(double[] theta, double[] g, double lr, int from, int to) {
        for (int i = from; i < to; i++) {
            theta[i] -= lr * g[i];
        }
    }

    /**
     * The GD step on fc1's entries from ≤ i < to (theta modified, g not), writing into {@code sums} (modified) the
     * increment Σ Δᵢ(2wᵢ + Δᵢ), the update's rounding magnitude Σ(|w_{t+1,i}| + η|gᵢ|)(|wᵢ| + |Δᵢ|) and the evaluation
     * magnitude Σ|Δᵢ|(2|wᵢ| + |Δᵢ|) that {@link #lawTolerance} takes.
     */
    private static void descendFc1(double[] theta, double[] g, double lr, int from, int to, double[] sums) {
        double incr = 0;
        double updateErr = 0;
        double evalMag = 0;
        for (int i = from; i < to; i++) {
            double before = theta[i];
            theta[i] -= lr * g[i];
            double delta = theta[i] - before;
            incr += delta * (2 * before + delta);
            updateErr += (Math.abs(theta[i]) + lr * Math.abs(g[i])) * (Math.abs(before) + Math.abs(delta));
            evalMag += Math.abs(delta) * (2 * Math.abs(before) + Math.abs(delta));
        }
        sums[0] = incr;
        sums[1] = updateErr;
        sums[2] = evalMag;
    }

    /**
     * The rounding bound on one step's Pythagoras defect |Σ Δᵢ(2wᵢ + Δᵢ) − η²‖ĝ‖² + 2η·exact|, to first order in the unit
     * roundoff u: the update wᵢ ← fl(wᵢ − fl(ηĝᵢ)) errs by ρᵢ with |ρᵢ| ≤ u(|w_{t+1,i}| + η|ĝᵢ|), which moves the increment
     * by at most 2u·Σ(|w_{t+1,i}| + η|ĝᵢ|)(|wᵢ| + |Δᵢ|); the float64 ⟨w, ĝ⟩ is off the exact value by at most
     * {@code innerBound}, times 2η; and evaluating the two sums of m terms costs γ_{m+2} of their magnitudes.
     */
    static double lawTolerance(double lr, double innerBound, double updateErr, double evalMag, double gradSq, int m) {
        double u = 0x1.0p-53;
        double gm = (m + 2) * u / (1 - (m + 2) * u);
        return 2 * lr * innerBound + 2.0001 * u * updateErr + gm * (evalMag + lr * lr * gradSq);
    }

    /**
     * Parameters drawn like torch's defaults for initialization number {@code k} of the master {@code seed}: the stream
     * {@code new RandomStream(seed).split(k)}, so the networks with and without batch norm of one k share W1, b1, W2 and
     * b2 (drawn in the same order; the batch-norm γ = 1, β = 0 are not drawn).
     */
    static double[] init(Mlp net, long seed, int k) {
        return net.initialize(new RandomStream(seed).split(k));
    }

    /** A trace of the run at the given steps: loss, total norm, fc1 norm and every block's norm. */
    static Trace normTrace(Run r, long[] steps) {
        List<String> cols = new java.util.ArrayList<>(List.of("loss", "total_norm", "fc1_norm"));
        for (int b = 0; b < BLOCKS.size(); b++) {
            if (r.blockNorm()[b].length > 0) {
                cols.add(SOURCE_NAMES.get(b).replace('.', '_') + "_norm");
            }
        }
        Trace tr = new Trace(r.name(), cols);
        for (long s : steps) {
            int t = (int) s;
            double[] row = new double[cols.size() + 1];
            row[0] = t;
            row[1] = r.loss()[t];
            row[2] = r.totalNorm()[t];
            row[3] = r.fc1Norm()[t];
            int k = 4;
            for (int b = 0; b < BLOCKS.size(); b++) {
                if (r.blockNorm()[b].length > 0) {
                    row[k++] = r.blockNorm()[b][t];
                }
            }
            tr.add(row);
        }
        return tr;
    }

    /** "1e-05" style for names. */
    static String tag(double v) {
        return String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
