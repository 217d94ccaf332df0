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
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.ForwardingObjective;
import org.sgdlab.objective.Objective;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.random.RandomStream;
import org.sgdlab.train.Trainer;

/**
 * Single-sample SGD on the logistic loss, dense d = 200 (issue 5's sklearn-comparison workload), per
 * sample: {@code trainerFused} is the trainer's fast path (fused dot + update, no gradient buffer),
 * {@code trainerGeneral} the general step loop (gradient buffer, optimizer pass, finite check) on the
 * same data, and {@code bareDotAxpy} the floor — one dot and one axpy per sample, no trainer at all.
 * One epoch over n rows in order per invocation (divide the time by n for ns per sample) (shuffled-epoch samplers add random row access:
 * see the report for that cost). n = 2 000 keeps X in L2/L3 (compute cost); n = 200 000 (320 MB)
 * streams it from memory.
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar SgdSample -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Thread)
public class SgdSampleBenchmark {
    @Param({"2000", "200000"})
    public int n;

    private static final int D = 200;
    private Matrix x;
    private double[] y;
    private EmpiricalRisk risk;
    private Objective general;
    private double[] w;

    @Setup(Level.Trial)
    public void setUp() {
        RandomStream r = new RandomStream(1);
        double[] a = r.gaussians(new double[n * D]);
        y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = a[i * D] + 0.5 * r.nextGaussian() >= 0 ? 1 : -1;
        }
        x = new Matrix(n, D, a);
        risk = new EmpiricalRisk(new Dataset("bench", x, y), new LinearModel(D, false), LogisticLoss.INSTANCE, Reduction.MEAN);
        general = new ForwardingObjective(risk);
        w = new double[D];
    }

    @Benchmark
    public double trainerFusedEpoch() {
        return Trainer.builder(risk, Optimizers.sgd(0.01)).sampler(org.sgdlab.sample.Samplers.inOrder(n, 1)).build().run(w, n).params()[0] / n;
    }

    @Benchmark
    public double trainerGeneralEpoch() {
        return Trainer.builder(general, Optimizers.sgd(0.01)).sampler(org.sgdlab.sample.Samplers.inOrder(n, 1)).build().run(w, n).params()[0] / n;
    }

    @Benchmark
    public double bareDotAxpyEpoch() {
        double[] v = new double[D];
        double[] a = x.data();
        for (int i = 0; i < n; i++) {
            double m = y[i] * Kernels.dot(a, i * D, v, 0, D);
            Kernels.axpy(-0.01 * LogisticLoss.INSTANCE.derivative(m) * y[i], a, i * D, v, 0, D);
        }
        return v[0];
    }
}
