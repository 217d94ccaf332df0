package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the committed "hex repr [not-cr]" vector files written by tools/testdata/numpy_legacy_vectors.py. */
public final class TestVectors {
    /** One value and whether its NumPy polar pair used a log that glibc did not round correctly. */
    public record Value(double value, boolean notCorrectlyRounded) {}

    private TestVectors() {}

    public static List<Value> load(String resource) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/data/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /data/" + resource);
            }
            List<Value> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split(" ");
                out.add(new Value(Double.parseDouble(p[0]), p.length > 2 && p[2].equals("not-cr")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact bits unless flagged; flagged values within {@code ulps} units in the last place. */
    public static boolean matches(Value want, double got, int ulps) {
        if (Double.doubleToRawLongBits(want.value()) == Double.doubleToRawLongBits(got)) {
            return true;
        }
        return want.notCorrectlyRounded() && Math.abs(want.value() - got) <= ulps * Math.ulp(want.value());
    }
}
