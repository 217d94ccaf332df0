package org.sgdlab.theory.nuclearnorm;

import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.linalg.Matrix;

/** Spectral summaries of a matrix: singular values, nuclear norm, effective rank. */
final class Spectra {
    /** A singular value counts towards the numerical rank when it exceeds this fraction of σ₁. */
    static final double RANK_THRESHOLD = 1e-3;

    private Spectra() {
    }

    /** The singular values of {@code w} (read only), descending. */
    static double[] singularValues(Matrix w) {
        return JacobiSvd.singularValues(w.data(), w.rows(), w.cols());
    }

    /** ‖W‖_* = Σσᵢ. */
    static double nuclearNorm(double[] sigma) {
        double s = 0;
        for (double x : sigma) {
            s += x;
        }
        return s;
    }

    /**
     * The effective rank exp(H(p)), pᵢ = σᵢ/Σσ, of Roy &amp; Vetterli (2007): 1 for a rank-one matrix, r for r equal
     * singular values, continuous in between (the measure Razin &amp; Cohen 2020 use for "lower rank than the
     * nuclear-norm minimizer").
     */
    static double effectiveRank(double[] sigma) {
        double total = nuclearNorm(sigma);
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (double x : sigma) {
            double p = x / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /** The number of σᵢ &gt; {@link #RANK_THRESHOLD}·σ₁. */
    static int numericalRank(double[] sigma) {
        int r = 0;
        for (double x : sigma) {
            r += sigma.length > 0 && x > RANK_THRESHOLD * sigma[0] ? 1 : 0;
        }
        return r;
    }

    /** ‖a − b‖_F/‖b‖_F (both read only). */
    static double relativeDistance(Matrix a, Matrix b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            num += d * d;
            den += b.data()[i] * b.data()[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}
