package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad spec of {@link SpecBadInputs} (the harness runs them too): exit 2, one clear error line, no output; and a spec
 * file's error names the file, a line and a key.
 */
class SpecBadInputsTest {
    @TempDir
    Path dir;

    @Test
    void everyBadSpecGivesOneClearErrorNamingTheFileAndNoOutput() throws IOException {
        List<BadInputs.Case> cases = new ArrayList<>();
        SpecBadInputs.cases(cases);
        StringBuilder bad = new StringBuilder();
        for (BadInputs.Case c : cases) {
            BadInputs.Outcome o = BadInputs.run(c, dir);
            // a mistake inside a spec file names the file and its line (an empty file or a top-level mistake: the file)
            boolean namesFile = !c.family().equals("spec-file") || o.firstLine().contains(".yaml, line ")
                    || o.firstLine().contains(".yaml: ");
            if (!o.clear() || o.wrongExitCode() || o.partialOutput() || !namesFile) {
                bad.append("\n  ").append(c).append(" → exit ").append(o.code()).append(o.partialOutput() ? " (output left)" : "")
                        .append(": ").append(o.firstLine());
            }
        }
        assertTrue(cases.size() >= 90, "cases: " + cases.size());
        assertEquals("", bad.toString());
    }
}
