package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering charts whose strings the glyph table covers loads none of Java2D's font machinery in a fresh JVM (what
 * keeps ~60 ms of font set-up out of a short {@code sgdlab train}); a string it does not cover loads it (so the
 * check below can see it).
 */
class ChartFontLoadingTest {

    /** Classes of the font manager and its fontconfig set-up, loaded by the first use of a Java2D font. */
    private static final List<String> FONT_STACK = List.of("sun.font.SunFontManager", "sun.font.FcFontConfiguration",
            "sun.awt.FontConfiguration", "sun.font.FontManagerFactory", "sun.font.FileFontStrike");

    @TempDir
    Path dir;

    /** The classes the child JVM loaded (-verbose:class), after it rendered two charts. */
    private String loadedClasses(String titleSuffix) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("classes" + titleSuffix.length() + ".txt");
        Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), RenderChartMain.class.getName(), dir.toString(), titleSuffix)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rendered"), out);
        assertTrue(Files.size(dir.resolve("loss.png")) > 1000 && Files.size(dir.resolve("norm.png")) > 1000);
        return out;
    }

    @Test
    void coveredStringsLoadNoFontManager() throws Exception {
        String classes = loadedClasses("");
        assertTrue(classes.contains("org.sgdlab.report.GlyphFont "), "the child's class log lists sgdlab's classes");
        for (String c : FONT_STACK) {
            assertTrue(!classes.contains(c + " "), c + " was loaded");
        }
    }

    @Test
    void anUncoveredStringLoadsJava2dsFonts() throws Exception {
        String classes = loadedClasses(" (Жуковский)");
        assertTrue(classes.contains("sun.font.SunFontManager "), "the fallback uses Java2D's font manager");
    }
}
