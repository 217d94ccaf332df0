import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphMetrics;
import java.awt.font.GlyphVector;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes sgdlab's chart glyph table (read by org.sgdlab.report.GlyphFont) from DejaVu Sans and DejaVu Sans Bold:
 * for a fixed character set, each glyph's outline and advance width in font units, and each face's ascent, descent
 * and leading. See tools/glyphs/README.md for how to run it and
 * sgdlab-report/src/main/resources/org/sgdlab/report/glyphs/README.md for the fonts, their licence and the format.
 *
 * <p>Usage: {@code java tools/glyphs/MakeGlyphTable.java REGULAR.ttf BOLD.ttf OUT.bin}
 */
public final class MakeGlyphTable {

    /** File format version written after the magic number; GlyphFont refuses any other. */
    static final int VERSION = 1;
    static final int MAGIC = 0x53474C59; // "SGLY"
    /** Glyphs are read at this size in pixels, which equals DejaVu's units per em: one pixel is one font unit. */
    static final int UNITS_PER_EM = 2048;

    /** Path segment codes, one byte each, followed by their coordinates. */
    static final int MOVE = 0, LINE = 1, QUAD = 2, CUBIC = 3, CLOSE = 4, END = 5;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java MakeGlyphTable.java REGULAR.ttf BOLD.ttf OUT.bin");
            System.exit(2);
        }
        TreeSet<Integer> chars = characterSet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
        out.writeShort(UNITS_PER_EM);
        out.writeByte(2);
        for (int i = 0; i < 2; i++) {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new File(args[i])).deriveFont((float) UNITS_PER_EM);
            writeFace(out, font, chars, Path.of(args[i]));
        }
        out.flush();
        Files.write(Path.of(args[2]), bytes.toByteArray());
        System.err.printf("wrote %s: %d bytes%n", args[2], bytes.size());
    }

    /**
     * The characters of the table: printable ASCII and Latin-1, Latin letters with the accents sgdlab's labels use,
     * combining accents, Greek, the super- and subscripts and the punctuation, arrows and mathematical symbols of
     * sgdlab's chart titles, axis titles and legends (a test in sgdlab-report checks that every character of those
     * strings in the sources is here).
     */
    static TreeSet<Integer> characterSet() {
        TreeSet<Integer> s = new TreeSet<>();
        range(s, 0x20, 0x7E); // printable ASCII
        range(s, 0xA0, 0xFF); // Latin-1: ± ² ³ ¹ ½ ¼ ¾ § ° × ÷ µ ö ...
        for (int c : "ĀāĂăĉĈĝĜĥĤĵĴŵŴŷŶĉȲȳẇẋẏẊẎẆĩĨũŨŌōŪūĒēĪīṽẽỹ".codePoints().toArray()) {
            s.add(c);
        }
        range(s, 0x0300, 0x030C); // combining grave, acute, circumflex, tilde, macron, ..., dot above, diaeresis
        range(s, 0x0391, 0x03A9); // Greek capitals
        range(s, 0x03B1, 0x03C9); // Greek small letters
        for (int c : "ϑϕϵϱϖ".codePoints().toArray()) {
            s.add(c);
        }
        range(s, 0x02B0, 0x02E4); // spacing modifier letters: ʰ ʲ ʳ ʷ ʸ ˡ ˢ ˣ ′-like marks
        range(s, 0x1D2C, 0x1D6A); // modifier capitals and small letters: ᵀ ᵏ ᵗ ᵈ ᵢ ᵣ ᵤ ᵥ ...
        s.add(0x2C7C); // ⱼ
        range(s, 0x2070, 0x209C); // superscripts and subscripts: ⁰ ⁴-⁹ ⁺ ⁻ ⁼ ⁽ ⁾ ⁿ ₀-₉ ₊ ₋ ₐ ₑ ₒ ₓ ₖ ₗ ₘ ₙ ₚ ₛ ₜ
        for (int c : "‐‑‒–—―‖‘’‚“”„†‡•…‰′″‴⁄‹›".codePoints().toArray()) {
            s.add(c);
        }
        for (int c : "ℓℝℕℤℚℂℙℰℒ℘№™Ω".codePoints().toArray()) {
            s.add(c);
        }
        range(s, 0x2190, 0x2199); // ← ↑ → ↓ ↔ ↕ ↖ ↗ ↘ ↙
        for (int c : "↦⇒⇐⇔⇑⇓".codePoints().toArray()) {
            s.add(c);
        }
        for (int c : ("∀∂∃∄∅∆∇∈∉∋∏∐∑−∓∔∕∖∗∘∙√∛∜∝∞∟∠∣∤∥∦∧∨∩∪∫∬∮∴∵∶∷∼∽≀≃≅≈≉≍≐≔≕≜≝≟≠≡≢≤≥≦≧≪≫≲≳≺≻≼≽"
                + "⊂⊃⊄⊅⊆⊇⊈⊉⊊⊋⊎⊏⊐⊑⊒⊓⊔⊕⊖⊗⊘⊙⊚⊛⊝⊞⊟⊠⊡⊢⊣⊤⊥⊨⊲⊳⊴⊵⊸⋀⋁⋂⋃⋄⋅⋆⋮⋯⋰⋱").codePoints().toArray()) {
            s.add(c); // the mathematical operators a label may use
        }
        for (int c : "⌈⌉⌊⌋⟨⟩⟦⟧⪯⪰⪅⪆□■○●△▲▽▼◇◆✓✗⚠".codePoints().toArray()) {
            s.add(c);
        }
        return s;
    }

    private static void range(TreeSet<Integer> s, int from, int to) {
        for (int c = from; c <= to; c++) {
            s.add(c);
        }
    }

    /**
     * One face: its line metrics, its glyph index (code point, advance, offset of the outline) and the outlines. A
     * character the face has no glyph for is left out (a string with it is drawn with Java2D's font instead).
     */
    private static void writeFace(DataOutputStream out, Font font, TreeSet<Integer> chars, Path file)
            throws Exception {
        FontRenderContext frc = new FontRenderContext(null, true, true); // antialiased, fractional metrics: as charts
        LineMetrics lm = font.getLineMetrics("Hg", frc);
        out.writeFloat(lm.getAscent());
        out.writeFloat(lm.getDescent());
        out.writeFloat(lm.getLeading());
        List<Integer> kept = new ArrayList<>();
        List<Integer> advances = new ArrayList<>();
        ByteArrayOutputStream outlines = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(outlines);
        List<Integer> offsets = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int c : chars) {
            if (!Character.isDefined(c) || font.canDisplayUpTo(new String(Character.toChars(c))) != -1) {
                missing.add(c);
                continue;
            }
            GlyphVector gv = font.createGlyphVector(frc, new String(Character.toChars(c)));
            if (gv.getNumGlyphs() != 1) {
                missing.add(c);
                continue;
            }
            GlyphMetrics gm = gv.getGlyphMetrics(0);
            float adv = gm.getAdvanceX();
            if (adv != Math.rint(adv)) {
                throw new IllegalStateException("advance of U+" + Integer.toHexString(c) + " not whole: " + adv);
            }
            kept.add(c);
            advances.add((int) adv);
            offsets.add(outlines.size());
            writeOutline(o, gv.getGlyphOutline(0).getPathIterator(new AffineTransform()), c);
        }
        o.flush();
        out.writeInt(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            out.writeInt(kept.get(i));
            out.writeShort(advances.get(i));
            out.writeInt(offsets.get(i));
        }
        out.writeInt(outlines.size());
        out.write(outlines.toByteArray());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        System.err.printf("%s (%s, sha256 %s): %d glyphs, %d outline bytes; ascent %.3f descent %.3f leading %.3f;"
                        + " not in the font: %s%n", file, font.getFontName(), sha, kept.size(), outlines.size(),
                lm.getAscent(), lm.getDescent(), lm.getLeading(), names(missing));
    }

    /**
     * Segments as a code byte and, per point, x then y as the difference from the previous point of the glyph (from
     * (0, 0) for its first point), in half font units (TrueType's implied on-curve points fall on halves), y down;
     * each difference zigzag-encoded ({@code (v << 1) ^ (v >> 31)}: small magnitudes of either sign become small
     * numbers) and written as a base-128 varint (7 bits per byte, low bits first, high bit set on all but the last).
     */
    private static void writeOutline(DataOutputStream o, PathIterator it, int c) throws IOException {
        float[] p = new float[6];
        int lastX = 0;
        int lastY = 0;
        for (; !it.isDone(); it.next()) {
            int type = it.currentSegment(p);
            int n;
            switch (type) {
                case PathIterator.SEG_MOVETO -> { o.writeByte(MOVE); n = 1; }
                case PathIterator.SEG_LINETO -> { o.writeByte(LINE); n = 1; }
                case PathIterator.SEG_QUADTO -> { o.writeByte(QUAD); n = 2; }
                case PathIterator.SEG_CUBICTO -> { o.writeByte(CUBIC); n = 3; }
                case PathIterator.SEG_CLOSE -> { o.writeByte(CLOSE); n = 0; }
                default -> throw new IllegalStateException("segment type " + type);
            }
            for (int k = 0; k < n; k++) {
                int x = half(p[2 * k], c);
                int y = half(p[2 * k + 1], c);
                writeVarint(o, x - lastX);
                writeVarint(o, y - lastY);
                lastX = x;
                lastY = y;
            }
        }
        o.writeByte(END);
    }

    private static int half(float v, int c) {
        float h = 2 * v;
        if (h != Math.rint(h) || Math.abs(h) > 1 << 20) {
            throw new IllegalStateException("U+" + Integer.toHexString(c) + ": coordinate " + v
                    + " is not a multiple of half a font unit");
        }
        return (int) h;
    }

    private static void writeVarint(DataOutputStream o, int v) throws IOException {
        int z = (v << 1) ^ (v >> 31);
        while ((z & ~0x7F) != 0) {
            o.writeByte((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        o.writeByte(z);
    }

    private static String names(List<Integer> cps) {
        StringBuilder b = new StringBuilder();
        for (int c : cps) {
            b.append(String.format("U+%04X ", c));
        }
        return b.length() == 0 ? "none" : b.toString().trim();
    }
}
