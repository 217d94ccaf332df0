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
import org.sgdlab.random.RandomStream;

/**
 * One gradient, one GD step and one Hessian-vector product of {@link NetworkWorkloads}' models (the deep linear
 * network 3 × (10×10) on 100 samples and, when selected with {@code -p model=mlp}, the 784-256-256-1 MLP on 2000
 * rows), on data generated in memory with the same generators. With {@code -prof gc} JMH reports the bytes allocated
 * per operation ({@code gc.alloc.rate.norm}): zero after warm-up for the deep linear network.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar NetworkStep -f 1 -wi 5 -i 5 -prof gc
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar NetworkStep.gradient -p model=mlp
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NetworkStepBenchmark {
    @Param({"deeplinear"})
    public String model;

    private NetworkWorkloads.Model f;
    private double[] w;
    private double[] v;
    private double[] g;

    @Setup(Level.Trial)
    public void setUp() {
        switch (model) {
            case "deeplinear" -> {
                f = NetworkWorkloads.deepLinear(NetworkWorkloads.deepLinearData(1));
                w = new RandomStream(2).gaussians(new double[f.dimension()]);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 0.3;
                }
            }
            case "mlp" -> {
                f = NetworkWorkloads.mlpModel(NetworkWorkloads.mlpData(1));
                w = NetworkWorkloads.mlp().initialize(new RandomStream(2));
            }
            default -> throw new IllegalArgumentException("model must be deeplinear or mlp, got " + model);
        }
        v = new RandomStream(3).gaussians(new double[f.dimension()]);
        g = new double[f.dimension()];
    }

    @Benchmark
    public double[] gradient() {
        f.gradient(w, g);
        return g;
    }

    /** A GD step with a tiny step size (w stays where it is, to the eye, over JMH's millions of steps). */
    @Benchmark
    public double[] gdStep() {
        f.gradient(w, g);
        for (int i = 0; i < w.length; i++) {
            w[i] -= 1e-12 * g[i];
        }
        return w;
    }

    @Benchmark
    public double[] hvp() {
        f.hvp(w, v, g);
        return g;
    }
}
