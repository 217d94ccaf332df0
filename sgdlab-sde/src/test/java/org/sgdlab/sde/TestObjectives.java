package org.sgdlab.sde;

import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.Losses;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/** Small objectives for the tests. */
final class TestObjectives {
    private TestObjectives() {
    }

    /** f(x) = ½ Σ λᵢ xᵢ², ∇f = λ ⊙ x (not a finite sum). */
    static Objective diagonalQuadratic(double... lambda) {
        return new Objective() {
            @Override
            public int dimension() {
                return lambda.length;
            }

            @Override
            public int sampleCount() {
                return 1;
            }

            @Override
            public double value(double[] w) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                    s += 0.5 * lambda[i] * w[i] * w[i];
                }
                return s;
            }

            @Override
            public double gradient(double[] w, double[] out) {
                for (int i = 0; i < w.length; i++) {
                    out[i] = lambda[i] * w[i];
                }
                return value(w);
            }

            @Override
            public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
                return gradient(w, out);
            }
        };
    }

    /** Mean squared loss of a linear model on n Gaussian samples in d dimensions. */
    static EmpiricalRisk leastSquares(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[n * d]);
        double[] y = r.gaussians(new double[n]);
        return new EmpiricalRisk(new Dataset("ls", new Matrix(n, d, x), y), new LinearModel(d, false), Losses.byName("squared"),
                Reduction.MEAN);
    }
}
