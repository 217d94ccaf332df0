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
import org.sgdlab.optim.Transform;
import org.sgdlab.train.Trainer;

/**
 * One full-batch gradient-descent step on the summed logistic loss (source 001's setting):
 * g = ∇L(w) = −Xᵀ(y ⊙ σ(−y ⊙ Xw)), w ← w − 0.1·g, on {@link BenchData#gaussianClouds} data
 * (seed 1) of shape n × d = 100 × 2 and 10000 × 100. Average time per step.
 *
 * <ul>
 *   <li>{@code rawStep}: {@code EmpiricalRisk.gradient} + {@code Kernels.axpy(−η, g, w)}.</li>
 *   <li>{@code optimizerStep}: {@code EmpiricalRisk.gradient} + {@code Optimizers.sgd(0.1).updateInPlace}
 *       + the trainer's {@code w += u} loop with its finiteness check — the body of {@code Trainer.run}.</li>
 *   <li>{@code trainerRun}: {@code Trainer.run(w₀, 200)} per invocation, reported per step (so it
 *       includes the trainer's per-run set-up — copies, trace, probe schedule — amortized over 200 steps).</li>
 *   <li>{@code handStep}: a baseline, not library API: the same step written as one loop over the rows
 *       with {@code Kernels.dot}, {@code LogisticLoss.derivative} and {@code Kernels.axpy}, but without the
 *       loss value Σφ(mᵢ) (a log1p and an exp per row) that {@code Objective.gradient} always returns.</li>
 * </ul>
 *
 * The iterate w is reset to w₀ (w after 10 GD steps from 0) before every iteration, so each
 * iteration sees the same part of the trajectory. Run with:
 *
 * <pre>
 * java -jar sgdlab-bench/target/benchmarks.jar GdStep -f 1 -wi 3 -i 5
 * java -jar sgdlab-bench/target/benchmarks.jar GdStep -f 1 -wi 3 -i 5 -prof gc   # allocation per step
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GdStepBenchmark {
    static final double LR = 0.1;
    static final int TRAINER_STEPS = 200;

    /** n x d. */
    @Param({"100x2", "10000x100"})
    public String shape;

    private EmpiricalRisk objective;
    private Transform sgd;
    private org.sgdlab.optim.State sgdState;
    private Trainer trainer;
    private double[] w0;
    private double[] w;
    private double[] g;
    private org.sgdlab.linalg.Matrix x;
    private double[] y;

    @Setup(Level.Trial)
    public void setUpTrial() {
        String[] nd = shape.split("x");
        Dataset data = BenchData.gaussianClouds(Integer.parseInt(nd[0]), Integer.parseInt(nd[1]), 1);
        objective = EmpiricalRisk.of(data, LogisticLoss.INSTANCE, Reduction.SUM);
        x = data.x();
        y = data.y();
        sgd = Optimizers.sgd(LR);
        trainer = Trainer.builder(objective, sgd).build();
        w0 = GdLoop.directLoop(objective, LR, 10);
        g = new double[w0.length];
    }

    @Setup(Level.Iteration)
    public void setUpIteration() {
        w = w0.clone();
        sgdState = sgd.init(w);
    }

    @Benchmark
    public double[] rawStep() {
        objective.gradient(w, g);
        Kernels.axpy(-LR, g, w);
        return w;
    }

    @Benchmark
    public double[] optimizerStep() {
        objective.gradient(w, g);
        sgd.updateInPlace(g, sgdState, w);
        boolean finite = true;
        for (int i = 0; i < w.length; i++) {
            w[i] += g[i];
            finite &= Double.isFinite(w[i]);
        }
        if (!finite) {
            throw new IllegalStateException("diverged");
        }
        return w;
    }

    @Benchmark
    public double[] handStep() {
        double[] a = x.data();
        int d = w.length;
        java.util.Arrays.fill(g, 0.0);
        for (int i = 0, off = 0; i < y.length; i++, off += d) {
            double yi = y[i];
            double c = LogisticLoss.INSTANCE.derivative(yi * Kernels.dot(a, off, w, 0, d)) * yi;
            if (c != 0.0) {
                Kernels.axpy(c, a, off, g, 0, d);
            }
        }
        Kernels.axpy(-LR, g, w);
        return w;
    }

    @Benchmark
    @OperationsPerInvocation(TRAINER_STEPS)
    public double[] trainerRun() {
        return trainer.run(w0, TRAINER_STEPS).params();
    }
}
