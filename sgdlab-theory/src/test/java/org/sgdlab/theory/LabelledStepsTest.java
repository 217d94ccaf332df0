package org.sgdlab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdlab.probe.ProbeSchedule;
import org.sgdlab.probe.Trace;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Verdict;

/** The detector that {@link QuickCatalogTest} runs on every claim's result: it must catch each kind of label. */
class LabelledStepsTest {
    private static ClaimResult result(ProbeSchedule s, Map<String, Double> numbers, String note) {
        Trace t = new Trace("run", List.of("angle"));
        for (long step : s.steps()) {
            t.add(new double[] {step, 1});
        }
        return new ClaimResult("x.y", "t", "s", Verdict.HOLDS, "p", "m", "r", null, numbers, List.of(t), List.of(),
                List.of(note), null);
    }

    private static Map<String, Double> named(String... names) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, 1.0);
        }
        return m;
    }

    @Test
    void flagsEveryKindOfLabelWhoseStepWasNotProbed() {
        ProbeSchedule log = ProbeSchedule.logSpaced(1_234_567, 10); // T/100 = 12345 and 5000 are not log-spaced probes
        ClaimResult bad = result(log, named("angle_to_svm_at_5000", "a.angle_at_T_over_100", "gap_at_T/100", "loss_step5000",
                "b.angle_at_t_1e3", "final_angle", "steps"), "the angle was 0.012 at step 5000; the threshold at step 77");
        List<String> found = LabelledSteps.unprobed(bad);
        assertEquals(5, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.startsWith("angle_to_svm_at_5000")), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.contains("at step 5000")), found.toString());

        ClaimResult good = result(log.with(5000, 1_234_567 / 100), bad.numbers(), "the angle was 0.012 at step 5000; the threshold at step 77");
        assertEquals(List.of(), LabelledSteps.unprobed(good));
    }
}
