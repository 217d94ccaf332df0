package org.sgdlab.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Chart text without Java2D's font stack: strings measured and drawn from a bundled table of glyph outlines taken from
 * DejaVu Sans and DejaVu Sans Bold ({@code glyphs/dejavu-sans.bin} beside this class, written by
 * {@code tools/glyphs/MakeGlyphTable.java}; origin and licence in {@code glyphs/README.md} and
 * {@code glyphs/LICENSE}).
 *
 * <p>Why: in a fresh JVM the first {@code java.awt.Font} use initializes sun.font's font manager and fontconfig
 * configuration, whose string concatenations spin up dozens of method-handle classes the JDK 17 class-data archive
 * cannot hold: about 60 ms of a ~0.3 s {@code sgdlab train}, before the first chart can be drawn. Filling glyph
 * outlines as {@link Path2D} shapes needs only the rasterizer the charts' lines already use.
 *
 * <p>Units: the table holds advances and outlines in font units, {@value #UNITS_PER_EM} per em (outline points in
 * half units), y pointing down from the baseline. A font of size {@code s} is {@code s} pixels per em, as a Java2D
 * font of size {@code s} is at the identity transform, so one font unit is {@code s / 2048} pixels. The metrics are
 * those of Java2D's {@code FontMetrics} for the same font with fractional metrics (sun.font.FontDesignMetrics): with
 * {@code a}, {@code d}, {@code l} the face's ascent, descent and leading in pixels,
 * <pre>
 *   ascent = (int) (0.95 + a),  descent = (int) (0.95 + d),  height = ascent + (int) (0.95 + d + l),
 *   stringWidth(s) = (int) (0.5 + Σ advances of s's characters in pixels)
 * </pre>
 * so charts are laid out exactly as with Java2D's DejaVu Sans. Like Java2D's {@code drawString} without a kerning
 * attribute, no kerning is applied. A combining mark (U+0300…) has no advance; it is centred over the previous
 * glyph's outline and raised above it when that glyph is taller than the lower-case letters it was drawn for.
 *
 * <p>A string with a character the table lacks is measured and drawn with Java2D's {@link Font#SANS_SERIF} font of
 * the same style and size instead (created on first need: a chart whose text the table covers never loads
 * sun.font's font manager). Instances are immutable and may be shared between threads.
 */
final class GlyphFont {

    /** Font units per em of DejaVu Sans, the unit of the table's advances (outline points are in half units). */
    static final int UNITS_PER_EM = 2048;
    /** Java2D's rounding of fractional metrics to whole pixels (sun.font.FontDesignMetrics.roundingUpValue). */
    private static final float ROUND_UP = 0.95f;
    private static final String RESOURCE = "glyphs/dejavu-sans.bin";
    private static final int MAGIC = 0x53474C59; // "SGLY"
    private static final int VERSION = 1;
    private static final int MOVE = 0;
    private static final int LINE = 1;
    private static final int QUAD = 2;
    private static final int CUBIC = 3;
    private static final int CLOSE = 4;
    private static final int END = 5;

    private final boolean bold;
    private final float size;
    /** Java2D's font for strings the table does not cover; created on first need. */
    private volatile Font fallback;

    private GlyphFont(boolean bold, float size) {
        if (!(size > 0)) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.bold = bold;
        this.size = size;
    }

    /** DejaVu Sans at {@code size} pixels per em. */
    static GlyphFont plain(float size) {
        return new GlyphFont(false, size);
    }

    /** DejaVu Sans Bold at {@code size} pixels per em. */
    static GlyphFont bold(float size) {
        return new GlyphFont(true, size);
    }

    /** The same face at another size. */
    GlyphFont withSize(float newSize) {
        return new GlyphFont(bold, newSize);
    }

    float size() {
        return size;
    }

    boolean isBold() {
        return bold;
    }

    private Face face() {
        return bold ? Table.BOLD : Table.REGULAR;
    }

    /** Pixels per font unit. */
    private double scale() {
        return size / UNITS_PER_EM;
    }

    /** True when the table has a glyph for every character of {@code s}, so that no Java2D font is involved. */
    boolean covers(String s) {
        Face f = face();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (f.index(c) < 0) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** Pixels above the baseline for a line of this font, as {@code FontMetrics.getAscent()}. */
    int ascent() {
        return (int) (ROUND_UP + face().ascent * scale());
    }

    /** Pixels below the baseline, as {@code FontMetrics.getDescent()}. */
    int descent() {
        return (int) (ROUND_UP + face().descent * scale());
    }

    /** Distance between baselines, as {@code FontMetrics.getHeight()}. */
    int height() {
        return ascent() + (int) (ROUND_UP + (face().descent + face().leading) * scale());
    }

    /** Width of {@code s} in whole pixels, as {@code FontMetrics.stringWidth}: the sum of its advances, rounded. */
    int stringWidth(String s) {
        return (int) (0.5 + advance(s));
    }

    /** Width of {@code s} in pixels before rounding. */
    double advance(String s) {
        if (!covers(s)) {
            // the chart's text rendering context: antialiased, fractional metrics, identity transform
            return fallbackFont().getStringBounds(s, new FontRenderContext(null, true, true)).getWidth();
        }
        Face f = face();
        long units = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            units += f.advance[f.index(c)];
            i += Character.charCount(c);
        }
        return units * scale();
    }

    /**
     * Fills {@code s} with {@code g}'s paint, its baseline starting at ({@code x}, {@code y}) in {@code g}'s user
     * space (rotated text: rotate {@code g}). The origin is moved to the nearest whole device pixel, as Java2D places
     * its glyph images, so that baselines fall on pixel edges; the glyphs then follow at their exact advances.
     */
    void draw(Graphics2D g, String s, double x, double y) {
        if (!covers(s)) {
            g.setFont(fallbackFont());
            g.drawString(s, (float) x, (float) y);
            return;
        }
        Point2D origin = snapped(g.getTransform(), x, y);
        g.fill(outline(s, origin.getX(), origin.getY()));
    }

    /** The outline of {@code s} (covered by the table) with its baseline starting at ({@code x}, {@code y}). */
    Path2D.Float outline(String s, double x, double y) {
        Face f = face();
        double scale = scale();
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, 24 * s.length());
        double pen = x;
        int previous = -1;
        double previousPen = x;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int k = f.index(c);
            if (previous >= 0 && f.advance[k] == 0 && Character.getType(c) == Character.NON_SPACING_MARK) {
                double[] dx = f.markOffset(previous, k);
                f.append(path, k, previousPen + dx[0] * scale, y + dx[1] * scale, scale);
                continue; // a mark neither advances the pen nor becomes the base of the next mark's placement
            }
            f.append(path, k, pen, y, scale);
            previous = k;
            previousPen = pen;
            pen += f.advance[k] * scale;
        }
        return path;
    }

    /** ({@code x}, {@code y}) moved to the nearest whole pixel in device space, in user space. */
    private static Point2D snapped(AffineTransform t, double x, double y) {
        Point2D p = t.transform(new Point2D.Double(x, y), null);
        p.setLocation(Math.rint(p.getX()), Math.rint(p.getY()));
        try {
            return t.inverseTransform(p, p);
        } catch (NoninvertibleTransformException e) {
            return new Point2D.Double(x, y); // nothing is drawn through a singular transform anyway
        }
    }

    /** Java2D's sans-serif font of this style and size, for strings the table does not cover. */
    Font fallbackFont() {
        Font f = fallback;
        if (f == null) {
            f = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
            fallback = f;
        }
        return f;
    }

    // -------------------------------------------------------------------------------------------------------------
    // The table

    /** The two faces, read from the resource when a chart first needs text (class initialization: once, thread-safe). */
    private static final class Table {
        static final Face REGULAR;
        static final Face BOLD;

        static {
            ByteBuffer b = ByteBuffer.wrap(read());
            if (b.getInt() != MAGIC || b.getShort() != VERSION || b.getShort() != UNITS_PER_EM || b.get() != 2) {
                throw new IllegalStateException(RESOURCE + ": not a version " + VERSION + " glyph table");
            }
            REGULAR = new Face(b);
            BOLD = new Face(b);
        }

        private static byte[] read() {
            try (InputStream in = GlyphFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /**
     * One face of the table: line metrics and, sorted by code point, each glyph's advance and the offset of its
     * outline. Outlines stay encoded in {@link #outlines} and are decoded at each use (a few hundred bytes per
     * string: cheaper than caching shapes, and nothing to synchronize).
     */
    static final class Face {
        final float ascent;
        final float descent;
        final float leading;
        final int[] codePoints;
        final short[] advance;
        /** Where each glyph's outline starts in {@link #outlines}. */
        final int[] offset;
        /** The whole table (a byte array, not a ByteBuffer: cheaper to read while the code is still interpreted). */
        final byte[] outlines;

        private Face(ByteBuffer b) {
            ascent = b.getFloat();
            descent = b.getFloat();
            leading = b.getFloat();
            int n = b.getInt();
            codePoints = new int[n];
            advance = new short[n];
            offset = new int[n];
            for (int i = 0; i < n; i++) {
                codePoints[i] = b.getInt();
                advance[i] = b.getShort();
                offset[i] = b.getInt();
            }
            int bytes = b.getInt();
            outlines = b.array();
            for (int i = 0; i < n; i++) {
                offset[i] += b.position();
            }
            b.position(b.position() + bytes);
        }

        /** Index of code point {@code c}'s glyph, or negative when the face has none in the table. */
        int index(int c) {
            return Arrays.binarySearch(codePoints, c);
        }

        /**
         * Appends glyph {@code k}'s outline with its origin at ({@code x}, {@code y}) pixels, scaled by {@code scale}
         * pixels per font unit. Format (see the generator): a segment code byte, then per point x and y as zigzag
         * varint differences from the glyph's previous point, in half units.
         */
        void append(Path2D.Float path, int k, double x, double y, double scale) {
            double h = scale / 2; // pixels per half unit
            Decoder d = new Decoder(outlines, offset[k]);
            float[] p = new float[6];
            for (int op = d.op(); op != END; op = d.op()) {
                int points = switch (op) {
                    case MOVE, LINE -> 1;
                    case QUAD -> 2;
                    case CUBIC -> 3;
                    case CLOSE -> 0;
                    default -> throw new IllegalStateException("glyph table: bad segment code " + op);
                };
                for (int j = 0; j < points; j++) {
                    d.next();
                    p[2 * j] = (float) (x + d.x * h);
                    p[2 * j + 1] = (float) (y + d.y * h);
                }
                switch (op) {
                    case MOVE -> path.moveTo(p[0], p[1]);
                    case LINE -> path.lineTo(p[0], p[1]);
                    case QUAD -> path.quadTo(p[0], p[1], p[2], p[3]);
                    case CUBIC -> path.curveTo(p[0], p[1], p[2], p[3], p[4], p[5]);
                    default -> path.closePath();
                }
            }
        }

        /** {minX, minY, maxX, maxY} of glyph {@code k}'s outline points in font units (control points included). */
        double[] bounds(int k) {
            Decoder d = new Decoder(outlines, offset[k]);
            double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY};
            for (int op = d.op(); op != END; op = d.op()) {
                int points = op == QUAD ? 2 : op == CUBIC ? 3 : op == CLOSE ? 0 : 1;
                for (int j = 0; j < points; j++) {
                    d.next();
                    b[0] = Math.min(b[0], d.x / 2.0);
                    b[1] = Math.min(b[1], d.y / 2.0);
                    b[2] = Math.max(b[2], d.x / 2.0);
                    b[3] = Math.max(b[3], d.y / 2.0);
                }
            }
            return b;
        }

        /**
         * Where mark {@code m} goes relative to the origin of base glyph {@code base}, in font units: centred over the
         * base's outline, and raised by as much as the base's top rises above the top of "x" (the height the font
         * draws marks for; y points down). A mark or base without an outline (a space) stays where the font put it.
         */
        double[] markOffset(int base, int m) {
            double[] bb = bounds(base);
            double[] mb = bounds(m);
            if (!(bb[0] <= bb[2]) || !(mb[0] <= mb[2])) {
                return new double[] {0, 0};
            }
            double dx = (bb[0] + bb[2]) / 2 - (mb[0] + mb[2]) / 2;
            int x = index('x');
            double xTop = x >= 0 ? bounds(x)[1] : bb[1];
            double dy = Math.min(0, bb[1] - xTop);
            return new double[] {dx, dy};
        }
    }

    /** Reads one glyph's segment codes and points (absolute, in half units) from the encoded outlines. */
    private static final class Decoder {
        private final byte[] b;
        private int at;
        int x;
        int y;

        Decoder(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        int op() {
            return b[at++];
        }

        void next() {
            x += varint();
            y += varint();
        }

        /** A zigzag base-128 varint: 7 bits per byte, low bits first; {@code (z >>> 1) ^ -(z & 1)} undoes the zigzag. */
        private int varint() {
            int z = 0;
            int shift = 0;
            int v;
            do {
                v = b[at++];
                z |= (v & 0x7F) << shift;
                shift += 7;
            } while ((v & 0x80) != 0);
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
