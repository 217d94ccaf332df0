package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimContext;

/** {@code sgdlab check --jobs N}: the same results and the same output order for every N. */
class CheckJobsTest {
    @TempDir
    Path dir;

    /** The JSON without the wall times (the only fields a schedule may change). */
    private static String withoutTimes(String json) {
        return json.replaceAll("(?m)^\\s*\"(elapsed|elapsedSeconds|started|wallTime|wallTimeSeconds)\" *: *[^\\n]*\\n", "");
    }

    @Test
    void oneAndTwoJobsGiveTheSameJsonInTheSameOrder() {
        String[] ids = {"sgd.unbiased", "steepest.fig81", "max-margin.reg-path", "steepest.lp-sphere"};
        List<String> one = new ArrayList<>(List.of("check"));
        one.addAll(List.of(ids));
        one.addAll(List.of("--quick", "--json", "--jobs", "1", "--out", dir.resolve("one").toString()));
        List<String> two = new ArrayList<>(one);
        two.set(two.indexOf("1"), "2");
        two.set(two.size() - 1, dir.resolve("two").toString());
        CliTest.Result a = CliTest.run(one.toArray(String[]::new));
        CliTest.Result b = CliTest.run(two.toArray(String[]::new));
        assertEquals(a.code(), b.code(), a.err() + b.err());
        String ja = withoutTimes(a.out());
        assertTrue(ja.contains("\"numbers\"") && !ja.contains("elapsed"), ja);
        assertEquals(ja, withoutTimes(b.out()));
        // the progress lines in catalog order (ids as the catalog orders them), with 2 jobs as with 1
        assertEquals(progressIds(a.console()), progressIds(b.console()));
        assertEquals(ids.length, progressIds(b.console()).size(), b.console());
    }

    private static List<String> progressIds(String console) {
        List<String> out = new ArrayList<>();
        for (String line : console.split("\\R")) {
            if (line.startsWith("[")) {
                out.add(line.replaceAll("^\\[\\d+/\\d+\\] +(\\S+).*$", "$1"));
            }
        }
        return out;
    }

    @Test
    void jobsBelowOneAreBadUsage() {
        CliTest.Result r = CliTest.run("check", "sgd.unbiased", "--quick", "--jobs", "0", "--out", dir.resolve("z").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--jobs must be >= 1, got 0"), r.err());
    }

    /** A claim that finishes after {@code release} is counted down (or at once), with a fixed result. */
    private record FakeClaim(String id, CountDownLatch release) implements Claim {
        @Override
        public String title() {
            return id;
        }

        @Override
        public String source() {
            return "test";
        }

        @Override
        public ClaimResult check(ClaimContext context) {
            try {
                if (release != null && !release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new ClaimResult(id, id, "test", Verdict.HOLDS, "p", "m", "r", null, null, null, null, null,
                    Duration.ZERO);
        }
    }

    /** Results come back, and are reported, in the claims' order even when a later claim finishes first. */
    @Test
    void resultsKeepTheClaimsOrderWhateverFinishesFirst() throws Exception {
        CountDownLatch firstWaits = new CountDownLatch(1);
        List<Claim> claims = List.of(new FakeClaim("a", firstWaits), new FakeClaim("b", null), new FakeClaim("c", null));
        List<String> reported = new ArrayList<>();
        List<ClaimResult> results = ClaimScheduler.run(claims, 2, (c, k) -> {
            ClaimResult r = c.check(ClaimContext.quick(1));
            if (k == 2) {
                firstWaits.countDown(); // "a" is released only once "c" is done
            }
            return r;
        }, (k, r) -> reported.add(k + ":" + r.id()));
        assertEquals(List.of("a", "b", "c"), results.stream().map(ClaimResult::id).toList());
        assertEquals(List.of("0:a", "1:b", "2:c"), reported);
    }

    @Test
    void aClaimsExceptionIsRethrownAsItself() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        List<Claim> claims = List.of(new FakeClaim("a", null), new FakeClaim("b", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClaimScheduler.run(claims, 2,
                (c, k) -> {
                    if (k == 1) {
                        throw boom;
                    }
                    return c.check(ClaimContext.quick(1));
                }, (k, r) -> { }));
        assertSame(boom, e);
    }

    @Test
    void theLongestKnownClaimsStartFirst() {
        List<Claim> claims = List.of(new FakeClaim("x", null), new FakeClaim("mirror.bregman", null),
                new FakeClaim("max-margin.fast", null), new FakeClaim("y", null));
        assertEquals(List.of(2, 1, 0, 3), ClaimScheduler.startOrder(claims));
    }
}
