package org.sgdlab.theory.ntk;

import org.sgdlab.data.Dataset;
import org.sgdlab.data.MnistDigits;
import org.sgdlab.kernels.AnalyticNtk;
import org.sgdlab.kernels.GramMatrix;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * Seeded train/test subsets of the shipped MNIST 4-vs-9 digits (the data of sgd.mnist-4v9,
 * {@link MnistDigits#fourVsNine()}: 980 fours labelled −1, 978 nines labelled +1, 784 grey levels in [0, 1]), every image
 * scaled to unit Euclidean norm as 002 §9.2 assumes (‖x‖₂ = 1), with H* of eq. 9.7.
 */
final class MnistUnitSubset {
    private MnistUnitSubset() {
    }

    /** A training and a test set, disjoint. */
    record Split(Dataset train, Dataset test) {
    }

    /**
     * {@code train} + {@code test} distinct digits drawn by a seeded shuffle of all 1958 (stream {@code seed}, id 14100),
     * the first {@code train} for training; rows scaled to unit norm; labels as shipped.
     */
    static Split draw(long seed, int train, int test) {
        Dataset all = MnistDigits.fourVsNine();
        int total = all.n();
        if (train < 1 || test < 0 || train + test > total) {
            throw new IllegalArgumentException("train + test must be in 1 … " + total + ", got " + train + " + " + test);
        }
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        new RandomStream(seed).split(14100).shuffleInPlace(order);
        int[] tr = java.util.Arrays.copyOfRange(order, 0, train);
        int[] te = java.util.Arrays.copyOfRange(order, train, train + test);
        return new Split(unit(all, tr, "train"), unit(all, te, "test"));
    }

    private static Dataset unit(Dataset all, int[] rows, String part) {
        int d = all.d();
        double[] x = new double[rows.length * d];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double v = all.x().get(rows[i], k);
                x[i * d + k] = v;
                s += v * v;
            }
            double norm = Math.sqrt(s); // every shipped digit has a non-zero pixel (MnistDigitsTest)
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= norm;
            }
            y[i] = all.y()[rows[i]];
        }
        return new Dataset("MNIST 4 vs 9, " + rows.length + " unit-norm digits (" + part + ")", new Matrix(rows.length, d, x), y);
    }

    /** H* of eq. 9.7 on the rows of x (first layer trained, c_σ = 1): xᵢᵀxⱼ(π − θᵢⱼ)/(2π), the corrected eq. 9.8. */
    static double[] hStar(Matrix x) {
        return GramMatrix.symmetric(firstLayerKernel(), x);
    }

    /** The kernel of {@link #hStar} between the rows of a and b (a.rows() × b.rows(), row-major). */
    static double[] hStar(Matrix a, Matrix b) {
        return GramMatrix.cross(firstLayerKernel(), a, b);
    }

    private static AnalyticNtk firstLayerKernel() {
        return AnalyticNtk.builder(2).cSigma(1).firstLayerOnly().build();
    }
}
