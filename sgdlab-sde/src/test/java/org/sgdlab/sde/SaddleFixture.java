package org.sgdlab.sde;

import org.sgdlab.objective.Objective;

/** f(x, y) = ½x² − ½y² + ¼y⁴: a strict saddle at 0 (Hessian diag(1, −1)), minima (0, ±1) with Hessian diag(1, 2). */
final class SaddleFixture {
    private SaddleFixture() {
    }

    static final Objective SADDLE = new Objective() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int sampleCount() {
            return 1;
        }

        @Override
        public double value(double[] w) {
            return 0.5 * w[0] * w[0] - 0.5 * w[1] * w[1] + 0.25 * w[1] * w[1] * w[1] * w[1];
        }

        @Override
        public double gradient(double[] w, double[] out) {
            out[0] = w[0];
            out[1] = -w[1] + w[1] * w[1] * w[1];
            return value(w);
        }

        @Override
        public double minibatchGradient(double[] w, int[] batch, int count, double[] out) {
            return gradient(w, out);
        }
    };
}
