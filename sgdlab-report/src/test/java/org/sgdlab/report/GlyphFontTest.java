package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Chart text from the bundled DejaVu outlines: metrics, pixels, coverage of sgdlab's chart strings, fallback. */
class GlyphFontTest {

    private static final Path REGULAR_TTF = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final Path BOLD_TTF = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    private static final List<String> SAMPLES = List.of("loss", "step t", "‖w_t‖", "relative distance / angle (rad)",
            "10⁻³", "2×10⁴", "−0.5", "sharpness λ_max(∇²L) (2/η = 2.5)", "E‖x_T‖² ≤ 8π⁴ρ²λη", "⟨w, ∇L⟩ = 0",
            "WAVE Type AV To", "min-norm.gd: ‖w_t − w*‖/‖w*‖, w* = w0 + X⁺(y − Xw0)", "1.5e-12 … ∞", "");

    /** Sum of the table's advances of {@code s} at {@code size}, rounded as Java2D rounds stringWidth. */
    private static int naiveWidth(GlyphFont f, String s) {
        GlyphFont.Face face = f.isBold() ? boldFace() : regularFace();
        double w = 0;
        for (int c : s.codePoints().toArray()) {
            w += face.advance[face.index(c)] * (double) f.size() / GlyphFont.UNITS_PER_EM;
        }
        return (int) (0.5 + w);
    }

    private static GlyphFont.Face regularFace() {
        return faceOf(GlyphFont.plain(12));
    }

    private static GlyphFont.Face boldFace() {
        return faceOf(GlyphFont.bold(12));
    }

    private static GlyphFont.Face faceOf(GlyphFont f) {
        try {
            var m = GlyphFont.class.getDeclaredMethod("face");
            m.setAccessible(true);
            return (GlyphFont.Face) m.invoke(f);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void widthIsTheSumOfTheAdvancesAtEverySize() {
        for (float size = 10; size <= 15; size++) {
            for (GlyphFont f : List.of(GlyphFont.plain(size), GlyphFont.bold(size))) {
                for (String s : SAMPLES) {
                    assertTrue(f.covers(s), s);
                    assertEquals(naiveWidth(f, s), f.stringWidth(s), s + " at " + size + (f.isBold() ? " bold" : ""));
                }
            }
        }
        assertEquals(0, GlyphFont.plain(12).stringWidth(""));
        // "H" is 1540 font units wide in DejaVu Sans, 1714 in DejaVu Sans Bold: 1540 × 12 / 2048 = 9.02 → 9
        assertEquals(9, GlyphFont.plain(12).stringWidth("H"));
        assertEquals(10, GlyphFont.bold(12).stringWidth("H"));
        assertEquals(90, GlyphFont.plain(12).stringWidth("HHHHHHHHHH")); // 90.2: rounded once, not per glyph
    }

    /** Same numbers as Java2D's FontMetrics of the fonts the table came from, so charts keep their layout. */
    @Test
    void metricsEqualJava2dsForTheSameFonts() throws Exception {
        assumeTrue(Files.isReadable(REGULAR_TTF) && Files.isReadable(BOLD_TTF), "DejaVu fonts not installed");
        Font regular = Font.createFont(Font.TRUETYPE_FONT, REGULAR_TTF.toFile());
        Font bold = Font.createFont(Font.TRUETYPE_FONT, BOLD_TTF.toFile());
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        for (float size = 10; size <= 15; size++) {
            for (boolean isBold : new boolean[] {false, true}) {
                FontMetrics fm = g.getFontMetrics((isBold ? bold : regular).deriveFont(size));
                GlyphFont f = isBold ? GlyphFont.bold(size) : GlyphFont.plain(size);
                String at = size + (isBold ? " bold" : "");
                assertEquals(fm.getAscent(), f.ascent(), at);
                assertEquals(fm.getDescent(), f.descent(), at);
                assertEquals(fm.getHeight(), f.height(), at);
                for (String s : SAMPLES) {
                    assertEquals(fm.stringWidth(s), f.stringWidth(s), s + " at " + at);
                }
            }
        }
        g.dispose();
    }

    private static BufferedImage white(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Graphics2D pen(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.BLACK);
        return g;
    }

    /** Darkness 0 (white) … 255 (black) of a grey pixel. */
    private static int ink(BufferedImage img, int x, int y) {
        return 255 - (img.getRGB(x, y) & 0xff);
    }

    /**
     * DejaVu Sans' "H" (its outline in the TTF: box x 201…1339, y 0…1493 font units up from the baseline; stems
     * x 201…403 and 1137…1339, bar y 711…881) at 40.96 px per em (1 unit = 1/50 px) from baseline origin (20, 60):
     * ink in the box, none outside it, solid stems and bar, white counters.
     */
    @Test
    void anHCoversItsBoxAndNothingElse() {
        BufferedImage img = white(80, 80);
        Graphics2D g = pen(img);
        GlyphFont.plain(2048f / 50).draw(g, "H", 20, 60); // 40.96 px per em: 1 unit = 1/50 px
        g.dispose();
        double u = 1 / 50.0;
        double x0 = 20 + 201 * u;
        double x1 = 20 + 1339 * u;
        double top = 60 - 1493 * u;
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                boolean inBox = x + 1 > x0 && x < x1 && y + 1 > top && y < 60;
                if (!inBox) {
                    assertEquals(0, ink(img, x, y), "ink outside the box at " + x + "," + y);
                }
            }
        }
        int stemL = (int) (20 + 302 * u);
        int stemR = (int) (20 + 1238 * u);
        int mid = (int) (20 + 770 * u);
        for (int y = (int) top + 1; y < 59; y++) {
            assertEquals(255, ink(img, stemL, y), "left stem at y " + y);
            assertEquals(255, ink(img, stemR, y), "right stem at y " + y);
        }
        assertEquals(255, ink(img, mid, (int) (60 - 796 * u)), "bar");
        assertEquals(0, ink(img, mid, (int) (60 - 1200 * u)), "upper counter");
        assertEquals(0, ink(img, mid, (int) (60 - 300 * u)), "lower counter");
    }

