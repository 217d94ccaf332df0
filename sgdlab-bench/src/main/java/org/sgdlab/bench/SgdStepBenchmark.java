package org.sgdlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.Trainer;

/**
 * One single-sample SGD step on the logistic loss (workload 4 of {@code bench/run.sh}), average time per sample, on
 * {@link BenchData#gaussianClouds} of shape n × d = 20000 × 20 and 20000 × 200 (X in L3):
 *
 * <ul>
 *   <li>{@code trainerEpoch}: {@code Trainer.run(w, n)} with {@code Optimizers.sgd(0.1)} and an {@code Samplers.inOrder}
 *       of batch 1 on the MEAN-reduced risk — one epoch in data order, per sample;</li>
 *   <li>{@code handStep}: a baseline, not library API: the same update w ← w − η φ'(yᵢ⟨xᵢ, w⟩) yᵢ xᵢ as one dot and
 *       one axpy per sample (the two passes over d that scikit-learn's {@code _plain_sgd} makes), in the same order.</li>
 * </ul>
 *
 * The gap between the two is the per-step cost of the trainer path beyond the arithmetic of the update
 * (see docs/benchmarks.md, row 4).
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar SgdStep -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SgdStepBenchmark {
    static final double LR = 0.1;
    static final int N = 20000;

    /** d. */
    @Param({"20", "200"})
    public int d;

    private Trainer trainer;
    private double[] x;
    private double[] y;
    private double[] w;

    @Setup(Level.Trial)
    public void setUpTrial() {
        Dataset data = BenchData.gaussianClouds(N, d, 1);
        EmpiricalRisk f = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.MEAN);
        trainer = Trainer.builder(f, Optimizers.sgd(LR)).sampler(Samplers.inOrder(N, 1)).build();
        x = data.x().data();
        y = data.y();
    }

    @Setup(Level.Iteration)
    public void setUpIteration() {
        w = new double[d];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] trainerEpoch() {
        w = trainer.run(w, N).params();
        return w;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] handStep() {
        for (int i = 0, off = 0; i < N; i++, off += d) {
            double yi = y[i];
            double c = LogisticLoss.INSTANCE.derivative(yi * Kernels.dot(x, off, w, 0, d)) * yi;
            Kernels.axpy(-LR * c, x, off, w, 0, d);
        }
        return w;
    }
}
