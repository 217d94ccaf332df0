package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.data.Dataset;
import org.sgdlab.oracles.OracleCatalog;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.oracles.OracleResult;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.report.Json;
import org.sgdlab.report.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `sgdlab solve PROBLEM`: a reference solver of {@link OracleCatalog} on a data file; the solution as JSON or CSV (the
 * oracle's quantities under their names, then the provenance).
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve a reference problem exactly.",
            "  min-norm  minimum-norm least squares X⁺y (Householder LQ when X has certified full row rank, else SVD with a relative singular-value cutoff)",
            "  svm       hard-margin linear SVM min ½‖w‖² s.t. yᵢ(⟨w,xᵢ⟩ + b) ≥ 1 (labels ±1), with its KKT residual",
            "  min-p-norm      min ‖w‖_p s.t. Xw = y, p in (1, ∞) (Newton on the dual), with its duality gap",
            "  bregman         argmin D_R(w, 0) s.t. Xw = y for a mirror potential R (the limit of mirror descent, 002 Thm 8.1.2)",
            "  logistic-reg    argmin (1/n)Σ log(1 + e^(−yᵢ⟨w,xᵢ⟩)) + λ‖w‖² by Newton's method",
            "  margin          max-margin direction in ℓ1 or ℓ∞ geometry (LP; --norm), with its duality gap",
            "  basis-pursuit   min ‖w‖₁ s.t. Xw = y (LP), with a dual certificate",
            "  multiclass-svm  min Σ‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (labels 0..K−1), with its KKT residual"},
        footer = {"", "Examples:", "  sgdlab solve min-norm --data X.csv --label y --out w.json",
            "  sgdlab solve svm --data points.csv --intercept --out svm.csv",
            "  sgdlab solve bregman --potential hyperbolic --alpha 1e-3 --generate regression --n 10 --d 40",
            "  sgdlab solve min-p-norm --p 1.33 --data X.csv --label y",
            "", "Exit codes: 0 solved, 1 the solver stopped short of optimality (status and residual printed), 2 bad input (including data "
                + "that are not separable, or y outside range(X) for basis-pursuit)."})
final class SolveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "min-norm, svm, min-p-norm, bregman, logistic-reg, margin, "
            + "basis-pursuit or multiclass-svm")
    String problem;

    @Mixin
    DataOptions data;

    @Option(names = "--intercept", description = "svm: fit an intercept b (default: homogeneous, through the origin).")
    boolean intercept;

    @Option(names = "--rcond", description = "min-norm: relative singular-value cutoff (default: max(n, d)·ε).")
    Double rcond;

    @Option(names = "--p", description = "min-p-norm, bregman with --potential lp: the exponent p in (1, ∞).")
    Double p;

    @Option(names = "--potential", description = "bregman: euclidean, lp, hyperbolic (R_α of 002 Thm 8.1.6) or entropy (default: ${DEFAULT-VALUE}).",
            defaultValue = "hyperbolic")
    String potential;

    @Option(names = "--alpha", description = "bregman with --potential hyperbolic: the scale α > 0.")
    Double alpha;

    @Option(names = "--lambda", description = "logistic-reg: the ridge weight λ > 0 in (1/n)Σ log(1 + e^(−yᵢ⟨w,xᵢ⟩)) + λ‖w‖².")
    Double lambda;

    @Option(names = "--norm", description = "margin: l1 or linf, the geometry of the max-margin LP (default: ${DEFAULT-VALUE}).",
            defaultValue = "linf")
    String norm;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the solution to FILE (.json or .csv); default: JSON on standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = data.load();
        Instant started = Instant.now();
        OracleEntry entry = OracleCatalog.find(problem);
        if (entry == null) {
            throw new Main.UsageException("unknown problem \"" + problem + "\"; choose " + PROBLEMS);
        }
        requireLabels(entry, dataset);
        OracleResult result = entry.solve(dataset.x(), dataset.y(), null, givenOptions(entry));
        if (result.infeasible()) {
            throw new Main.UsageException(dataset.name() + ": " + result.message());
        }
        if (result.status() != OracleStatus.OPTIMAL) {
            spec.commandLine().getErr().println("sgdlab: solver stopped with status " + result.status() + ": "
                    + result.message());
            return Main.EXIT_FAILED;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("problem", result.problem());
        doc.putAll(result.fields());
        double[] w = (double[]) doc.get("w");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("problem", problem);
        params.put("data", data.describe());
        params.put("intercept", Boolean.toString(intercept));
        doc.put("provenance", Json.toMap(Provenance.capture(0, params, started)));
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.println(Json.writePretty(doc));
        } else if (out.toString().endsWith(".csv")) {
            StringBuilder sb = new StringBuilder("index,w\n");
            for (int j = 0; j < w.length; j++) {
                sb.append(j).append(',').append(org.sgdlab.report.CsvWriter.format(w[j])).append('\n');
            }
            if (doc.containsKey("b")) {
                sb.append("b,").append(org.sgdlab.report.CsvWriter.format((Double) doc.get("b"))).append('\n');
            }
            AtomicFiles.writeString(out, sb.toString());
            stdout.println("wrote " + out + " (status " + doc.get("status") + ")");
        } else {
            AtomicFiles.writeString(out, Json.writePretty(doc) + "\n");
            stdout.println("wrote " + out + " (status " + doc.get("status") + ")");
        }
        stdout.flush();
        return 0;
    }

    /** The oracles' names as a usage message lists them: "a, b or c". */
    static final String PROBLEMS = String.join(", ", OracleCatalog.names().subList(0, OracleCatalog.names().size() - 1))
            + " or " + OracleCatalog.names().get(OracleCatalog.names().size() - 1);

    /** The options of this command that {@code entry} reads and that were given (or have a default here). */
    private Map<String, String> givenOptions(OracleEntry entry) {
        Map<String, String> all = new LinkedHashMap<>();
        if (intercept) {
            all.put("intercept", "true");
        }
        putIfGiven(all, "rcond", rcond);
        putIfGiven(all, "p", p);
        all.put("potential", potential);
        putIfGiven(all, "alpha", alpha);
        putIfGiven(all, "lambda", lambda);
        all.put("norm", norm);
        Map<String, String> given = new LinkedHashMap<>();
        for (OracleEntry.Option o : entry.options()) {
            if (all.containsKey(o.name())) {
                given.put(o.name(), all.get(o.name()));
            }
        }
        return given;
    }

    private static void putIfGiven(Map<String, String> m, String name, Double value) {
        if (value != null) {
            m.put(name, Double.toString(value));
        }
    }

    /**
     * Rejects targets the oracle cannot take, naming the data file and the (1-based) row: ±1 labels for BINARY, integers
     * 0..K−1 for CLASSES.
     */
    static void requireLabels(OracleEntry entry, Dataset d) {
        if (entry.labels() == OracleEntry.Labels.BINARY) {
            d.requireBinaryLabels();
        } else if (entry.labels() == OracleEntry.Labels.CLASSES) {
            for (int i = 0; i < d.n(); i++) {
                double v = d.y()[i];
                if (v != Math.rint(v) || v < 0 || v > 1000) {
                    throw new org.sgdlab.data.DataFormatException(d.name(), "row " + (i + 1),
                            "multiclass labels must be integers 0..K−1, got " + v);
                }
            }
        }
    }
}
