package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdlab.oracles.OracleCatalog;
import org.sgdlab.oracles.OracleEntry;

/** `sgdlab solve` and `sgdlab list oracles` driven by the oracle catalog: names, help, and the JSON each problem writes. */
class SolveCommandTest {
    @TempDir
    Path dir;

    @Test
    void listOraclesPrintsEveryCatalogEntry() {
        CliTest.Result r = CliTest.run("list", "oracles");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(OracleCatalog.all().size(), lines.size(), r.out());
        for (int k = 0; k < lines.size(); k++) {
            OracleEntry e = OracleCatalog.all().get(k);
            assertTrue(lines.get(k).startsWith(e.name() + " ") && lines.get(k).contains(e.problem())
                    && lines.get(k).contains("[" + e.source() + "]"), lines.get(k));
        }
        assertTrue(r.out().contains("{intercept=false}") && r.out().contains("{potential=hyperbolic, alpha, p}"), r.out());
    }

    /** The help text is written by hand: it must name every oracle, and the usage error must list them all. */
    @Test
    void helpAndUsageErrorNameEveryOracle() throws IOException {
        CliTest.Result help = CliTest.run("solve", "--help");
        CliTest.Result unknown = CliTest.run("solve", "simplex", "--data", csv().toString());
        assertEquals(2, unknown.code());
        for (String name : OracleCatalog.names()) {
            assertTrue(help.out().contains("  " + name + " "), name + " missing from the help:\n" + help.out());
            assertTrue(unknown.err().contains(name), unknown.err());
        }
        assertTrue(unknown.err().contains("basis-pursuit or multiclass-svm"), unknown.err());
    }

    /** The keys and their order in the JSON of each problem, as before the catalog drove the command. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "min-norm --generate regression --n 5 --d 12|problem,status,rank,residual_norm,w,singular_values,provenance",
        "svm --generate separable --n 30 --d 3 --intercept|problem,status,w,b,margin,kkt_residual,support_vectors,iterations,provenance",
        "min-p-norm --p 1.5 --generate regression --n 6 --d 20|problem,p,status,w,norm,duality_gap,primal_residual,iterations,provenance",
        "bregman --alpha 0.01 --generate regression --n 6 --d 20|problem,potential,status,w,kkt_residual,primal_residual,iterations,provenance",
        "logistic-reg --lambda 0.01 --generate separable --n 30 --d 3|problem,lambda,status,w,value,gradient_norm,iterations,provenance",
        "margin --norm l1 --generate separable --n 30 --d 5|problem,norm,status,w,margin,duality_gap,active_constraints,provenance",
        "basis-pursuit --generate regression --n 10 --d 40|problem,status,w,l1_norm,support,duality_gap,relative_residual,provenance",
        "multiclass-svm --data MC|problem,classes,status,w,w_layout,objective,kkt_residual,iterations,provenance"})
    void eachProblemWritesItsFieldsInOrder(String args, String keys) throws IOException {
        List<String> argv = new ArrayList<>(List.of("solve"));
        for (String a : args.split(" ")) {
            argv.add(a.equals("MC") ? csv().toString() : a);
        }
        CliTest.Result r = CliTest.run(argv.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(keys.split(",")), topLevelKeys(r.out()), r.out());
        assertTrue(r.out().contains("\"status\": \"OPTIMAL\""), r.out());
        String first = argv.get(1);
        assertTrue(r.out().contains("\"problem\": \"" + (args.contains("--intercept") ? "svm-intercept" : first) + "\""), r.out());
    }

    private Path csv() throws IOException {
        Path p = dir.resolve("mc.csv");
        Files.writeString(p, "x1,x2,y\n2,0,0\n0,2,1\n-2,-2,2\n3,0,0\n");
        return p;
    }

    /** The keys at indentation level one of the pretty-printed JSON object, in order. */
    private static List<String> topLevelKeys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  \"([a-z0-9_]+)\":").matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
