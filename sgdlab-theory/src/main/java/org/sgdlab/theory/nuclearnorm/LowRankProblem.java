package org.sgdlab.theory.nuclearnorm;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.nn.model.FactorizedMatrix;
import org.sgdlab.oracles.MatrixCompletionProblem;
import org.sgdlab.oracles.MatrixSensingProblem;
import org.sgdlab.oracles.MinFrobeniusInterpolant;
import org.sgdlab.oracles.MinFrobeniusSolution;
import org.sgdlab.oracles.NuclearNormMinimizer;
import org.sgdlab.oracles.NuclearNormSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.random.RandomStream;

/**
 * An under-determined linear observation 𝒜(W) = b of a random low-rank matrix, as training data for
 * {@link FactorizedMatrix} and as an oracle problem, with both reference interpolants.
 *
 * @param name        a tag such as "completion" or "sensing_undersampled"
 * @param observation how the examples observe W
 * @param data        the examples (entries, or rows vec(Aₖ)) and targets b
 * @param truth       the planted low-rank matrix with 𝒜(truth) = b
 * @param nuclear     min ‖W‖_* s.t. 𝒜(W) = b ({@link NuclearNormMinimizer})
 * @param frobenius   min ‖W‖_F s.t. 𝒜(W) = b ({@link MinFrobeniusInterpolant})
 * @param lambdaMax   λ_max(𝒜*𝒜) (1 for completion)
 */
record LowRankProblem(String name, FactorizedMatrix.Observation observation, Dataset data, Matrix truth, NuclearNormSolution nuclear,
                      MinFrobeniusSolution frobenius, double lambdaMax) {
    int rows() {
        return truth.rows();
    }

    int cols() {
        return truth.cols();
    }

    /** The min-‖·‖_* interpolant is the planted matrix (relative distance ≤ 1e-3): the recovery regime. */
    boolean recovers() {
        return Spectra.relativeDistance(nuclear.w(), truth) <= 1e-3;
    }

    /** Both oracles certified their solutions. */
    boolean oraclesOk() {
        return nuclear.status() == OracleStatus.OPTIMAL && frobenius.status() == OracleStatus.OPTIMAL;
    }

    /** truth = U Vᵀ with U (m × r) and V (n × r) standard Gaussian. */
    static Matrix lowRank(int m, int n, int r, RandomStream rnd) {
        double[] u = rnd.gaussians(new double[m * r]);
        double[] v = rnd.gaussians(new double[n * r]);
        double[] w = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += u[i * r + k] * v[j * r + k];
                }
                w[i * n + j] = s;
            }
        }
        return new Matrix(m, n, w);
    }

    /** Completion of a rank-r m × n matrix from {@code observed} entries drawn without replacement. */
    static LowRankProblem completion(String name, int m, int n, int r, int observed, long seed) {
        RandomStream rs = new RandomStream(seed).split(131);
        Matrix truth = lowRank(m, n, r, rs.split(1));
        int[] all = new int[m * n];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        rs.split(2).shuffleInPlace(all);
        int[] ii = new int[observed];
        int[] jj = new int[observed];
        double[] b = new double[observed];
        for (int k = 0; k < observed; k++) {
            ii[k] = all[k] / n;
            jj[k] = all[k] % n;
            b[k] = truth.get(ii[k], jj[k]);
        }
        Dataset data = FactorizedMatrix.completionData("completion(" + m + "x" + n + ", rank " + r + ", " + observed + " entries, seed "
                + seed + ")", ii, jj, b);
        MatrixCompletionProblem p = MatrixCompletionProblem.of(m, n, ii, jj, b);
        return new LowRankProblem(name, FactorizedMatrix.Observation.COMPLETION, data, truth, NuclearNormMinimizer.solve(p),
                MinFrobeniusInterpolant.solve(p), 1);
    }

    /** Sensing of a rank-r m × n matrix from {@code measurements} Gaussian Aₖ (entries N(0, 1/(m·n))). */
    static LowRankProblem sensing(String name, int m, int n, int r, int measurements, long seed) {
        RandomStream rs = new RandomStream(seed).split(137);
        Matrix truth = lowRank(m, n, r, rs.split(1));
        double[] a = rs.split(2).gaussians(new double[measurements * m * n]);
        double scale = 1 / Math.sqrt(m * n);
        for (int i = 0; i < a.length; i++) {
            a[i] *= scale;
        }
        Matrix[] as = new Matrix[measurements];
        double[] b = new double[measurements];
        for (int k = 0; k < measurements; k++) {
            double[] ak = new double[m * n];
            System.arraycopy(a, k * m * n, ak, 0, m * n);
            as[k] = new Matrix(m, n, ak);
            double s = 0;
            for (int t = 0; t < m * n; t++) {
                s += ak[t] * truth.data()[t];
            }
            b[k] = s;
        }
        Dataset data = FactorizedMatrix.sensingData("sensing(" + m + "x" + n + ", rank " + r + ", " + measurements
                + " Gaussian measurements, seed " + seed + ")", as, b);
        MatrixSensingProblem p = MatrixSensingProblem.of(m, n, data.x(), b);
        double smax = JacobiSvd.singularValues(data.x().data(), measurements, m * n)[0];
        return new LowRankProblem(name, FactorizedMatrix.Observation.SENSING, data, truth, NuclearNormMinimizer.solve(p),
                MinFrobeniusInterpolant.solve(p), smax * smax);
    }
}
