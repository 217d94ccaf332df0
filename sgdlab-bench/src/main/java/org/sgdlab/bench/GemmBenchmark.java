package org.sgdlab.bench;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
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
import org.sgdlab.blas.OpenBlasGemm;
import org.sgdlab.linalg.GemmKernel;
import org.sgdlab.linalg.Transpose;
import org.sgdlab.random.RandomStream;

/**
 * C ← op(A)·op(B) for issue 13's shapes, m×k×n = 1024×1024×1024 and 2000×784×256 (a batch of 2000 MNIST-sized rows
 * through a 784 → 256 layer; NT and TN are the same m, k, n with the operand stored transposed, as in the backward
 * pass), on 1 and 2 threads:
 *
 * <ul>
 *   <li>{@code java}: sgdlab's {@link GemmKernel} (the default backend; same bits for any thread count);</li>
 *   <li>{@code openblas}: {@link OpenBlasGemm} on {@code double[]} (copies through off-heap buffers, the cost of
 *       the array API);</li>
 *   <li>{@code openblasOffHeap}: the same {@code cblas_dgemm} on off-heap {@link DoublePointer}s, no copies (what
 *       numpy's {@code matmul} does on its own buffers: compare with bench/peers/gemm_numpy.py).</li>
 * </ul>
 *
 * Time per product in ms; GFLOP/s = 2mnk / time. bench/gemm.sh runs this and the numpy peer and prints the table.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar Gemm -f 1 -wi 3 -i 5
 * java --add-modules jdk.incubator.vector -jar sgdlab-bench/target/benchmarks.jar 'Gemm.*java' -p form=NN -p threads=1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GemmBenchmark {
    /** m x k x n. */
    @Param({"1024x1024x1024", "2000x784x256"})
    public String shape;

    /** op(A) op(B): NN, NT or TN. */
    @Param({"NN", "NT", "TN"})
    public String form;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private Transpose ta;
    private Transpose tb;
    private int lda;
    private int ldb;
    private double[] a;
    private double[] b;
    private double[] c;
    private GemmKernel java;
    private OpenBlasGemm blas;
    private DoublePointer ap;
    private DoublePointer bp;
    private DoublePointer cp;

    @Setup(Level.Trial)
    public void setUp() {
        String[] mkn = shape.split("x");
        m = Integer.parseInt(mkn[0]);
        k = Integer.parseInt(mkn[1]);
        n = Integer.parseInt(mkn[2]);
        ta = Transpose.valueOf(form.substring(0, 1));
        tb = Transpose.valueOf(form.substring(1, 2));
        lda = ta == Transpose.N ? k : m;
        ldb = tb == Transpose.N ? n : k;
        RandomStream rnd = new RandomStream(13);
        a = rnd.gaussians(new double[m * k]);
        b = rnd.gaussians(new double[k * n]);
        c = new double[m * n];
        java = GemmKernel.get();
    }

    /** The native library is loaded only by the benchmarks that use it. */
    private OpenBlasGemm blas() {
        if (blas == null) {
            blas = new OpenBlasGemm();
            ap = new DoublePointer(a);
            bp = new DoublePointer(b);
            cp = new DoublePointer((long) m * n);
        }
        return blas;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ap != null) {
            ap.close();
            bp.close();
            cp.close();
        }
    }

    @Benchmark
    public double[] java() {
        java.gemm(false, ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, threads);
        return c;
    }

    @Benchmark
    public double[] openblas() {
        blas().gemm(false, ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, threads);
        return c;
    }

    @Benchmark
    public DoublePointer openblasOffHeap() {
        blas().gemm(false, ta, tb, m, n, k, ap, lda, bp, ldb, cp, n, threads);
        return cp;
    }

    /** Prints the OpenBLAS backend's provenance line (its kernel), which bench/gemm.sh records next to the figures. */
    public static final class Describe {
        private Describe() {
        }

        public static void main(String[] args) {
            System.out.println(new OpenBlasGemm().describe());
        }
    }
}
