package org.sgdlab.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sgdlab.data.Dataset;
import org.sgdlab.data.MappedDataset;
import org.sgdlab.data.NpyWriter;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.model.LinearModel;
import org.sgdlab.objective.EmpiricalRisk;
import org.sgdlab.objective.Reduction;
import org.sgdlab.optim.Optimizers;
import org.sgdlab.parallel.Parallel;
import org.sgdlab.random.RandomStream;
import org.sgdlab.sample.Samplers;
import org.sgdlab.train.TrainResult;
import org.sgdlab.train.Trainer;

/**
 * Measurement driver for issue 5's "Scale" part (not a test; run by hand or by {@code bench/run.sh ooc}, which runs
 * {@code gen} and {@code compare}). Each mode prints one line per repetition to stdout. After
 * {@code ./mvnw -q -DskipTests -pl sgdlab-bench -am package}:
 * <pre>
 *   J="java --add-modules jdk.incubator.vector -cp sgdlab-bench/target/benchmarks.jar org.sgdlab.bench.ScaleDriver"
 *   $J gen FILE.npy N D                        # streams X (and FILE_y.npy) to disk, N×D float64
 *   java -Xmx1g ... ScaleDriver gd FILE.npy mmap STEPS [logistic|squared]   # full-batch GD on the mapped file
 *   java -Xmx3g ... ScaleDriver gd FILE.npy mem STEPS [logistic|squared]    # the same file read into the heap
 *   $J compare MEM.npy MAPPED.npy STEPS logistic|squared REPS   # in-memory vs mapped GD, alternating in one JVM
 *   $J sgd FILE.npy mem|mmap EPOCHS            # single-sample SGD, logistic, sequential and shuffled
 *   $J step N D STEPS                          # per-sample cost: bare dot+axpy, the fused step, the trainer
 *   $J lsgrad N D REPS                         # full-batch least-squares gradient
 *   $J stream MB REPS                          # STREAM-like read bandwidth
 * </pre>
 * Threads: {@code -Dsgdlab.threads=N}; without the Vector API module (or with {@code -Dsgdlab.simd=false}) the scalar
 * kernels are timed.
 */
