package org.sgdlab.nn.autodiff;

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
import org.sgdlab.random.RandomStream;

/**
 * The three paths of sgdlab-nn's {@link ProductKernel} (package-private, hence this package) on the same shapes: where
 * the small SIMD tiles stop paying and core's Gemm takes over ({@link ProductKernel#GEMM_MIN}). C ← C + op(A)·op(B)
 * (the backward pass's form; the forward pass overwrites) for m×n×k and NN, NT, TN; µs per product.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar ProductKernelBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar ProductKernelBenchmark -p shape=64x64x64
 * </pre>
 * The Gemm path runs on {@code Parallel.threads()} threads from 2²⁰ multiply-adds ({@code -Dsgdlab.threads=1} in
 * {@code -jvmArgsAppend} for one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProductKernelBenchmark {
    /** m x n x k (C is m × n). */
    @Param({"100x10x10", "10x10x100", "32x32x32", "64x64x64", "100x100x100", "128x128x128", "256x256x64",
            "2000x256x1", "256x256x256"})
    public String shape;

    /** op(A) op(B). */
    @Param({"NN", "NT", "TN"})
    public String form;

    @Param({"small", "gemm", "scalar"})
    public String path;

    private int m;
    private int n;
    private int k;
    private boolean ta;
    private boolean tb;
    private int lda;
    private int ldb;
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup(Level.Trial)
    public void setUp() {
        String[] mnk = shape.split("x");
        m = Integer.parseInt(mnk[0]);
        n = Integer.parseInt(mnk[1]);
        k = Integer.parseInt(mnk[2]);
        ta = form.charAt(0) == 'T';
        tb = form.charAt(1) == 'T';
        lda = ta ? m : k;
        ldb = tb ? k : n;
        RandomStream r = new RandomStream(1);
        a = r.gaussians(new double[m * k]);
        b = r.gaussians(new double[k * n]);
        c = r.gaussians(new double[m * n]);
    }

    @Benchmark
    public double[] product() {
        switch (path) {
            case "small" -> ProductKernel.small(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, true);
            case "gemm" -> ProductKernel.gemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, true);
            default -> ProductKernel.scalar(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, true);
        }
        return c;
    }
}
