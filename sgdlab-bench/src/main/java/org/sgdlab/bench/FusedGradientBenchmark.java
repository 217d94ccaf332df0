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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.ReferenceKernels;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;

/**
 * The full-batch least-squares gradient Xᵀ(Xw − y) for n = 200 000, d = 200 (320 MB, issue 5's numpy
 * comparison): {@code empiricalRisk} is {@link EmpiricalRisk#gradientOnly} — the fused one-pass kernel
 * in fixed row blocks, on {@code threads} threads (same bits for every count) — and
 * {@code twoPassReference} the naive gemv-then-gemvᵀ of {@link ReferenceKernels} (reads X twice).
 * Bytes of X per call: 320 MB; GB/s = 0.32 / (time in s).
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar FusedGradient -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Thread)
public class FusedGradientBenchmark {
    @Param({"1", "2"})
    public int threads;

    private int saved;
    private Matrix x;
    private double[] y;
    private double[] w;
    private double[] g;
    private EmpiricalRisk risk;

    @Setup(Level.Trial)
    public void setUp() {
        int n = 200_000;
        int d = 200;
        RandomStream r = new RandomStream(3);
        x = new Matrix(n, d, r.gaussians(new double[n * d]));
        y = r.gaussians(new double[n]);
        w = r.gaussians(new double[d]);
        g = new double[d];
        risk = new EmpiricalRisk(new Dataset("ls", x, y), new LinearModel(d, false), SquaredLoss.INSTANCE, Reduction.SUM);
        saved = Parallel.threads();
        Parallel.setThreads(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(saved);
    }

    @Benchmark
    public double empiricalRisk() {
        risk.gradientOnly(w, g);
        return g[0];
    }

    @Benchmark
    public double twoPassReference() {
        return ReferenceKernels.leastSquaresResidualGradient(x, y, w, 0.0, g);
    }
}