public final class ScaleDriver {
    private ScaleDriver() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "gen" -> gen(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "gd" -> gd(Path.of(args[1]), args[2], Integer.parseInt(args[3]), args.length > 4 ? args[4] : "logistic");
            case "compare" -> compare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), args[4], Integer.parseInt(args[5]));
            case "sgd" -> sgd(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            case "lsgrad" -> lsgrad(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "step" -> step(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            case "stream" -> stream(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Separable-ish logistic data: x ~ N(0, I), y = sign(⟨x, w*⟩ + noise), streamed so N·D may exceed the heap. */
    static void gen(Path file, int n, int d) throws IOException {
        RandomStream r = new RandomStream(2026);
        double[] wStar = r.gaussians(new double[d]);
        double[] y = new double[n];
        double[] row = new double[d];
        ByteBuffer rb = ByteBuffer.allocate(8 * d).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(NpyWriter.matrixHeader(n, d));
            for (int i = 0; i < n; i++) {
                r.gaussians(row);
                double s = 0.5 * r.nextGaussian();
                rb.clear();
                for (int j = 0; j < d; j++) {
                    s += row[j] * wStar[j];
                    rb.putDouble(row[j]);
                }
                y[i] = s >= 0 ? 1 : -1;
                out.write(rb.array());
            }
        }
        String stem = file.getFileName().toString().replaceAll("(_[Xx])?\\.npy$", "");
        NpyWriter.write(file.resolveSibling(stem + "_y.npy"), y);
        System.out.printf(Locale.ROOT, "wrote %s: %d × %d (%.2f GB)%n", file, n, d, 8.0 * n * d / 1e9);
    }

    private static EmpiricalRisk risk(Path file, String where, Loss loss) {
        MappedDataset m = MappedDataset.open(file);
        if (where.equals("mem")) {
            // into the heap through the mapping (NpyReader would hold the bytes and the doubles at once)
            double[] x = new double[m.n() * m.d()];
            m.x().copyRows(0, m.n(), x, 0);
            Dataset data = new Dataset(m.name(), new Matrix(m.n(), m.d(), x), m.y());
            return new EmpiricalRisk(data, new LinearModel(data.d(), false), loss, Reduction.MEAN);
        }
        return EmpiricalRisk.overRows(m.name(), m.x(), m.y(), new LinearModel(m.d(), false), loss, Reduction.MEAN);
    }

    static void gd(Path file, String where, int steps, String lossName) {
        EmpiricalRisk f = risk(file, where, lossName.equals("squared") ? SquaredLoss.INSTANCE : LogisticLoss.INSTANCE);
        int n = f.sampleCount();
        int d = f.dimension();
        Trainer t = Trainer.builder(f, Optimizers.sgd(0.5)).build();
        t.run(new double[d], 1); // warm-up: JIT and (for mmap) the page cache
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int rep = 0; rep < 3; rep++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            TrainResult r = t.run(new double[d], steps);
            double s = (System.nanoTime() - t0) * 1e-9;
            double c = (os.getProcessCpuTime() - c0) * 1e-9;
            System.out.printf(Locale.ROOT, "gd %s %s threads=%d n=%d d=%d steps=%d: wall %.3f s = %.3g rows/s = %.2f GB/s;"
                            + " process CPU %.3f s = %.3g rows/CPU-s; heap max %d MB, w[0]=%.17g%n",
                    lossName, where, Parallel.threads(), n, d, steps, s, (double) n * steps / s, 8.0 * n * d * steps / s / 1e9,
                    c, (double) n * steps / c, Runtime.getRuntime().maxMemory() >> 20, r.params()[0]);
        }
    }

    /**
     * Full-batch GD throughput, in memory (memFile read into the heap) vs memory-mapped (mapFile),
     * alternating in one JVM so both see the same machine load; prints rows/s of each repetition and
     * the ratio of the medians.
     */
    static void compare(Path memFile, Path mapFile, int steps, String lossName, int reps) {
        Loss loss = lossName.equals("squared") ? SquaredLoss.INSTANCE : LogisticLoss.INSTANCE;
        EmpiricalRisk[] f = {risk(memFile, "mem", loss), risk(mapFile, "mmap", loss)};
        String[] label = {"in-memory", "mapped"};
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[][] rate = new double[2][reps];
        double[][] cpuRate = new double[2][reps];
        for (int k = 0; k < 2; k++) {
            Trainer.builder(f[k], Optimizers.sgd(0.5)).build().run(new double[f[k].dimension()], 1); // JIT, page cache
        }
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < 2; k++) {
                int n = f[k].sampleCount();
                Trainer t = Trainer.builder(f[k], Optimizers.sgd(0.5)).build();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                t.run(new double[f[k].dimension()], steps);
                double s = (System.nanoTime() - t0) * 1e-9;
                double c = (os.getProcessCpuTime() - c0) * 1e-9;
                rate[k][rep] = (double) n * steps / s;
                cpuRate[k][rep] = (double) n * steps / c;
                System.out.printf(Locale.ROOT, "%s %s n=%d (%.2f GB): %.3g rows/s wall, %.3g rows/CPU-s%n", lossName, label[k], n,
                        8.0 * n * f[k].dimension() / 1e9, rate[k][rep], cpuRate[k][rep]);
            }
        }
        double memMed = median(rate[0]);
        double mapMed = median(rate[1]);
        System.out.printf(Locale.ROOT, "%s threads=%d heap max %d MB: median in-memory %.3g rows/s (%.2f GB/s), mapped %.3g rows/s (%.2f GB/s),"
                        + " ratio %.2f; per CPU-second: ratio %.2f%n",
                lossName, Parallel.threads(), Runtime.getRuntime().maxMemory() >> 20, memMed, memMed * 8 * f[0].dimension() / 1e9,
                mapMed, mapMed * 8 * f[1].dimension() / 1e9, mapMed / memMed, median(cpuRate[1]) / median(cpuRate[0]));
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }

    static void sgd(Path file, String where, int epochs) {
        EmpiricalRisk f = risk(file, where, LogisticLoss.INSTANCE);
        int n = f.sampleCount();
        int d = f.dimension();
        for (String order : new String[] {"sequential", "shuffled"}) {
            for (int rep = 0; rep < 3; rep++) {
                var s = order.equals("shuffled") ? Samplers.shuffledEpochs(n, 1, new RandomStream(1))
                        : Samplers.inOrder(n, 1);
                Trainer t = Trainer.builder(f, Optimizers.sgd(0.01)).sampler(s).build();
                long c0 = cpu();
                long t0 = System.nanoTime();
                TrainResult r = t.run(new double[d], (long) epochs * n);
                double sec = (System.nanoTime() - t0) * 1e-9;
                double cpuSec = (cpu() - c0) * 1e-9;
                System.out.printf(Locale.ROOT, "sgd %s %s n=%d d=%d epochs=%d: wall %.3f s = %.3g samples/s; thread CPU %.3f s = %.3g samples/s; w[0]=%.6g%n",
                        where, order, n, d, epochs, sec, (double) epochs * n / sec, cpuSec, (double) epochs * n / cpuSec, r.params()[0]);
            }
        }
    }

    /** Cache-resident per-sample cost: bare dot+axpy, the fused sampleStep, and the trainer's fast path (CPU time). */
    static void step(int n, int d, long steps) {
        RandomStream r = new RandomStream(5);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.5 ? -1 : 1;
        }
        Dataset data = new Dataset("s", new Matrix(n, d, r.gaussians(new double[n * d])), y);
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), LogisticLoss.INSTANCE, Reduction.MEAN);
        double[] a = data.x().data();
        for (int rep = 0; rep < 4; rep++) {
            double[] w = new double[d];
            long c0 = cpu();
            for (long t = 0; t < steps; t++) {
                int i = (int) (t % n);
                double m = y[i] * org.sgdlab.linalg.Kernels.dot(a, i * d, w, 0, d);
                double c = -0.01 * LogisticLoss.INSTANCE.derivative(m) * y[i];
                org.sgdlab.linalg.Kernels.axpy(c, a, i * d, w, 0, d);
            }
            double bare = (cpu() - c0) * 1e-9;
            w = new double[d];
            c0 = cpu();
            for (long t = 0; t < steps; t++) {
                f.sampleStep(w, (int) (t % n), -0.01);
            }
            double fused = (cpu() - c0) * 1e-9;
            Trainer tr = Trainer.builder(f, Optimizers.sgd(0.01)).sampler(Samplers.shuffledEpochs(n, 1, new RandomStream(1))).build();
            c0 = cpu();
            tr.run(new double[d], steps);
            double trainer = (cpu() - c0) * 1e-9;
            System.out.printf(Locale.ROOT, "step n=%d d=%d: ns/sample (CPU) bare dot+axpy %.1f, fused sampleStep %.1f, trainer %.1f%n",
                    n, d, bare / steps * 1e9, fused / steps * 1e9, trainer / steps * 1e9);
        }
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static void lsgrad(int n, int d, int reps) {
        RandomStream r = new RandomStream(3);
        Dataset data = new Dataset("ls", new Matrix(n, d, r.gaussians(new double[n * d])), r.gaussians(new double[n]));
        EmpiricalRisk f = new EmpiricalRisk(data, new LinearModel(d, false), SquaredLoss.INSTANCE, Reduction.SUM);
        double[] w = r.gaussians(new double[d]);
        double[] g = new double[d];
        for (int k = 0; k < 5; k++) {
            f.gradientOnly(w, g);
        }
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int k = 0; k < reps; k++) {
            long t0 = System.nanoTime();
            f.gradientOnly(w, g);
            double s = (System.nanoTime() - t0) * 1e-9;
            best = Math.min(best, s);
            total += s;
        }
        double med = total / reps;
        System.out.printf(Locale.ROOT, "lsgrad threads=%d n=%d d=%d: best %.2f ms (%.2f GB/s), mean %.2f ms (%.2f GB/s), g[0]=%.17g%n",
                Parallel.threads(), n, d, best * 1e3, 8.0 * n * d / best / 1e9, med * 1e3, 8.0 * n * d / med / 1e9, g[0]);
    }

    /** Read bandwidth: a 4-accumulator sum over an array far larger than the caches (like STREAM's "sum" kernel), per thread count. */
    static void stream(int mb, int reps) {
        int len = mb * (1 << 20) / 8;
        double[] a = new RandomStream(4).gaussians(new double[len]);
        int blocks = 256;
        int per = (len + blocks - 1) / blocks;
        double[] part = new double[blocks];
        double best = Double.MAX_VALUE;
        for (int k = 0; k < reps + 3; k++) {
            long t0 = System.nanoTime();
            Parallel.forEachBlock(blocks, (b, w) -> {
                int from = b * per;
                int to = Math.min(len, from + per);
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = from;
                for (; i + 3 < to; i += 4) {
                    s0 += a[i];
                    s1 += a[i + 1];
                    s2 += a[i + 2];
                    s3 += a[i + 3];
                }
                for (; i < to; i++) {
                    s0 += a[i];
                }
                part[b] = s0 + s1 + s2 + s3;
            });
            double s = (System.nanoTime() - t0) * 1e-9;
            if (k >= 3) {
                best = Math.min(best, s);
            }
        }
        double[] b = new double[len];
        double[] c = new double[len];
        double bestTriad = Double.MAX_VALUE;
        for (int k = 0; k < reps + 3; k++) {
            long t0 = System.nanoTime();
            Parallel.forEachBlock(blocks, (blk, w) -> {
                int from = blk * per;
                int to = Math.min(len, from + per);
                for (int i = from; i < to; i++) {
                    b[i] = c[i] + 3.0 * a[i];
                }
            });
            double s = (System.nanoTime() - t0) * 1e-9;
            if (k >= 3) {
                bestTriad = Math.min(bestTriad, s);
            }
        }
        System.out.printf(Locale.ROOT, "stream threads=%d %d MB arrays: sum (read) best %.2f GB/s, triad best %.2f GB/s (3 arrays counted) (%.1f)%n",
                Parallel.threads(), mb, 8.0 * len / best / 1e9, 24.0 * len / bestTriad / 1e9, part[0]);
    }
}
