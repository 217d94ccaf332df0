package org.sgdlab.theory.minnorm;

import java.util.List;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Transform;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.ProgressListener;
import org.sgdlab.train.Trainer;

/**
 * Source 000's caveat tested as written: the (larger-norm) interpolants that adaptive methods find can generalize better
 * than the minimum-norm one X⁺y. Noiseless regression y = Xβ, X n × d Gaussian (d &gt; n), each adaptive method run from
 * w₀ = 0 on ½‖Xw − y‖² until it interpolates; the excess test risk of an estimate b is ‖b − β‖² (x ~ N(0, I)). Two
 * ground truths, ‖β‖ = 1:
 * <ul>
 *   <li>{@link Truth#CUBE_VERTEX}: β ∈ {±1/√d}^d, every coordinate of equal size — a vertex of the ℓ∞ ball, the geometry
 *   that sign descent (steepest descent in ℓ∞) and Adam (sign-like early on) favour: the caveat can hold here;</li>
 *   <li>{@link Truth#ISOTROPIC}: β uniform on the sphere. Then E[β | y] = X⁺y (the posterior of a rotation-invariant β
 *   given Xβ is symmetric about the row-space projection X⁺Xβ = X⁺y), so X⁺y minimizes the expected excess risk among
 *   all estimators, interpolants included: the caveat cannot hold here.</li>
 * </ul>
 * Per repetition the risks are paired (same X, β): the difference risk(X⁺y) − risk(method) &gt; 0 means the method's
 * interpolant generalized better.
 */
final class AdaptiveInterpolants {
    /** The ground truths. */
    enum Truth { CUBE_VERTEX, ISOTROPIC }

    /**
     * One method in one setting, over the repetitions.
     *
     * @param method          the optimizer's name
     * @param minNormRisk     mean ‖X⁺y − β‖²
     * @param methodRisk      mean ‖w_T − β‖²
     * @param gainMean        mean paired difference ‖X⁺y − β‖² − ‖w_T − β‖² (&gt; 0: the method generalized better)
     * @param gainSe          its standard error over the repetitions
     * @param normRatioMin    min over repetitions of ‖w_T‖/‖X⁺y‖ (≥ 1 for any interpolant)
     * @param maxRelResidual  max over repetitions of ‖Xw_T − y‖/‖y‖
     */
    record Result(String method, double minNormRisk, double methodRisk, double gainMean, double gainSe, double normRatioMin,
                  double maxRelResidual) {
        /** The lower end of the interval gainMean ± z·gainSe. */
        double gainLow(double z) {
            return gainMean - z * gainSe;
        }

        /** The upper end of the interval gainMean ± z·gainSe. */
        double gainHigh(double z) {
            return gainMean + z * gainSe;
        }

        /** Every run interpolated (relative residual within {@link AdaptiveBreaks#RESIDUAL_TOLERANCE}). */
        boolean interpolates() {
            return maxRelResidual <= AdaptiveBreaks.RESIDUAL_TOLERANCE;
        }
    }

    private AdaptiveInterpolants() {
    }

    /** β for {@code truth} with ‖β‖ = 1, drawn from {@code rng}. */
    static double[] truth(Truth truth, int d, RandomStream rng) {
        double[] beta = new double[d];
        if (truth == Truth.CUBE_VERTEX) {
            for (int j = 0; j < d; j++) {
                beta[j] = (rng.nextDouble() < 0.5 ? -1 : 1) / Math.sqrt(d);
            }
            return beta;
        }
        rng.gaussians(beta);
        double s = Kernels.norm2(beta);
        for (int j = 0; j < d; j++) {
            beta[j] /= s;
        }
        return beta;
    }

