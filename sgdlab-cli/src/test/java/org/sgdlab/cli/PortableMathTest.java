package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Same seed, same bits on JDK 17 and 25": JDK 24+ compiles {@code Math.tanh} and JDK 25 {@code Math.cbrt} to
 * intrinsics whose results differ from JDK 17's in the last bit for some arguments (measured on 2·10⁶ arguments: both
 * differ, while sinh, cosh, expm1, log1p, exp, log, sin, cos, pow, atan, asin, acos, hypot and sqrt give the same bits
 * on both). {@code StrictMath} (fdlibm) gives the same bits on every JDK and equals JDK 17's {@code Math}, so the
 * product's sources call {@code StrictMath} for these two; this test finds any call that slipped back, and pins
 * {@code StrictMath}'s bits (the value computed on JDK 17: the JDK 25 leg of CI fails if they ever differ).
 */
class PortableMathTest {

    private static final Pattern UNPORTABLE = Pattern.compile("(?<!Strict)Math\\s*(\\.|::)\\s*(tanh|cbrt)\\b");

    @Test
    void productSourcesCallStrictMathForTanhAndCbrt() throws IOException {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repo)) {
            modules.filter(m -> m.getFileName().toString().startsWith("sgdlab-"))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(roots::add);
        }
        assertTrue(roots.size() >= 5, "module sources not found under " + repo + ": " + roots);
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = UNPORTABLE.matcher(code(lines.get(i)));
                        if (m.find()) {
                            found.add(repo.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "use StrictMath.tanh / StrictMath.cbrt (Math's differ between JDK 17 and 25)");
    }

    @Test
    void thePatternSeesCallsAndMethodReferencesButNotStrictMath() {
        assertTrue(UNPORTABLE.matcher("double t = Math.tanh(x);").find());
        assertTrue(UNPORTABLE.matcher("map(Math::cbrt)").find());
        assertTrue(!UNPORTABLE.matcher("double t = StrictMath.tanh(x);").find());
        assertTrue(!UNPORTABLE.matcher("map(StrictMath::cbrt)").find());
        assertTrue(!UNPORTABLE.matcher("Math.tan(x) + Math.cbrtLike").find());
        assertTrue(code("    // Math.tanh has an intrinsic").isBlank() && code("     * Math.cbrt(x)").isBlank());
        assertEquals("double t = Math.tanh(x); ", code("double t = Math.tanh(x); // why"));
    }

    @Test
    void strictMathHasTheBitsItHadOnJdk17() {
        assertEquals(0xb103e32ea8663594L, hash(StrictMath::tanh), "StrictMath.tanh");
        assertEquals(0x8a1283ae92d8979aL, hash(StrictMath::cbrt), "StrictMath.cbrt");
    }

    /** The code of a source line: without a trailing // comment, empty for a line of a block comment. */
    private static String code(String line) {
        String t = line.trim();
        if (t.startsWith("*") || t.startsWith("/*")) {
            return "";
        }
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }

    /** A hash of f's raw bits at 2·10⁵ arguments in [-1, 1], [-30, 30], [0, 1e-3] and 2^[-40, 40]. */
    private static long hash(DoubleUnaryOperator f) {
        long state = 0x9E3779B97F4A7C15L;
        long h = 0;
        for (int i = 0; i < 200_000; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            double u = (state >>> 11) * 0x1.0p-53;
            double x = switch (i % 4) {
                case 0 -> 2 * u - 1;
                case 1 -> 60 * u - 30;
                case 2 -> 1e-3 * u;
                default -> Math.scalb(u, (int) ((state >>> 3) % 80) - 40);
            };
            h = h * 31 + Double.doubleToRawLongBits(f.applyAsDouble(x));
        }
        return h;
    }
}
