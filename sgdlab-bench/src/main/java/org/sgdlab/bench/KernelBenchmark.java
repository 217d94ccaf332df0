package org.sgdlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.ReferenceKernels;
import org.sgdlab.loss.LogisticLoss;

/**
 * The hot kernels of {@link Kernels}, each next to its plain-loop twin in {@link ReferenceKernels}
 * ({@code fast*} vs {@code ref*}), on an n × d matrix X from {@link BenchData#gaussianClouds}
 * (seed 1) with n × d = 1000 × 10 and 10000 × 100, and on request ({@code -p shape=200000x200}) 200000 × 200, workload 5 of
 * bench/run.sh, where X is 320 MB, ≫ cache:
 *
 * <ul>
 *   <li>{@code dot}, {@code axpy}: vectors of length n·d (10⁴, 10⁶ [and 4·10⁷] doubles: in L1/L2, in L3 [, in memory]);</li>
 *   <li>{@code gemv} (Xv), {@code gemvT} (Xᵀu);</li>
 *   <li>{@code leastSquares}: ½‖Xw − y‖² and Xᵀ(Xw − y) — fused one pass vs two passes;</li>
 *   <li>{@code marginLogistic}: Σφ(mᵢ) and Σφ'(mᵢ)yᵢxᵢ for the logistic φ — fused vs two passes.
 *       w = (1/√d)(1, …, 1) so every margin is O(1) and every row's weight is non-zero.</li>
 * </ul>
 *
 * The reference twins return fresh arrays (gemv, gemvT) or allocate O(n) temporaries
 * (leastSquares, marginLogistic); the fast kernels write into preallocated outputs and allocate nothing.
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar Kernel -f 1 -wi 3 -i 5
 * java -jar sgdlab-bench/target/benchmarks.jar 'KernelBenchmark.fast(Dot|Gemv|GemvT|LeastSquares)' -p shape=200000x200 -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class KernelBenchmark {
    /** n x d. */
    @Param({"1000x10", "10000x100"})
    public String shape;

    private Matrix x;
    private double[] y;
    private double[] w;
    private double[] u;
    private double[] outN;
    private double[] outD;
    private double[] va;
    private double[] vb;
    private double alpha;

    @Setup(Level.Trial)
    public void setUp() {
        String[] nd = shape.split("x");
        int n = Integer.parseInt(nd[0]);
        int d = Integer.parseInt(nd[1]);
        Dataset data = BenchData.gaussianClouds(n, d, 1);
        x = data.x();
        y = data.y();
        w = new double[d];
        java.util.Arrays.fill(w, 1.0 / Math.sqrt(d));
        u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.sin(i);
        }
        outN = new double[n];
        outD = new double[d];
        va = x.data().clone();
        vb = new org.sgdlab.random.RandomStream(2).gaussians(new double[n * d]);
    }

    @Setup(Level.Iteration)
    public void alternateSign() {
        // axpy updates vb in place; alternate the sign per iteration so vb stays bounded
        alpha = alpha > 0 ? -1e-3 : 1e-3;
    }

    @Benchmark
    public double fastDot() {
        return Kernels.dot(va, vb);
    }

    @Benchmark
    public double refDot() {
        return ReferenceKernels.dot(va, vb);
    }

    @Benchmark
    public double[] fastAxpy() {
        Kernels.axpy(alpha, va, vb);
        return vb;
    }

    @Benchmark
    public double[] refAxpy() {
        ReferenceKernels.axpy(alpha, va, vb);
        return vb;
    }

    @Benchmark
    public double[] fastGemv() {
        Kernels.gemv(x, w, outN);
        return outN;
    }

    @Benchmark
    public double[] refGemv() {
        return ReferenceKernels.gemv(x, w);
    }

    @Benchmark
    public double[] fastGemvT() {
        Kernels.gemvTransposed(x, u, outD);
        return outD;
    }

    @Benchmark
    public double[] refGemvT() {
        return ReferenceKernels.gemvTransposed(x, u);
    }

    @Benchmark
    public double fastLeastSquares() {
        return Kernels.leastSquaresResidualGradient(x, y, w, 0.0, outN, outD);
    }

    @Benchmark
    public double refLeastSquares() {
        return ReferenceKernels.leastSquaresResidualGradient(x, y, w, 0.0, outD);
    }

    @Benchmark
    public double fastMarginLogistic() {
        return Kernels.marginLossGradient(x, y, w, 0.0, LogisticLoss.INSTANCE, null, x.rows(), null, outD);
    }

    @Benchmark
    public double refMarginLogistic() {
        return ReferenceKernels.marginLossGradient(x, y, w, 0.0, LogisticLoss.INSTANCE, outD);
    }
}
