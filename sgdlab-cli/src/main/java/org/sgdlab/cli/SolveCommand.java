package org.sgdlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.data.DataFormatException;
import org.sgdlab.data.Dataset;
import org.sgdlab.kernels.KernelOracleCatalog;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.MatrixCompletionProblem;
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
            "  multiclass-svm  min Σ‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (labels 0..K−1), with its KKT residual",
            "  nuclear-norm    min ‖W‖_* over R×C matrices with the observed entries (CSV columns i, j, value; 0-based; "
                + "--rows, --cols), with its duality gap; --sensing: rows vec(Aₖ) with ⟨Aₖ, W⟩",
            "  min-frobenius   min ‖W‖_F with the same data (completion: the observed entries, zeros elsewhere)",
            "  kernel-regression  α = (K + λI)⁻¹y for the Gram matrix K of --kernel (--lambda 0: the ridgeless interpolant), "
                + "refused when K + λI is numerically singular",
            "  kernel-svm         hard-margin SVM in the feature space of --kernel (labels ±1), with its KKT residual on K"},
        footer = {"", "Examples:", "  sgdlab solve min-norm --data X.csv --label y --out w.json",
            "  sgdlab solve svm --data points.csv --intercept --out svm.csv",
            "  sgdlab solve bregman --potential hyperbolic --alpha 1e-3 --generate regression --n 10 --d 40",
            "  sgdlab solve min-p-norm --p 1.33 --data X.csv --label y",
            "  sgdlab solve nuclear-norm --data entries.csv --rows 30 --cols 40 --out W.csv",
            "  sgdlab solve kernel-svm --kernel ntk:depth=2 --data points.csv   (`sgdlab list kernels` shows the kernels)",
            "", "Exit codes: 0 solved, 1 the solver stopped short of optimality (status and residual printed), 2 bad input (including data "
                + "that are not separable, y outside range(X) for basis-pursuit, inconsistent measurements for the matrix problems, "
                + "and bad entries: the message names the file, line, entry and value)."})
