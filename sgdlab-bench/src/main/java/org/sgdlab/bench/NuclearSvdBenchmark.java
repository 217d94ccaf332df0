package org.sgdlab.bench;

import java.util.concurrent.TimeUnit;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlab.linalg.JacobiSvd;
import org.sgdlab.random.RandomStream;

/**
 * The SVD of the nuclear-norm oracle ({@code NuclearNormMinimizer}: one thin SVD with vectors per ADMM iteration, two
 * values-only SVDs per certificate, more in the polish), sgdlab's one-sided {@link JacobiSvd} against ojAlgo's
 * {@link SingularValue} (bidiagonalisation), both from and to row-major {@code double[]} as the oracle uses them (the
 * copies into and out of ojAlgo's store are timed, as the oracle pays them).
 *
 * <p>Inputs, seeded ({@link RandomStream} 1), shape R×C:
 * <ul>
 *   <li>{@code admm}: what the ADMM iteration decomposes, X = 𝒜*(λ) + W/β — modelled as a rank-r Gaussian-factor
 *       matrix scaled to σ₁ ≈ 3 plus a dense Gaussian bulk with σ ≲ 0.6 (a few singular values above the clipping level
 *       1, the rest below; all distinct, so Jacobi needs its full sweeps);</li>
 *   <li>{@code rank}: an exactly rank-r product GHᵀ (the polish's W = LRᵀ, whose SVD gives the tangent space);</li>
 *   <li>{@code gaussian}: i.i.d. N(0, 1) entries (a dense spectrum).</li>
 * </ul>
 * r = 5 for 100×100, 3 for 60×60, 2 for 30×30 and 30×50 (the tests' recovery instances).
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar NuclearSvd -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NuclearSvdBenchmark {
    /** R×C. */
    @Param({"30x30", "30x50", "60x60", "100x100"})
    public String shape;

    /** admm, rank or gaussian (see the class comment). */
    @Param({"admm", "rank", "gaussian"})
    public String kind;

    private int rows;
    private int cols;
    private double[] a;
    private JacobiSvd jacobi;

    @Setup
    public void setUp() {
        String[] rc = shape.split("x");
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
        int r = rows >= 100 ? 5 : rows >= 60 ? 3 : 2;
        RandomStream rs = new RandomStream(1);
        a = new double[rows * cols];
        if (kind.equals("gaussian")) {
            rs.gaussians(a);
        } else {
            double[] g = rs.gaussians(new double[rows * r]);
            double[] h = rs.gaussians(new double[cols * r]);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int c = 0; c < r; c++) {
                        s += g[i * r + c] * h[j * r + c];
                    }
                    a[i * cols + j] = s;
                }
            }
            if (kind.equals("admm")) {
                double top = JacobiSvd.spectralNorm(a, rows, cols);
                double[] bulk = rs.gaussians(new double[rows * cols]);
                double noise = 0.3 / (Math.sqrt(rows) + Math.sqrt(cols)); // ‖bulk‖_op ≈ 0.3
                for (int e = 0; e < a.length; e++) {
                    a[e] = 3 * a[e] / top + noise * bulk[e];
                }
            } else if (!kind.equals("rank")) {
                throw new IllegalArgumentException("kind must be admm, rank or gaussian, got " + kind);
            }
        }
        jacobi = new JacobiSvd(rows, cols);
    }

    /** Thin SVD with U and V by one-sided Jacobi, copied out as the oracle's rows×k and cols×k arrays. */
    @Benchmark
    public double[] jacobiFull() {
        if (!jacobi.decompose(a)) {
            throw new ArithmeticException("Jacobi SVD did not converge");
        }
        return columnsOut(jacobi.leftVectors(), jacobi.rightVectors());
    }

    /** Thin SVD with U and V by ojAlgo, copied in and out. */
    @Benchmark
    public double[] ojalgoFull() {
        R064Store s = store();
        SingularValue<Double> svd = SingularValue.R064.make(s);
        if (!svd.decompose(s)) {
            throw new ArithmeticException("ojAlgo SVD failed");
        }
        int k = Math.min(rows, cols);
        double[] u = new double[rows * k];
        double[] v = new double[cols * k];
        var us = svd.getU();
        var vs = svd.getV();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < rows; i++) {
                u[i * k + c] = us.doubleValue(i, c);
            }
            for (int j = 0; j < cols; j++) {
                v[j * k + c] = vs.doubleValue(j, c);
            }
        }
        return v;
    }

    /** Singular values only, one-sided Jacobi without the rotations of V. */
    @Benchmark
    public double[] jacobiValues() {
        return JacobiSvd.singularValues(a, rows, cols);
    }

    /** Singular values only, ojAlgo. */
    @Benchmark
    public double[] ojalgoValues() {
        R064Store s = store();
        SingularValue<Double> svd = SingularValue.R064.make(s);
        if (!svd.computeValuesOnly(s)) {
            throw new ArithmeticException("ojAlgo SVD failed");
        }
        double[] sigma = new double[Math.min(rows, cols)];
        svd.getSingularValues(sigma);
        return sigma;
    }

    private R064Store store() {
        R064Store s = R064Store.FACTORY.make(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                s.set(i, j, a[i * cols + j]);
            }
        }
        return s;
    }

    private double[] columnsOut(double[] uT, double[] vT) {
        int k = Math.min(rows, cols);
        double[] u = new double[rows * k];
        double[] v = new double[cols * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < rows; i++) {
                u[i * k + c] = uT[c * rows + i];
            }
            for (int j = 0; j < cols; j++) {
                v[j * k + c] = vT[c * cols + j];
            }
        }
        return v;
    }
}
