package org.sgdlab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sgdlab.data.Dataset;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * The benchmark data and its file format, shared by the JMH benchmarks, {@link GdLoop}, {@link Workloads} and
 * the peer scripts in {@code bench/peers/} ({@code benchio.py}).
 *
 * <p>Main data set ({@link #gaussianClouds}): two Gaussian clouds, n/2 samples with label +1 around +μ and n/2 with label −1 around
 * −μ, where μ = (4/√d)·(1, …, 1) (so ‖μ‖ = 4) and the noise is N(0, I_d), all scaled by 1/√n:
 * xᵢ = (yᵢμ + εᵢ)/√n. Drawn from a seeded {@link RandomStream}; rows alternate +1, −1, +1, …
 *
 * <p>Why 1/√n: with the summed loss (source 001's {@code Reduction.SUM}) the Hessian at 0 is ¼XᵀX, whose
 * largest eigenvalue is ≈ n(‖μ‖² + 1)/4 for unscaled clouds, so η = 0.1 would be ~40× (n = 100) to
 * ~4000× (n = 10⁴) past GD's classical stability bound 2/L. The first step then throws some margins
 * below −709, where source 001's {@code exp(-z)/(1+exp(-z))} overflows to inf/inf = NaN (sgdlab's
 * stable form does not). Scaling by 1/√n makes ηL ≈ 0.43 for every n: w grows like log t, the
 * gradient weights stay in the normal floating-point range, and every row contributes to every step.
 *
 * <p>File format ({@code .bin}), all little-endian: the 8 ASCII bytes {@code SGDLABD1}, int64 n,
 * int64 d, then X as n·d float64 row-major, then y as n float64. A parameter vector is stored as
 * {@code SGDLABW1}, int64 d, then d float64. numpy reads both with {@code np.fromfile}.
 */
public final class BenchData {
    static final byte[] DATA_MAGIC = "SGDLABD1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] W_MAGIC = "SGDLABW1".getBytes(StandardCharsets.US_ASCII);

    /** Norm of the class mean μ. */
    public static final double MEAN_NORM = 4.0;

    private BenchData() {
    }

    /** The two-cloud data set described in the class comment. */
    public static Dataset gaussianClouds(int n, int d, long seed) {
        RandomStream rng = new RandomStream(seed);
        double mu = MEAN_NORM / Math.sqrt(d);
        double scale = 1.0 / Math.sqrt(n);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double yi = (i % 2 == 0) ? 1.0 : -1.0;
            y[i] = yi;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (yi * mu + rng.nextGaussian()) * scale;
            }
        }
        return new Dataset("gaussian-clouds(n=" + n + ", d=" + d + ", seed=" + seed + ")", new Matrix(n, d, x), y);
    }

    /**
     * Linearly separable data for the hard-margin SVM rows: xᵢ ~ N(0, I_d), a hidden unit normal u ~ uniform on
     * the sphere, yᵢ = sign⟨u, xᵢ⟩, and points with |⟨u, xᵢ⟩| &lt; {@code gap} are redrawn, so the data are
     * separable through the origin (hence also with an intercept): u itself separates them with geometric margin
     * ≥ gap. The max-margin separator then has a few dozen support vectors (at most d + 1 in general position).
     */
    public static Dataset separable(int n, int d, double gap, long seed) {
        RandomStream rng = new RandomStream(seed);
        double[] u = rng.gaussians(new double[d]);
        double norm = Math.sqrt(org.sgdlab.linalg.Kernels.dot(u, u));
        for (int j = 0; j < d; j++) {
            u[j] /= norm;
        }
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            double s;
            do {
                rng.gaussians(row);
                s = org.sgdlab.linalg.Kernels.dot(u, row);
            } while (Math.abs(s) < gap);
            System.arraycopy(row, 0, x, i * d, d);
            y[i] = s > 0 ? 1.0 : -1.0;
        }
        return new Dataset("separable(n=" + n + ", d=" + d + ", gap=" + gap + ", seed=" + seed + ")",
                new Matrix(n, d, x), y);
    }

    /** X and y with i.i.d. N(0, 1) entries (the minimum-norm row: n &lt; d, so Xw = y has many solutions). */
    public static Dataset gaussian(int n, int d, long seed) {
        RandomStream rng = new RandomStream(seed);
        double[] x = rng.gaussians(new double[n * d]);
        double[] y = rng.gaussians(new double[n]);
        return new Dataset("gaussian(n=" + n + ", d=" + d + ", seed=" + seed + ")", new Matrix(n, d, x), y);
    }

    /** 002 Figure 8.1's data: X = [[1, 1, 1], [1, 2, 0]], y = (1, 10) (as in sgdlab-theory's SteepestFig81). */
    public static Dataset fig81() {
        return new Dataset("fig81", Matrix.of(new double[][] {{1, 1, 1}, {1, 2, 0}}), new double[] {1, 10});
    }

    /** Writes {@code data} in LIBSVM's text format ({@code label index:value ...}, 1-based, each value as Java's shortest round-trip decimal, so strtod reads back the same double). */
    public static void writeLibsvm(Dataset data, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        int d = data.d();
        double[] a = data.x().data();
        for (int i = 0; i < data.n(); i++) {
            sb.append(data.y()[i] > 0 ? "+1" : "-1");
            for (int j = 0; j < d; j++) {
                sb.append(' ').append(j + 1).append(':').append(a[i * d + j]);
            }
            sb.append('\n');
        }
        writeAtomically(sb.toString().getBytes(StandardCharsets.US_ASCII), file);
    }

    /** Writes {@code data} in the format of the class comment. */
    public static void write(Dataset data, Path file) throws IOException {
        int n = data.n();
        int d = data.d();
        ByteBuffer b = ByteBuffer.allocate(8 + 16 + 8 * (n * d + n)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(DATA_MAGIC).putLong(n).putLong(d);
        for (double v : data.x().data()) {
            b.putDouble(v);
        }
        for (double v : data.y()) {
            b.putDouble(v);
        }
        writeAtomically(b.array(), file);
    }

    /** Reads a file written by {@link #write}. */
    public static Dataset read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        checkMagic(b, DATA_MAGIC, file);
        long n = b.getLong();
        long d = b.getLong();
        if (n < 1 || d < 1 || n * d > Integer.MAX_VALUE || b.remaining() != 8 * (n * d + n)) {
            throw new IOException(file + ": header says n=" + n + ", d=" + d + " but " + b.remaining()
                    + " payload bytes follow");
        }
        double[] x = new double[(int) (n * d)];
        double[] y = new double[(int) n];
        b.asDoubleBuffer().get(x).get(y);
        return new Dataset(file.toString(), new Matrix((int) n, (int) d, x), y);
    }

    /** Writes a parameter vector. */
    public static void writeVector(double[] w, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(W_MAGIC).putLong(w.length);
        for (double v : w) {
            b.putDouble(v);
        }
        writeAtomically(b.array(), file);
    }

    /** Reads a parameter vector written by {@link #writeVector} (or by the peer scripts in bench/peers). */
    public static double[] readVector(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        checkMagic(b, W_MAGIC, file);
        long d = b.getLong();
        if (d < 0 || b.remaining() != 8 * d) {
            throw new IOException(file + ": header says d=" + d + " but " + b.remaining() + " payload bytes follow");
        }
        double[] w = new double[(int) d];
        b.asDoubleBuffer().get(w);
        return w;
    }

    private static void checkMagic(ByteBuffer b, byte[] magic, Path file) throws IOException {
        byte[] m = new byte[magic.length];
        if (b.remaining() < magic.length + 8) {
            throw new IOException(file + ": too short for a " + new String(magic, StandardCharsets.US_ASCII) + " file");
        }
        b.get(m);
        if (!java.util.Arrays.equals(m, magic)) {
            throw new IOException(file + ": expected magic " + new String(magic, StandardCharsets.US_ASCII)
                    + ", found " + new String(m, StandardCharsets.US_ASCII));
        }
    }

    private static void writeAtomically(byte[] bytes, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(bytes);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
