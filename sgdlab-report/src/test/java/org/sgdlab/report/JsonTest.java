package org.sgdlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
        assertEquals("\"\\b\\f\\n\\r\\t\"", Json.quote("\b\f\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u001f\\u007f\"", Json.quote("\u0000\u0001\u001f\u007f"));
        assertEquals("\"/\"", Json.quote("/"));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void unicodeIsKeptLiterallyExceptSeparatorsAndLoneSurrogates() {
        assertEquals("\"é ∇ \uD83D\uDE00\"", Json.quote("é ∇ \uD83D\uDE00"));
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        assertEquals("\"x\\ud800y\\udc00\"", Json.quote("x\uD800y\uDC00"));
    }

    @Test
    void everyCharacterRoundTripsThroughAParser() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            sb.append(c);
        }
        sb.append("\uD83D\uDE00\"\\");
        String s = sb.toString();
        assertEquals(s, MiniJson.parse(Json.quote(s)));
    }

    @Test
    void doublesRoundTripBitForBit() {
        List<Double> values = new ArrayList<>(Arrays.asList(0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, Math.PI,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                1e-320, 123456789012345678.0, 1e22, 1e23, 4.35e-7));
        Random rnd = new Random(42);
        for (int k = 0; k < 20000; k++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d)) {
                values.add(d);
            }
            values.add(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
        }
        for (double d : values) {
            String text = Json.number(d);
            Object parsed = MiniJson.parse(text);
            assertTrue(parsed instanceof MiniJson.Num, text);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(((MiniJson.Num) parsed).value()),
                    text);
        }
    }

    @Test
    void nonFiniteNumbersBecomeStrings() {
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",1.5]",
                Json.write(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5}));
        assertEquals("\"NaN\"", Json.write(Float.NaN));
        assertEquals("{\"x\":\"Infinity\"}", Json.write(Map.of("x", Double.POSITIVE_INFINITY)));
    }

    @Test
    void writesScalarsArraysAndOrderedMaps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(true, false));
        m.put("n", null);
        m.put("l", Long.MAX_VALUE);
        m.put("ints", new int[] {1, -2});
        m.put("empty", Map.of());
        m.put("none", List.of());
        m.put("v", Verdict.FAILS);
        m.put("d", Duration.ofMillis(1500));
        m.put("t", Instant.EPOCH);
        assertEquals("{\"z\":1,\"a\":[true,false],\"n\":null,\"l\":9223372036854775807,\"ints\":[1,-2],"
                + "\"empty\":{},\"none\":[],\"v\":\"FAILS\",\"d\":\"PT1.5S\",\"t\":\"1970-01-01T00:00:00Z\"}",
                Json.write(m));
    }

    @Test
    void prettyPrintsWithTwoSpaceIndent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", List.of(2.5, "x"));
        m.put("c", Map.of());
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    2.5,\n    \"x\"\n  ],\n  \"c\": {}\n}", Json.writePretty(m));
        assertEquals(MiniJson.parse(Json.write(m)).toString(), MiniJson.parse(Json.writePretty(m)).toString());
    }

    @Test
    void recordsBecomeObjects() {
        PlotSpec p = PlotSpec.semiLogY("a.png").title("T").trace("tr").x("step").y("loss", "y").build();
        Object parsed = MiniJson.parse(Json.write(p));
        assertEquals("{fileName=a.png, title=T, traceName=tr, xColumn=step, yColumns=[loss], logX=false, "
                + "logY=true, xLabel=null, yLabel=y, legend={}}", parsed.toString());
    }

    @Test
    void rejectsUnsupportedTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