final class SolveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "min-norm, svm, min-p-norm, bregman, logistic-reg, margin, "
            + "basis-pursuit, multiclass-svm, nuclear-norm, min-frobenius, kernel-regression or kernel-svm")
    String problem;

    @Mixin
    DataOptions data;

    @Option(names = "--intercept", description = "svm, kernel-svm: fit an intercept b (default: homogeneous, through the origin).")
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

    @Option(names = "--lambda", description = "logistic-reg: the ridge weight λ > 0 in (1/n)Σ log(1 + e^(−yᵢ⟨w,xᵢ⟩)) + λ‖w‖²; "
            + "kernel-regression: the ridge λ >= 0 of (K + λI)α = y (default 0, ridgeless).")
    Double lambda;

    @Option(names = "--kernel", paramLabel = "SPEC", description = "kernel-regression, kernel-svm: the kernel, e.g. ntk:depth=2, "
            + "rbf:gamma=0.5, poly:degree=3 (`sgdlab list kernels`).")
    String kernel;

    @Option(names = "--norm", description = "margin: l1 or linf, the geometry of the max-margin LP (default: ${DEFAULT-VALUE}).",
            defaultValue = "linf")
    String norm;

    @Option(names = "--rows", paramLabel = "R", description = "nuclear-norm, min-frobenius: the number of rows R of the matrix W.")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", description = "nuclear-norm, min-frobenius: the number of columns C of W.")
    Integer cols;

    @Option(names = "--sensing", description = "nuclear-norm, min-frobenius: the data rows are measurement matrices vec(Aₖ) "
            + "(R·C columns, row-major) with the label ⟨Aₖ, W⟩ (default: observed entries, columns i, j, value).")
    boolean sensing;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the solution to FILE (.json or .csv; for the matrix "
            + "problems the .csv is W itself, R lines of C values, no header); default: JSON on standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OracleEntry entry = OracleCatalog.find(problem);
        if (entry == null) {
            entry = KernelOracleCatalog.find(problem);
        }
        if (entry == null) {
            throw new Main.UsageException("unknown problem \"" + problem + "\"; choose " + PROBLEMS);
        }
        rejectUnusedOptions(entry);
        if (out != null) {
            AtomicFiles.checkWritable(out); // before solving: a bad --out fails at once
        }
        Dataset dataset = data.load();
        Instant started = Instant.now();
        requireLabels(entry, dataset);
        boolean matrix = entry.labels() == OracleEntry.Labels.ENTRIES;
        Matrix x = matrix ? matrixData(dataset) : dataset.x();
        OracleResult result;
        try {
            result = entry.solve(x, dataset.y(), null, givenOptions(entry));
        } catch (MatrixCompletionProblem.InvalidEntryException e) {
            throw badEntry(dataset, e);
        }
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
        String solution = doc.containsKey("w") ? "w" : "alpha"; // the kernel oracles' solution is α
        double[] w = (double[]) doc.get(solution);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("problem", problem);
        params.put("data", data.describe());
        params.put("intercept", Boolean.toString(intercept));
        if (kernel != null) {
            params.put("kernel", kernel);
        }
        if (matrix) {
            params.put("rows", Integer.toString(rows));
            params.put("cols", Integer.toString(cols));
            params.put("sensing", Boolean.toString(sensing));
        }
        doc.put("provenance", Json.toMap(Provenance.capture(0, params, started)));
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.println(Json.writePretty(doc));
        } else if (out.toString().endsWith(".csv") && matrix) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    sb.append(j == 0 ? "" : ",").append(org.sgdlab.report.CsvWriter.format(w[i * cols + j]));
                }
                sb.append('\n');
            }
            AtomicFiles.writeString(out, sb.toString());
            stdout.println("wrote " + out + " (status " + doc.get("status") + ")");
        } else if (out.toString().endsWith(".csv")) {
            StringBuilder sb = new StringBuilder("index," + solution + "\n");
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

    /** The options of this command and the oracle option each sets. */
    private static final Map<String, String> OPTION_OF = Map.ofEntries(Map.entry("--intercept", "intercept"),
            Map.entry("--rcond", "rcond"), Map.entry("--p", "p"), Map.entry("--potential", "potential"),
            Map.entry("--alpha", "alpha"), Map.entry("--lambda", "lambda"), Map.entry("--norm", "norm"),
            Map.entry("--rows", "rows"), Map.entry("--cols", "cols"), Map.entry("--sensing", "sensing"),
            Map.entry("--kernel", "kernel"));

    /**
     * Fails when an option was given that {@code entry} does not read (it would be silently ignored, e.g. --intercept
     * with min-norm), naming the options it does read.
     */
    private void rejectUnusedOptions(OracleEntry entry) {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        List<String> reads = entry.options().stream().map(OracleEntry.Option::name).toList();
        for (Map.Entry<String, String> o : new java.util.TreeMap<>(OPTION_OF).entrySet()) {
            if (pr != null && pr.hasMatchedOption(o.getKey()) && !reads.contains(o.getValue())) {
                throw new Main.UsageException(o.getKey() + " does not apply to " + entry.name() + " (it takes "
                        + (reads.isEmpty() ? "no options" : String.join(", ", reads.stream().map(n -> "--" + n).toList()))
                        + ")");
            }
        }
        if ("bregman".equals(entry.name()) && pr != null) {
            if (pr.hasMatchedOption("--alpha") && !"hyperbolic".equals(potential)) {
                throw new Main.UsageException("--alpha is the scale of --potential hyperbolic; it does not apply to --potential "
                        + potential);
            }
            if (pr.hasMatchedOption("--p") && !"lp".equals(potential)) {
                throw new Main.UsageException("--p is the exponent of --potential lp; it does not apply to --potential " + potential);
            }
        }
    }

    /** The oracles' names as a usage message lists them: "a, b or c, or a kernel problem: d or e". */
    static final String PROBLEMS = String.join(", ", OracleCatalog.names().subList(0, OracleCatalog.names().size() - 1))
            + " or " + OracleCatalog.names().get(OracleCatalog.names().size() - 1) + ", or a kernel problem: "
            + String.join(" or ", KernelOracleCatalog.names());

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
        if (rows != null) {
            all.put("rows", Integer.toString(rows));
        }
        if (cols != null) {
            all.put("cols", Integer.toString(cols));
        }
        if (sensing) {
            all.put("sensing", "true");
        }
        if (kernel != null) {
            all.put("kernel", kernel);
        }
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
     * The data of a matrix problem as the oracle reads them, after checking --rows and --cols and the columns: for
     * completion the two index columns in the order i, j (by header name when the columns are called i and j, else as
     * they come), for sensing the R·C entries of each vec(Aₖ).
     */
    private Matrix matrixData(Dataset d) {
        requirePositive("--rows", rows);
        requirePositive("--cols", cols);
        List<String> names = d.featureNames();
        if (sensing) {
            if ((long) d.x().cols() != (long) rows * cols) {
                throw new DataFormatException(d.name(), "header", "--sensing reads each measurement matrix vec(A) as R·C = "
                        + (long) rows * cols + " columns (row-major) besides the value column, found " + d.x().cols());
            }
            return d.x();
        }
        if (d.x().cols() != 2) {
            throw new DataFormatException(d.name(), "header", "expected the three columns i, j, value (0-based row index, "
                    + "column index, observed value), found " + (d.x().cols() + 1) + (names.isEmpty() ? ""
                    : ": " + String.join(", ", names) + " and the value column"));
        }
        if (names.equals(List.of("j", "i"))) {
            int n = d.n();
            double[] swapped = new double[2 * n];
            for (int k = 0; k < n; k++) {
                swapped[2 * k] = d.x().get(k, 1);
                swapped[2 * k + 1] = d.x().get(k, 0);
            }
            return new Matrix(n, 2, swapped);
        }
        return d.x();
    }

    private void requirePositive(String option, Integer value) {
        if (value == null) {
            throw new Main.UsageException(problem + " needs " + option + " (the " + (option.equals("--rows") ? "rows" : "columns")
                    + " of the matrix W)");
        }
        if (value < 1) {
            throw new Main.UsageException(option + " must be an integer >= 1, got " + value);
        }
    }

    /** A bad entry as a data error naming the file, its line (CSV) or data row, the entry and its value. */
    private DataFormatException badEntry(Dataset d, MatrixCompletionProblem.InvalidEntryException e) {
        Path file = data.file;
        boolean csv = file != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        int line = csv ? lineOfDataRow(file, e.entry()) : -1;
        String where = line > 0 ? "line " + line : "data row " + (e.entry() + 1);
        String earlier = "";
        if (e.earlierEntry() >= 0) {
            int l0 = csv ? lineOfDataRow(file, e.earlierEntry()) : -1;
            earlier = " (entry " + e.earlierEntry() + " is on " + (l0 > 0 ? "line " + l0 : "data row " + (e.earlierEntry() + 1))
                    + ")";
        }
        return new DataFormatException(d.name(), where, e.getMessage() + earlier);
    }

    /**
     * The 1-based line of data row {@code row} (0-based) of a CSV file, counted as {@link org.sgdlab.data.CsvReader}
     * reads it (blank lines and lines starting with # skipped, the first other line the header), or −1.
     */
    static int lineOfDataRow(Path file, int row) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            int seen = -1; // −1: the header is still to come
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (lineNo == 1 && t.startsWith("\uFEFF")) {
                    t = t.substring(1).strip();
                }
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (seen++ == row) {
                    return lineNo;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
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
