package org.sgdlab.nn.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.autodiff.Graph;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.model.Activation;
import org.sgdlab.nn.model.Mlp;
import org.sgdlab.nn.objective.NetworkLoss;
import org.sgdlab.nn.objective.NetworkObjective;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.objective.Reduction;
import org.sgdlab.random.RandomStream;

/**
 * Per-step time and allocation of gradient steps and HVPs (not a test; the numbers of the performance
 * targets, to compare with tools/torch-nn/step_timing.py). Run from the repository root after {@code mvn verify}:
 * <pre>
 *   java -cp sgdlab-nn/target/classes:sgdlab-nn/target/test-classes:sgdlab-core/target/classes \
 *       org.sgdlab.nn.bench.StepTiming [deep-linear|small-mlp|mnist-mlp]...
 * </pre>
 * Times are the minimum over repeated blocks of wall-clock time, and the thread's CPU time per call over all blocks
 * (the fairer figure on a loaded machine; torch runs single-threaded here, so step_timing.py's thread time is
 * comparable); allocation is the thread's allocated bytes per call after warm-up.
 */
public final class StepTiming {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StepTiming() {
    }

    interface Step {
        void run();
    }

    /**
     * {minimum over {@code blocks} blocks of {@code per} calls of the wall time, thread CPU time over all blocks}, in µs
     * per call, after {@code warm} warm-up calls.
     */
    static double[] micros(Step s, int warm, int blocks, int per) {
        for (int i = 0; i < warm; i++) {
            s.run();
        }
        double best = Double.POSITIVE_INFINITY;
        long cpu0 = MX.getCurrentThreadCpuTime();
        for (int b = 0; b < blocks; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                s.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / per);
        }
        double cpu = (MX.getCurrentThreadCpuTime() - cpu0) / 1e3 / ((double) blocks * per);
        return new double[] {best, cpu};
    }

    static double bytesPerCall(Step s, int calls) {
        long tid = Thread.currentThread().getId();
        long before = MX.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) {
            s.run();
        }
        return (MX.getThreadAllocatedBytes(tid) - before) / (double) calls;
    }

    /** Full-batch GD on ½‖X W₁ᵀW₂ᵀW₃ᵀ − Y‖² (three 10×10 matrices, 100 samples): graph gradient plus the update. */
    static void deepLinear() {
        int n = 100;
        int d = 10;
        RandomStream r = new RandomStream(1);
        ParameterLayout layout = ParameterLayout.builder().add("W1", d, d).add("W2", d, d).add("W3", d, d).build();
        GraphBuilder b = new GraphBuilder(layout);
        Node x = b.constant(new Tensor(Shape.of(n, d), r.gaussians(new double[n * d])));
        Node y = b.constant(new Tensor(Shape.of(n, d), r.gaussians(new double[n * d])));
        Node out = b.matmul(b.matmul(b.matmul(x, b.parameter("W1"), false, true), b.parameter("W2"), false, true),
                b.parameter("W3"), false, true);
        Graph g = b.build(b.scale(b.sum(b.square(b.sub(out, y))), 0.5));
        double[] w = r.gaussians(new double[layout.size()]);
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.3;
        }
        double[] grad = new double[w.length];
        double[] v = r.gaussians(new double[w.length]);
        double[] hv = new double[w.length];
        Step step = () -> {
            g.gradient(w, grad);
            for (int i = 0; i < w.length; i++) {
                w[i] -= 1e-4 * grad[i];
            }
        };
        Step hvp = () -> g.hessianVectorProduct(w, v, hv);
        report("deep linear 3 x (10x10), n=100, GD step", step, 20000, 30, 2000);
        report("deep linear 3 x (10x10), n=100, HVP", hvp, 20000, 30, 2000);
    }

    /** A 5-16-16-1 tanh MLP with biases, logistic loss, 64 rows: NetworkObjective gradient (the Trainer's call) and HVP. */
    static void smallMlp() {
        Mlp net = Mlp.builder(5).hidden(16, 16).activation(Activation.tanh()).build();
        NetworkObjective f = new NetworkObjective(net, data(64, 5, 2), NetworkLoss.of(LogisticLoss.INSTANCE), Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(3));
        double[] g = new double[w.length];
        double[] v = new RandomStream(4).gaussians(new double[w.length]);
        report("mlp 5-16-16-1 tanh, n=64, gradient", () -> f.gradientOnly(w, g), 20000, 30, 1000);
        report("mlp 5-16-16-1 tanh, n=64, HVP", () -> f.hessianVectorProduct(w, v, g), 20000, 30, 1000);
    }

    /** The GEMM-bound target: a 784-256-256-1 relu MLP, 2000 rows, squared loss. */
    static void mnistMlp() {
        Mlp net = Mlp.builder(784).hidden(256, 256).build();
        NetworkObjective f = new NetworkObjective(net, data(2000, 784, 5), NetworkLoss.of(SquaredLoss.INSTANCE), Reduction.MEAN);
        double[] w = net.initialize(new RandomStream(6));
        double[] g = new double[w.length];
        double[] v = new RandomStream(7).gaussians(new double[w.length]);
        report("mlp 784-256-256-1 relu, n=2000, gradient", () -> f.gradientOnly(w, g), 3, 5, 1);
        report("mlp 784-256-256-1 relu, n=2000, HVP", () -> f.hessianVectorProduct(w, v, g), 3, 5, 1);
    }

    static Dataset data(int n, int d, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] x = r.gaussians(new double[n * d]);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d] > 0 ? 1.0 : -1.0;
        }
        return new Dataset("timing", new Matrix(n, d, x), y);
    }

    static void report(String what, Step s, int warm, int blocks, int per) {
        double[] us = micros(s, warm, blocks, per);
        double bytes = bytesPerCall(s, Math.max(per, 10));
        System.out.printf(Locale.ROOT, "%-45s wall %10.2f us  cpu %10.2f us  %8.1f bytes/call%n", what, us[0], us[1], bytes);
    }

    public static void main(String[] args) {
        String[] which = args.length == 0 ? new String[] {"deep-linear", "small-mlp", "mnist-mlp"} : args;
        for (String a : which) {
            switch (a) {
                case "deep-linear" -> deepLinear();
                case "small-mlp" -> smallMlp();
                case "mnist-mlp" -> mnistMlp();
                default -> throw new IllegalArgumentException("unknown benchmark " + a);
            }
        }
    }
}
