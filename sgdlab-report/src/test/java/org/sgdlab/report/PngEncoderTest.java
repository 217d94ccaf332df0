package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link PngEncoder} against an independent decoder (ImageIO's PNG reader), pixel for pixel. */
class PngEncoderTest {

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "ImageIO cannot decode the PNG");
        return img;
    }

    /** Random pixels (the worst case for "Up") and odd sizes, including one row and one column. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void randomImagesDecodeToTheSamePixels(int seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int w = seed == 1 ? 1 : 1 + rng.nextInt(97);
        int h = seed == 2 ? 1 : 1 + rng.nextInt(53);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt(3) == 0 ? 0xffffff : rng.nextInt(1 << 24));
            }
        }
        BufferedImage back = decode(PngEncoder.encode(img));
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
        assertArrayEquals(pixels(img), pixels(back));
    }

    /** A real chart: same pixels as ImageIO's own encoder gives back, and the file is not much larger than its. */
    @Test
    void chartDecodesToTheSamePixelsAsImageIosEncoding() throws IOException {
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-0.03 * i) + 0.01;
        }
        BufferedImage chart = new ChartPainter(Plots.WIDTH, Plots.HEIGHT).paint("loss", "step", "loss", true, true,
                List.of(Plots.series("loss", x, y, true, true)));
        byte[] ours = PngEncoder.encode(chart);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        ImageIO.write(chart, "png", theirs);
        assertArrayEquals(pixels(decode(theirs.toByteArray())), pixels(decode(ours)));
        assertArrayEquals(pixels(chart), pixels(decode(ours)));
        assertTrue(ours.length < 2 * theirs.size(), ours.length + " bytes against ImageIO's " + theirs.size());
    }

    /** The plain "Up" filter, pixel by pixel (PNG spec §9.2): the reference of {@link PngEncoder#filteredScanlines}. */
    private static byte[] naiveUp(int[] pixels, int w, int h) {
        byte[] raw = new byte[(1 + 3 * w) * h];
        int at = 0;
        for (int y = 0; y < h; y++) {
            raw[at++] = 2;
            for (int x = 0; x < w; x++) {
                int rgb = pixels[y * w + x];
                int up = y == 0 ? 0 : pixels[(y - 1) * w + x];
                for (int shift = 16; shift >= 0; shift -= 8) {
                    raw[at++] = (byte) (((rgb >>> shift) & 0xff) - ((up >>> shift) & 0xff));
                }
            }
        }
        return raw;
    }

    /**
     * The filter that skips pixels equal to the one above gives the plain filter's bytes: on sparse images (rows
     * equal to the one above, lone differing pixels at the row ends, runs), random ones, and a chart.
     */
    @Test
    void runFilterEqualsThePlainFilter() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 40; k++) {
            int w = 1 + rng.nextInt(70);
            int h = 1 + rng.nextInt(30);
            int[] px = new int[w * h];
            java.util.Arrays.fill(px, 0xffffff);
            int changes = k % 4 == 0 ? w * h : rng.nextInt(1 + w * h / 8);
            for (int c = 0; c < changes; c++) {
                int at = rng.nextInt(w * h);
                int len = 1 + rng.nextInt(Math.min(5, w * h - at));
                for (int i = 0; i < len; i++) {
                    px[at + i] = k % 4 == 0 ? rng.nextInt(1 << 24) : rng.nextInt(4) == 0 ? 0xffffff : rng.nextInt(1 << 24);
                }
            }
            if (k % 5 == 1) {
                px[0] = 0x123456; // the first and last pixel of the image differ
                px[w * h - 1] = 0x654321;
            }
            assertArrayEquals(naiveUp(px, w, h), PngEncoder.filteredScanlines(px, w, w, h), "image " + k);
        }
        double[] x = {1, 10, 100, 1000};
        double[] y = {1, 0.3, 0.01, 1e-4};
        BufferedImage chart = new ChartPainter(Plots.WIDTH, Plots.HEIGHT).paint("‖w_t‖ and the loss", "step t", "loss",
                true, true, List.of(Plots.series("loss", x, y, true, true), Plots.series("‖w‖", x, x, true, true)));
        int[] px = ((java.awt.image.DataBufferInt) chart.getRaster().getDataBuffer()).getData();
        assertArrayEquals(naiveUp(px, Plots.WIDTH, Plots.HEIGHT),
                PngEncoder.filteredScanlines(px, Plots.WIDTH, Plots.WIDTH, Plots.HEIGHT));
    }

    /** The datastream's structure (PNG spec §5): signature, IHDR first with its fields, IEND last, valid CRCs. */
    @Test
    void chunksHaveTheSpecifiedLayoutAndCrcs() {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        byte[] png = PngEncoder.encode(img);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8));
        int at = 8;
        StringBuilder types = new StringBuilder();
        while (at < png.length) {
            int len = readInt(png, at);
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + len);
            assertEquals((int) crc.getValue(), readInt(png, at + 8 + len), "CRC of " + type);
            if (type.equals("IHDR")) {
                assertEquals(13, len);
                assertEquals(5, readInt(png, at + 8));
                assertEquals(3, readInt(png, at + 12));
                assertEquals(8, png[at + 16]);
                assertEquals(2, png[at + 17]);
            }
            types.append(type).append(' ');
            at += 12 + len;
        }
        assertEquals(png.length, at);
        assertEquals("IHDR IDAT IEND ", types.toString());
    }

    @Test
    void otherImageTypesAreRefusedByName() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PngEncoder.encode(argb));
        assertTrue(e.getMessage().contains("TYPE_INT_RGB"), e.getMessage());
        BufferedImage sub = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB).getSubimage(1, 1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.encode(sub));
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