    /**
     * The same string drawn by Java2D with the font the table came from: the same ink (within 4 % of total darkness:
     * size and weight) in the same box (within a pixel: baseline and spacing).
     */
    @Test
    void textLooksLikeJava2dsOfTheSameFont() throws Exception {
        assumeTrue(Files.isReadable(REGULAR_TTF) && Files.isReadable(BOLD_TTF), "DejaVu fonts not installed");
        for (boolean isBold : new boolean[] {false, true}) {
            Font awt = Font.createFont(Font.TRUETYPE_FONT, (isBold ? BOLD_TTF : REGULAR_TTF).toFile());
            for (float size : new float[] {10, 12, 15}) {
                for (String s : List.of("sharpness λ_max(∇²L) (2/η = 2.5)", "‖w_t − w*‖/‖w*‖", "1e-12 10⁻³ 2×10⁴")) {
                    BufferedImage ours = white(400, 40);
                    Graphics2D g = pen(ours);
                    (isBold ? GlyphFont.bold(size) : GlyphFont.plain(size)).draw(g, s, 5, 25);
                    g.dispose();
                    BufferedImage java2d = white(400, 40);
                    g = pen(java2d);
                    g.setFont(awt.deriveFont(size));
                    g.drawString(s, 5f, 25f);
                    g.dispose();
                    String at = s + " at " + size + (isBold ? " bold" : "");
                    double a = totalInk(ours);
                    double b = totalInk(java2d);
                    assertTrue(Math.abs(a - b) <= 0.04 * b, at + ": ink " + a + " vs Java2D's " + b);
                    int[] ba = inkBox(ours);
                    int[] bb = inkBox(java2d);
                    for (int k = 0; k < 4; k++) {
                        assertTrue(Math.abs(ba[k] - bb[k]) <= 1, at + ": box " + java.util.Arrays.toString(ba)
                                + " vs Java2D's " + java.util.Arrays.toString(bb));
                    }
                }
            }
        }
    }