    /**
     * The methods: those of {@link AdaptiveBreaks#adaptiveConfigs} (Adam, AdaGrad, sign descent) and RMSProp, which the
     * source names beside Adam ("某些 adaptive 优化法 (如 Adam／RMSProp)"), with the same decaying step as Adam.
     */
    static List<Object[]> methods(long steps) {
        List<Object[]> out = new java.util.ArrayList<>(AdaptiveBreaks.adaptiveConfigs(steps));
        double gamma = Math.pow(2, -30.0 / steps);
        out.add(new Object[] {"rmsprop", org.sgdlab.catalog.OptimizerCatalog.create("rmsprop",
                org.sgdlab.optim.Schedules.exponential(0.01, gamma), java.util.Map.of(), 0)});
        return out;
    }

    /**
     * Runs every method of {@link #methods} on {@code reps} fresh (X, β) of the setting and returns
     * one result per method, in that order.
     */
    static List<Result> measure(Truth truth, int n, int d, int reps, long steps, RandomStream root, ProgressListener progress) {
        List<Object[]> configs = methods(steps);
        int k = configs.size();
        double[] pinvRisk = new double[reps];
        double[][] risk = new double[k][reps];
        double[] normRatioMin = new double[k];
        double[] maxResidual = new double[k];
        java.util.Arrays.fill(normRatioMin, Double.POSITIVE_INFINITY);
        for (int rep = 0; rep < reps; rep++) {
            RandomStream rng = root.split(rep);
            double[] beta = truth(truth, d, rng.split(0));
            Matrix x = new Matrix(n, d, rng.split(1).gaussians(new double[n * d]));
            double[] y = x.times(beta);
            double[] pinv = MinNormLeastSquares.solve(x, y).w();
            pinvRisk[rep] = RidgelessRisk.sqDist(pinv, beta);
            EmpiricalRisk f = EmpiricalRisk.of(new Dataset(truth.name().toLowerCase(), x, y), SquaredLoss.INSTANCE, Reduction.SUM);
            for (int m = 0; m < k; m++) {
                // a transform holds only hyperparameters (its state lives in the run), so one instance serves every run
                double[] w = Trainer.builder(f, (Transform) configs.get(m)[1]).sampler(Samplers.fullBatch(n)).build()
                        .run(new double[d], steps).params();
                risk[m][rep] = RidgelessRisk.sqDist(w, beta);
                normRatioMin[m] = Math.min(normRatioMin[m], Kernels.norm2(w) / Kernels.norm2(pinv));
                double[] r = x.times(w);
                for (int i = 0; i < n; i++) {
                    r[i] -= y[i];
                }
                maxResidual[m] = Math.max(maxResidual[m], Kernels.norm2(r) / Kernels.norm2(y));
            }
            progress.onProgress(rep + 1, reps);
        }
        Result[] out = new Result[k];
        double pinvMean = mean(pinvRisk);
        for (int m = 0; m < k; m++) {
            double[] gain = new double[reps];
            for (int rep = 0; rep < reps; rep++) {
                gain[rep] = pinvRisk[rep] - risk[m][rep];
            }
            out[m] = new Result((String) configs.get(m)[0], pinvMean, mean(risk[m]), mean(gain), stdErr(gain), normRatioMin[m],
                    maxResidual[m]);
        }
        return List.of(out);
    }

    /**
     * The caveat in one setting: TRUE if some method interpolated in every repetition and its interval gain ± z·se lies
     * above 0 (its interpolant generalized better than X⁺y); FALSE if every method interpolated and every interval lies
     * below 0 (X⁺y was better than each); null otherwise (a method did not interpolate, or an interval contains 0).
     */
    static Boolean caveatShows(List<Result> results, double z) {
        boolean allWorse = true;
        for (Result r : results) {
            if (!r.interpolates()) {
                allWorse = false;
                continue;
            }
            if (r.gainLow(z) > 0) {
                return Boolean.TRUE;
            }
            allWorse &= r.gainHigh(z) < 0;
        }
        return allWorse ? Boolean.FALSE : null;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double stdErr(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1.0) / v.length);
    }
}
