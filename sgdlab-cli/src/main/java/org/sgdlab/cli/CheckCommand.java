package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Json;
import org.sgdlab.report.Provenance;
import org.sgdlab.report.ReportWriter;
import org.sgdlab.report.Verdict;
import org.sgdlab.report.VerdictTable;
import org.sgdlab.theory.Budget;
import org.sgdlab.theory.Claim;
import org.sgdlab.theory.ClaimCatalog;
import org.sgdlab.theory.ClaimContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sgdlab check`: run claims, print the verdict table, write the report. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run claims of the theory and compare each prediction with a real run's measurement.",
            "Without IDs every claim runs. An ID may be a family prefix such as `min-norm`.",
            "Writes result.json, CSV traces, PNG plots and index.html to the output folder."},
        footer = {"", "Examples:", "  sgdlab check --quick", "  sgdlab check max-margin.seed-exp1",
            "  sgdlab check min-norm --seed 7 --out /tmp/mn",
            "", "Exit codes: 0 every claim HOLDS or is INCONCLUSIVE, 1 a claim FAILS, 2 bad usage."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Claim ids or family prefixes (see `sgdlab list`).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--quick", description = "Use the quick budget (seconds per claim) instead of the full one (minutes).")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "sgdlab-out/check")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Master seed; the same seed gives the same bits (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--json", description = "Print the results as JSON on standard output instead of the table.")
    boolean json;

    @Option(names = "--resume", description = "Skip the claims whose results an earlier check (interrupted or not) saved with "
            + "the same budget, seed and sgdlab build (each claim's result is saved in the --out folder's name with .claims, "
            + "beside it, as soon as it completes); run the rest and write the whole report.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        List<Claim> claims = ClaimCatalog.select(ids);
        ReportWriter.checkReplaceable(out);
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        PrintWriter stdout = spec.commandLine().getOut();
        Instant started = Instant.now();
        boolean tty = ProgressBar.interactive();
        // first output at once (the claims take seconds each); the per-claim lines go to stderr also when piped, for logs
        System.err.printf("sgdlab check: %d claim%s, %s budget, seed %d%n", claims.size(), claims.size() == 1 ? "" : "s",
                budget.name().toLowerCase(java.util.Locale.ROOT), seed);
        List<ClaimResult> results = new ArrayList<>();
        ClaimResultStore store = new ClaimResultStore(out, budget, seed);
        int k = 0;
        for (Claim c : claims) {
            k++;
            StringBuilder why = new StringBuilder();
            ClaimResult saved = resume ? store.previous(c.id(), why) : null;
            if (saved != null) {
                System.err.printf("[%d/%d] %-28s %-12s saved result, skipped%n", k, claims.size(), c.id(), saved.verdict());
                results.add(saved);
                continue;
            } else if (resume && why.length() > 0) {
                System.err.printf("[%d/%d] %s runs again: %s%n", k, claims.size(), c.id(), why);
            }
            ProgressBar bar = new ProgressBar(System.err, String.format("[%d/%d] %s", k, claims.size(), c.id()), tty);
            ClaimResult r = c.check(new ClaimContext(budget, seed, bar));
            bar.clear();
            System.err.printf("[%d/%d] %-28s %-12s %.1fs%n", k, claims.size(), c.id(), r.verdict(), r.elapsed().toMillis() / 1000.0);
            results.add(r);
            store.save(r);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("claims", String.join(",", claims.stream().map(Claim::id).toList()));
        params.put("budget", budget.name().toLowerCase(java.util.Locale.ROOT));
        Provenance prov = Provenance.capture(seed, params, started);
        Path index = ReportWriter.writeCheck(out, results, prov);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provenance", Json.toMap(prov));
            List<Object> rs = new ArrayList<>();
            for (ClaimResult r : results) {
                rs.add(Json.toMap(r));
            }
            doc.put("results", rs);
            stdout.println(Json.writePretty(doc));
        } else {
            stdout.print(VerdictTable.render(results, terminalWidth()));
            stdout.println("Report: " + index.toAbsolutePath());
        }
        stdout.flush();
        boolean failed = results.stream().anyMatch(r -> r.verdict() == Verdict.FAILS);
        return failed ? Main.EXIT_FAILED : 0;
    }

    private static int terminalWidth() {
        String cols = System.getenv("COLUMNS");
        try {
            return cols == null ? 120 : Math.max(80, Integer.parseInt(cols.trim()));
        } catch (NumberFormatException e) {
            return 120;
        }
    }
}