    private static double totalInk(BufferedImage img) {
        double t = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                t += ink(img, x, y);
            }
        }
        return t;
    }

    /** {minX, minY, maxX, maxY} of pixels with more than a quarter ink. */
    private static int[] inkBox(BufferedImage img) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (ink(img, x, y) > 64) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    /** A combining tilde goes over its letter, and over a capital higher than over a small letter. */
    @Test
    void combiningMarksSitOverTheirLetter() {
        GlyphFont f = GlyphFont.plain(40);
        assertEquals(f.stringWidth("w"), f.stringWidth("w\u0303"), "a mark does not advance");
        Rectangle2D w = f.outline("w", 0, 0).getBounds2D();
        Rectangle2D wTilde = f.outline("w\u0303", 0, 0).getBounds2D();
        Rectangle2D capital = f.outline("W\u0303", 0, 0).getBounds2D();
        Rectangle2D bigW = f.outline("W", 0, 0).getBounds2D();
        assertTrue(wTilde.getMinY() < w.getMinY() - 3, "tilde above the w: " + wTilde + " vs " + w);
        assertTrue(wTilde.getMinX() >= w.getMinX() && wTilde.getMaxX() <= w.getMaxX(), "tilde within the w's width");
        assertTrue(capital.getMinY() < bigW.getMinY() - 3, "tilde above the W: " + capital + " vs " + bigW);
    }

    /**
     * A character the table lacks ('Ж', which DejaVu Sans has) sends the whole string to Java2D's sans-serif font,
     * measured and drawn by it.
     */
    @Test
    void charactersOutsideTheTableFallBackToJava2d() {
        GlyphFont f = GlyphFont.plain(12);
        String s = "Жw = 1";
        assertFalse(f.covers(s));
        assertTrue(f.covers("w = 1"));
        Graphics2D g0 = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g0.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g0.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        assertEquals(g0.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth(s), f.stringWidth(s));
        g0.dispose();
        assertEquals(Font.SANS_SERIF, f.fallbackFont().getName());
        assertEquals(Font.BOLD, GlyphFont.bold(13).fallbackFont().getStyle());
        assertEquals(13f, GlyphFont.bold(13).fallbackFont().getSize2D());
        BufferedImage img = white(100, 30);
        Graphics2D g = pen(img);
        f.draw(g, s, 5, 20);
        g.dispose();
        int[] box = inkBox(img);
        assertTrue(box[2] >= 5 + f.stringWidth(s) - 3 && box[0] <= 6, "drawn across its width: "
                + java.util.Arrays.toString(box));
        assertTrue(box[1] >= 20 - f.ascent() && box[3] <= 20 + f.descent(), "on its baseline");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Coverage of the strings sgdlab puts in charts

    /** Main sources that build charts' strings: every file of the modules with plots that mentions PlotSpec. */
    private static List<Path> chartSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (String module : List.of("sgdlab-theory", "sgdlab-cli", "sgdlab-spark", "sgdlab-report")) {
            Path dir = root.resolve(module).resolve("src/main/java");
            assumeTrue(Files.isDirectory(dir), "sources not found: " + dir);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String text = Files.readString(p);
                    boolean reportChartCode = module.equals("sgdlab-report") && List.of("Plots.java", "AxisTicks.java",
                            "ChartPainter.java", "PlotSpec.java").contains(p.getFileName().toString());
                    if (reportChartCode || !module.equals("sgdlab-report") && text.contains("PlotSpec")) {
                        files.add(p);
                    }
                }
            }
        }
        assertTrue(files.size() > 40, "found only " + files.size() + " files building charts");
        return files;
    }

    /**
     * Every character of every string literal in the sources that build charts (titles, axis titles, legends, the
     * tick labels' superscripts, "(no data)", "…") has a glyph in both faces, so that {@code check} and {@code train}
     * never reach Java2D's fonts. Left out: literals with CJK characters (quoted source statements in Chinese, shown
     * on the HTML page, never in a chart) and the literals listed in {@link #NOT_CHART_TEXT}; a chart string with
     * such a character would still be drawn, by the fallback.
     */
    @Test
    void everyCharacterOfChartStringsInTheSourcesIsInTheTable() throws IOException {
        TreeMap<Integer, String> missing = new TreeMap<>();
        int literals = 0;
        for (Path p : chartSources()) {
            Integer notChart = NOT_CHART_TEXT.get(p.getFileName().toString());
            for (String lit : JavaLiterals.strings(Files.readString(p))) {
                if (lit.codePoints().anyMatch(GlyphFontTest::isCjk) || notChart != null && lit.indexOf(notChart) >= 0) {
                    continue;
                }
                literals++;
                for (int c : lit.codePoints().toArray()) {
                    if (c == '\n' || c == '\t') {
                        continue; // not drawn: titles are split into words, labels are one line
                    }
                    String one = new String(Character.toChars(c));
                    if (!GlyphFont.plain(12).covers(one) || !GlyphFont.bold(12).covers(one)) {
                        missing.putIfAbsent(c, p.getFileName() + ": \"" + lit + "\"");
                    }
                }
            }
        }
        assertTrue(literals > 2000, "read only " + literals + " literals");
        assertTrue(missing.isEmpty(), () -> {
            StringBuilder b = new StringBuilder("characters of chart sources not in the glyph table:\n");
            missing.forEach((c, where) -> b.append(String.format("U+%04X %s in %s%n", c, Character.getName(c), where)));
            return b.toString();
        });
    }

    /**
     * Literals that hold a character DejaVu Sans has no glyph for and that are never chart text: per file, the
     * character. LossTableClaim's ✅ (U+2705, an emoji) is in its Row.sourceSays, the source's table quoted in the
     * claim's text table.
     */
    private static final java.util.Map<String, Integer> NOT_CHART_TEXT = java.util.Map.of("LossTableClaim.java", 0x2705);

    private static boolean isCjk(int c) {
        return c >= 0x3000 && c <= 0x9FFF || c >= 0xFF00 && c <= 0xFFEF;
    }

    @Test
    void literalsAreReadWithTheirEscapes() {
        assertEquals(List.of("a\"b", "x\u2212y", "‖w‖", "tab\tend"), JavaLiterals.strings(
                "f(\"a\\\"b\", \"x\\u2212y\"); // \"not this\"\n/* \"nor this\" */ g('\"', \"‖w‖\", \"tab\\tend\");"));
        assertEquals(List.of("line one\nline two\n"), JavaLiterals.strings("s = \"\"\"\n    line one\n    line two\n    \"\"\";"));
    }

    /** The renderer's own strings and every number format of the tick labels are covered too. */
    @Test
    void tickLabelsAndHumanizedNamesAreInTheTable() {
        GlyphFont f = GlyphFont.plain(12);
        for (double[] r : new double[][] {{1e-300, 1e300}, {-1e-7, 3e-7}, {0.078, 0.12}, {-5, 5}, {1, 2}, {1e5, 1e9}}) {
            for (boolean log : new boolean[] {false, true}) {
                if (log && r[0] <= 0) {
                    continue;
                }
                for (AxisTicks.Tick t : AxisTicks.layout(r[0], r[1], log, 600, f::stringWidth).ticks()) {
                    assertTrue(f.covers(t.label()), t.label());
                }
            }
        }
        for (String name : List.of("alpha", "beta", "gamma", "delta", "eps", "eta", "theta", "kappa", "lambda", "mu",
                "rho", "sigma", "tau", "sharpness_eta0.2")) {
            assertTrue(f.covers(Plots.humanize(name)), name);
        }
    }

    @Test
    void theFontsLicenceShipsBesideTheTable() throws IOException {
        try (var in = GlyphFont.class.getResourceAsStream("glyphs/LICENSE")) {
            assertTrue(in != null, "glyphs/LICENSE is missing");
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("Copyright (c) 2003 by Bitstream, Inc.") && text.contains("DejaVu changes are in"
                    + " public domain") && text.contains("Copyright (c) 2006 by Tavmjong Bah"), text);
        }
    }
}
