package org.sgdlab.cli;

import java.io.IOException;
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
import org.sgdlab.train.ProgressListener;
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
            "  sgdlab list claims --spec min-norm.gd > mn.yaml",
            "  sgdlab check --spec mn.yaml --quick",
            "", "Spec files (--spec): YAML with the keys name, statement, train (any `sgdlab train` option without its dashes: "
                + "data, loss, optimizer, lr, hyper, sampler, batch, init, …), steps ({quick: N, full: M}), reference (an oracle "
                + "of `sgdlab list oracles`), probes, seeds, sweep and prediction, one of:",
            "  METRIC <= TOL at T                 e.g. rel_dist_to_ref <= 1e-8 at T",
            "  angle_to_ref -> 0 like (ln t)^-1   the max-margin direction rule",
            "  METRIC -> 0 like t^K               e.g. loss -> 0 like t^-1",
            "  METRIC ∝ PARAM^K over the sweep    e.g. rel_dist_to_ref ∝ lr^0.5 over the sweep",
            "Every key: docs/specs.md. Worked examples: docs/specs/*.yaml.",
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

    @Option(names = "--jobs", paramLabel = "N", description = {"Claims run at the same time (default: the number of "
            + "processors). The results are the same bits for every N, and the table, the report and --json list the "
            + "claims in catalog order."})
    Integer jobs;

    @Option(names = "--spec", paramLabel = "FILE", description = {"Check your own hypothesis instead of the built-in claims: a "
            + "YAML file with the data, model, loss, optimizer, reference oracle, probes, seeds, budgets and the prediction "
            + "(docs/specs.md documents every key; `sgdlab list claims --spec ID` exports a built-in claim as one). Its "
            + "verdict is computed by the built-in claims' rules and reported the same way."})
    Path specFile;

    @Option(names = "--resume", description = "Skip the claims whose results an earlier check (interrupted or not) saved with "
            + "the same budget, seed and sgdlab build (each claim's result is saved in the --out folder's name with .claims, "
            + "beside it, as soon as it completes); run the rest and write the whole report.")
    boolean resume;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Also write each claim in TensorBoard's format into DIR/<claim "
            + "id> (DIR a new or empty folder): its traces' probes as scalars by step, key numbers, plots as images, verdict "
            + "and provenance as text. View with `tensorboard --logdir DIR`.")
    Path logDir;

    @Override
    public Integer call() throws Exception {
        int workers = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new Main.UsageException("--jobs must be >= 1, got " + workers);
        }
        SpecClaim specClaim = null;
        if (specFile != null) {
            if (!ids.isEmpty()) {
                throw new Main.UsageException("give claim ids or --spec FILE, not both (got " + String.join(" ", ids) + ")");
            }
            if (resume) {
                // saved results are keyed by claim id, budget, seed and build: an edited spec would get its old result
                throw new Main.UsageException("--resume applies to the built-in claims, not to --spec (a spec runs again)");
            }
            specClaim = new SpecClaim(SpecFile.read(specFile), SpecRunner.local());
        }
        List<Claim> claims = specClaim != null ? List.of(specClaim) : ClaimCatalog.select(ids);
        ReportWriter.checkReplaceable(out);
        if (logDir != null) {
            TensorBoardLogs.requireUsable(logDir);
        }
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        PrintWriter stdout = spec.commandLine().getOut();
        Instant started = Instant.now();
        boolean tty = ProgressBar.interactive();
        // first output at once (the claims take seconds each); the per-claim lines go to stderr also when piped, for logs
        System.err.printf("sgdlab check: %d claim%s, %s budget, seed %d%n", claims.size(), claims.size() == 1 ? "" : "s",
                budget.name().toLowerCase(java.util.Locale.ROOT), seed);
        ClaimResultStore store = new ClaimResultStore(out, budget, seed);
        ClaimResult[] saved = new ClaimResult[claims.size()];
        List<Claim> toRun = new ArrayList<>();
        List<Integer> position = new ArrayList<>(); // each claim to run's index in the catalog order, for the [k/n] lines
        for (int k = 0; k < claims.size(); k++) {
            Claim c = claims.get(k);
            StringBuilder why = new StringBuilder();
            saved[k] = resume ? store.previous(c.id(), why) : null;
            if (saved[k] != null) {
                System.err.printf("[%d/%d] %-28s %-12s saved result, skipped%n", k + 1, claims.size(), c.id(), saved[k].verdict());
            } else {
                if (resume && why.length() > 0) {
                    System.err.printf("[%d/%d] %s runs again: %s%n", k + 1, claims.size(), c.id(), why);
                }
                toRun.add(c);
                position.add(k);
            }
        }
        // each result is saved as soon as its claim completes (not in catalog order), so an interrupted check loses
        // only the claims still running
        List<ClaimResult> ran = workers == 1 || toRun.size() <= 1
                ? runInOrder(toRun, position, claims.size(), budget, tty, store)
                : ClaimScheduler.run(toRun, workers, (c, k) -> saved(store, c.check(new ClaimContext(budget, seed,
                        ProgressListener.NONE))), (k, r) -> printDone(position.get(k), claims.size(), r));
        List<ClaimResult> results = new ArrayList<>();
        int next = 0;
        for (ClaimResult r : saved) {
            results.add(r != null ? r : ran.get(next++));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("claims", String.join(",", claims.stream().map(Claim::id).toList()));
        params.put("budget", budget.name().toLowerCase(java.util.Locale.ROOT));
        if (specClaim != null) {
            params.putAll(SweepCommand.specProvenance(specClaim.spec()));
        }
        Provenance prov = Provenance.capture(seed, params, started);
        Path index = ReportWriter.writeCheck(out, results, prov);
        if (logDir != null) {
            TensorBoardLogs.writeCheck(logDir, results, params.get("budget"), out, prov);
        }
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

    /**
     * One claim after the other, each with its progress bar on a terminal, each result saved in {@code store};
     * {@code position} holds each claim's index among the {@code total} claims of the check (its [k/n] label).
     */
    private List<ClaimResult> runInOrder(List<Claim> claims, List<Integer> position, int total, Budget budget, boolean tty,
                                         ClaimResultStore store) throws IOException {
        List<ClaimResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            int k = position.get(i);
            ProgressBar bar = new ProgressBar(System.err, String.format("[%d/%d] %s", k + 1, total, c.id()), tty);
            ClaimResult r = c.check(new ClaimContext(budget, seed, bar));
            bar.clear();
            printDone(k, total, r);
            results.add(saved(store, r));
        }
        return results;
    }

    private static ClaimResult saved(ClaimResultStore store, ClaimResult r) throws IOException {
        store.save(r);
        return r;
    }

    private static void printDone(int k, int total, ClaimResult r) {
        System.err.printf("[%d/%d] %-28s %-12s %.1fs%n", k + 1, total, r.id(), r.verdict(), r.elapsed().toMillis() / 1000.0);
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
