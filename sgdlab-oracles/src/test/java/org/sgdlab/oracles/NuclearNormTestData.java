package org.sgdlab.oracles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/** Seeded problems for the nuclear-norm and minimum-Frobenius oracles, and an independent check of their certificates. */
final class NuclearNormTestData {
    private NuclearNormTestData() {
    }

    /** Y = GHᵀ with G (rows×r), H (cols×r) standard Gaussian: rank r and incoherent with high probability. */
    static Matrix lowRank(int rows, int cols, int r, RandomStream rs) {
        double[] g = rs.gaussians(new double[rows * r]);
        double[] h = rs.gaussians(new double[cols * r]);
        double[] y = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int c = 0; c < r; c++) {
                    s += g[i * r + c] * h[j * r + c];
                }
                y[i * cols + j] = s;
            }
        }
        return new Matrix(rows, cols, y);
    }

    /** Each entry observed independently with probability {@code fraction}. */
    static MatrixCompletionProblem sample(Matrix y, double fraction, RandomStream rs) {
        boolean[] mask = new boolean[y.rows() * y.cols()];
        for (int t = 0; t < mask.length; t++) {
            mask[t] = rs.nextDouble() < fraction;
        }
        return MatrixCompletionProblem.observe(y, mask);
    }

    /** m Gaussian measurement matrices and bₖ = ⟨Aₖ, Y⟩. */
    static MatrixSensingProblem gaussianSensing(Matrix y, int m, RandomStream rs) {
        int rc = y.rows() * y.cols();
        double[] a = rs.gaussians(new double[m * rc]);
        double[] b = new double[m];
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int e = 0; e < rc; e++) {
                s += a[k * rc + e] * y.data()[e];
            }
            b[k] = s;
        }
        return MatrixSensingProblem.of(y.rows(), y.cols(), new Matrix(m, rc, a), b);
    }

    /** Singular values by sgdlab's one-sided Jacobi SVD: independent of the ojAlgo SVD the oracle uses. */
    static double[] singularValues(double[] a, int rows, int cols) {
        return JacobiSvd.singularValues(a, rows, cols);
    }

    static double nuclearNorm(Matrix w) {
        double s = 0;
        for (double x : singularValues(w.data(), w.rows(), w.cols())) {
            s += x;
        }
        return s;
    }

    /** 𝒜(W) for a completion problem. */
    static double[] apply(MatrixCompletionProblem p, Matrix w) {
        double[] out = new double[p.size()];
        for (int k = 0; k < p.size(); k++) {
            out[k] = w.get(p.row(k), p.col(k));
        }
        return out;
    }

    static double[] adjoint(MatrixCompletionProblem p, double[] lambda) {
        double[] out = new double[p.rows() * p.cols()];
        for (int k = 0; k < p.size(); k++) {
            out[p.row(k) * p.cols() + p.col(k)] += lambda[k];
        }
        return out;
    }

    static double[] apply(MatrixSensingProblem p, Matrix w) {
        double[] out = new double[p.size()];
        for (int k = 0; k < p.size(); k++) {
            double[] ak = p.measurement(k).data();
            double s = 0;
            for (int e = 0; e < ak.length; e++) {
                s += ak[e] * w.data()[e];
            }
            out[k] = s;
        }
        return out;
    }

    static double[] adjoint(MatrixSensingProblem p, double[] lambda) {
        double[] out = new double[p.rows() * p.cols()];
        for (int k = 0; k < p.size(); k++) {
            double[] ak = p.measurement(k).data();
            for (int e = 0; e < ak.length; e++) {
                out[e] += lambda[k] * ak[e];
            }
        }
        return out;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Re-derives the certificate from scratch with the independent SVD: 𝒜(W) = b, ‖𝒜*(λ)‖_op ≤ 1 and
     * ‖W‖_* − ⟨b, λ⟩ ≤ tol·‖W‖_*, and that the reported numbers are those.
     */
    static void assertCertified(double[] aw, double[] atl, double[] b, NuclearNormSolution s, double tol) {
        assertEquals(OracleStatus.OPTIMAL, s.status(), s.message());
        assertTrue(s.residual() <= tol, s.message());
        Matrix w = s.w();
        double bn = norm(b);
        double[] r = aw.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] -= b[k];
        }
        assertTrue(norm(r) <= tol * bn, "primal residual " + norm(r) / bn);
        double op = singularValues(atl, w.rows(), w.cols())[0];
        assertTrue(op <= 1 + 1e-12, "dual infeasible: ||A*(lambda)||_op = " + op);
        double nuclear = nuclearNorm(w);
        double dual = 0;
        for (int k = 0; k < b.length; k++) {
            dual += b[k] * s.lambda()[k];
        }
        assertTrue(nuclear - dual <= tol * nuclear, "gap " + (nuclear - dual) / nuclear);
        assertTrue(nuclear - dual >= -tol * nuclear - bn * norm(r), "gap below weak duality " + (nuclear - dual) / nuclear);
        assertEquals(nuclear, s.nuclearNorm(), 1e-12 * nuclear, "reported nuclear norm");
        assertEquals(dual, s.dualValue(), 1e-12 * nuclear, "reported dual value");
    }

    static double relativeError(Matrix a, Matrix b) {
        double e = 0;
        double n = 0;
        for (int t = 0; t < a.data().length; t++) {
            double d = a.data()[t] - b.data()[t];
            e += d * d;
            n += b.data()[t] * b.data()[t];
        }
        return Math.sqrt(e / n);
    }
}
