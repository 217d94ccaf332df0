package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.probe.Trace;

/** Legends name series for a reader; a series drawn over another leaves the other visible. */
class ChartReadabilityTest {

    @TempDir
    Path dir;

    @Test
    void columnNamesBecomeReadableLegendNames() {
        assertEquals("loss times t", Plots.humanize("loss_times_t"));
        assertEquals("p = 1.25", Plots.humanize("p1.25"));
        assertEquals("sharpness η = 0.2", Plots.humanize("sharpness_eta0.2"));
        assertEquals("β 0.2000 mean", Plots.humanize("beta_0.2000_mean"));
        assertEquals("w0", Plots.humanize("w0"));
        assertEquals("F estimate", Plots.humanize("F_estimate"));
    }

    @Test
    void legendNamesComeFromThePlotThenTheAxisThenTheColumn() {
        PlotSpec two = PlotSpec.logLog("loss.png").trace("gd").x("step", "step t")
                .y(List.of("loss", "loss_times_t"), "loss").legend("loss_times_t", "t·L(w_t)").build();
        assertEquals("t·L(w_t)", two.seriesLabel("loss_times_t"));
        assertEquals("loss", two.seriesLabel("loss"));
        PlotSpec one = PlotSpec.semiLogX("n.png").trace("gd").x("step").y("norm_over_ln_t", "‖w_t‖ / ln t").build();
        assertEquals("‖w_t‖ / ln t", one.seriesLabel("norm_over_ln_t"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlotSpec.linear("a.png").trace("t")
                .x("step").y("loss", "loss").legend("angle", "θ").build());
        assertTrue(e.getMessage().contains("angle"), e.getMessage());
    }

    @Test
    void noLegendNameHasAnUnderscore() {
        PlotSpec p = PlotSpec.linear("h.png").trace("t").x("log10_gap")
                .y(List.of("p1.25", "rel_dist_to_ref", "loss_times_t", "F_ref")).build();
        for (String c : p.yColumns()) {
            assertFalse(p.seriesLabel(c).contains("_"), p.seriesLabel(c));
        }
    }

    /** Like steepest.lp-direction/holder_gap.png: six histograms that nearly coincide, 15 points each. */
    private static Trace coincidingHistograms(int series, int rows) {
        List<String> cols = new ArrayList<>(); // after "step", which holds the bin
        for (int k = 0; k < series; k++) {
            cols.add("p" + (k + 1) + ".5");
        }
        Trace t = new Trace("h", cols);
        for (int i = 0; i < rows; i++) {
            double[] row = new double[series + 1];
            row[0] = -17 + i;
            for (int k = 0; k < series; k++) {
                row[k + 1] = i == 1 ? 240 - k : i == 0 ? 60 + k : 0; // within a pixel of each other past the peak
            }
            t.add(row);
        }
        return t;
    }

    @Test
    void coincidingSeriesAreStyledApart() {
        Trace t = coincidingHistograms(6, 10);
        List<Plots.Series> series = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            series.add(Plots.series("s" + k, t.column("step"), t.column(t.columns().get(k)), false, false));
        }
        AxisTicks.Axis x = AxisTicks.layout(-17, -8, false, 680, s -> 20);
        AxisTicks.Axis y = AxisTicks.layout(0, 240, false, 380, s -> 15);
        List<SeriesStyles.Style> styles = SeriesStyles.assign(series, x, y, new Rectangle2D.Double(60, 40, 680, 380));
        Set<Color> colors = new HashSet<>();
        Set<SeriesStyles.Marker> markers = new HashSet<>();
        for (int k = 0; k < 6; k++) {
            colors.add(styles.get(k).color());
            markers.add(styles.get(k).marker());
            assertEquals(k == 0 ? List.of() : range(k), styles.get(k).coincidesWith(), "series " + k);
        }
        assertEquals(6, colors.size());
        assertEquals(6, markers.size());
        for (int k = 1; k < 6; k++) { // each drawn thinner than the one below it, and dashed
            assertTrue(styles.get(k).stroke().getLineWidth() < styles.get(k - 1).stroke().getLineWidth());
            assertNotEquals(null, styles.get(k).stroke().getDashArray());
            assertTrue(styles.get(k).hollow());
        }
    }

    private static List<Integer> range(int k) {
        List<Integer> r = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            r.add(j);
        }
        return r;
    }

    /** Every series' colour shows in the plot area of the rendered PNG (the legend below it not counted). */
    @Test
    void everyCoincidingSeriesStaysVisibleInThePng() throws IOException {
        for (int rows : new int[] {10, 300}) { // with markers and without
            Trace t = coincidingHistograms(6, rows);
            Path f = dir.resolve("h" + rows + ".png");
            Plots.renderPng(PlotSpec.linear("h.png").title("histogram").trace("h").x("step", "log10 gap")
                    .y(t.columns().subList(1, 7), "samples").build(), t, f);
            BufferedImage img = ImageIO.read(f.toFile());
            int[] counts = new int[6];
            for (int py = 0; py < Plots.HEIGHT - 60; py++) {
                for (int px = 0; px < Plots.WIDTH; px++) {
                    int rgb = img.getRGB(px, py);
                    for (int k = 0; k < 6; k++) {
                        if (near(rgb, tab10(k))) {
                            counts[k]++;
                        }
                    }
                }
            }
            for (int k = 0; k < 6; k++) {
                assertTrue(counts[k] >= 150, "series " + k + " shows in " + counts[k] + " pixels (rows " + rows + ")");
            }
        }
    }

    private static Color tab10(int k) {
        int[] rgb = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b};
        return new Color(rgb[k]);
    }

    private static boolean near(int rgb, Color c) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) <= 24;
    }
}
