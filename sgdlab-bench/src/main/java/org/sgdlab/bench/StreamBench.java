package org.sgdlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sgdlab.linalg.Kernels;

/**
 * A STREAM-like memory-bandwidth measurement in Java (after McCalpin's STREAM, https://www.cs.virginia.edu/stream/):
 * three arrays a, b, c of N doubles (N·8 bytes each, chosen ≫ the last-level cache) and the four kernels
 *
 * <pre>
 *   copy   c ← a             16 N bytes
 *   scale  b ← s·c           16 N bytes
 *   add    c ← a + b         24 N bytes
 *   triad  a ← b + s·c       24 N bytes
 * </pre>
 *
 * counted as STREAM does (bytes read + bytes written, no write-allocate traffic). Each kernel runs {@code reps}
 * times; the best time gives the rate (STREAM's convention), the median is printed too. With {@code threads=T} the
 * index range is split into T contiguous chunks, one per thread.
 *
 * <p>It also measures the floating-point rate of {@link Kernels#dot} on two vectors that fit in L1 (2 flops per
 * element), the in-cache ceiling of sgdlab's scalar-code kernels.
 *
 * <pre>
 * java -cp sgdlab-bench/target/benchmarks.jar org.sgdlab.bench.StreamBench n=20000000 reps=10 threads=1
 * </pre>
 */
public final class StreamBench {
    /** Where the dot products' sum goes, so that the JIT cannot drop the calls as dead code. */
    private static volatile double SINK;

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        var kv = Workloads.parse(prepend(args));
        int n = Integer.parseInt(kv.getOrDefault("n", "20000000"));
        int reps = Integer.parseInt(kv.getOrDefault("reps", "10"));
        int threads = Integer.parseInt(kv.getOrDefault("threads", "1"));
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        Arrays.fill(a, 1.0);
        Arrays.fill(b, 2.0);
        Arrays.fill(c, 0.0);
        double s = 3.0;
        String[] names = {"copy", "scale", "add", "triad"};
        double[] bytes = {16.0 * n, 16.0 * n, 24.0 * n, 24.0 * n};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "RESULT impl=sgdlab-stream n=%d array_mb=%.1f threads=%d reps=%d", n, 8.0 * n / 1e6, threads, reps));
            for (int k = 0; k < 4; k++) {
                double[] sec = new double[reps];
                for (int r = 0; r < reps; r++) {
                    final int kernel = k;
                    long t0 = System.nanoTime();
                    List<Future<?>> fs = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int lo = (int) ((long) n * t / threads);
                        int hi = (int) ((long) n * (t + 1) / threads);
                        fs.add(pool.submit(() -> run(kernel, a, b, c, s, lo, hi)));
                    }
                    for (Future<?> f : fs) {
                        f.get();
                    }
                    sec[r] = (System.nanoTime() - t0) * 1e-9;
                }
                Arrays.sort(sec);
                out.append(String.format(Locale.ROOT, " %s_best_gb_s=%.3f %s_median_gb_s=%.3f", names[k],
                        bytes[k] / sec[0] * 1e-9, names[k], bytes[k] / sec[reps / 2] * 1e-9));
            }
            // keep the results live so no kernel can be removed as dead code
            out.append(String.format(Locale.ROOT, " checksum=%.6g", a[n / 2] + b[n / 3] + c[n - 1]));
            out.append(String.format(Locale.ROOT, " dot_in_l1_gflop_s=%.3f", dotInCacheGflops()));
            System.out.println(out);
        } finally {
            pool.shutdown();
        }
    }

    private static String[] prepend(String[] args) {
        String[] r = new String[args.length + 1];
        r[0] = "stream";
        System.arraycopy(args, 0, r, 1, args.length);
        return r;
    }

    private static void run(int kernel, double[] a, double[] b, double[] c, double s, int lo, int hi) {
        switch (kernel) {
            case 0 -> System.arraycopy(a, lo, c, lo, hi - lo);
            case 1 -> {
                for (int i = lo; i < hi; i++) {
                    b[i] = s * c[i];
                }
            }
            case 2 -> {
                for (int i = lo; i < hi; i++) {
                    c[i] = a[i] + b[i];
                }
            }
            default -> {
                for (int i = lo; i < hi; i++) {
                    a[i] = b[i] + s * c[i];
                }
            }
        }
    }

    /** GFLOP/s of Kernels.dot on two 1024-element vectors (16 KB, in L1), best of 7 rounds of 2·10⁵ calls. */
    static double dotInCacheGflops() {
        int len = 1024;
        double[] x = new double[len];
        double[] y = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = Math.sin(i);
            y[i] = Math.cos(i);
        }
        int calls = 200_000;
        double best = Double.POSITIVE_INFINITY;
        double sink = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                sink += Kernels.dot(x, y);
                x[k & (len - 1)] += 1e-300; // defeats hoisting the loop-invariant call
            }
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        SINK = sink;
        return 2.0 * len * calls / best * 1e-9;
    }
}
