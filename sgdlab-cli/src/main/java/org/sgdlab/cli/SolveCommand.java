package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.data.Dataset;
import org.sgdlab.oracles.BasisPursuit;
import org.sgdlab.oracles.BasisPursuitSolution;
import org.sgdlab.oracles.BregmanProjection;
import org.sgdlab.oracles.BregmanProjectionSolution;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.MinPNormInterpolant;
import org.sgdlab.oracles.MinPNormInterpolantSolution;
import org.sgdlab.oracles.RegularizedLogistic;
import org.sgdlab.oracles.RegularizedLogisticSolution;
import org.sgdlab.oracles.LinearMarginSolution;
import org.sgdlab.oracles.LinearMarginSolver;
import org.sgdlab.oracles.MarginNorm;
import org.sgdlab.oracles.MinNormLeastSquares;
import org.sgdlab.oracles.MulticlassSvm;
import org.sgdlab.oracles.MulticlassSvmSolution;
import org.sgdlab.oracles.MinNormSolution;
import org.sgdlab.oracles.OracleStatus;
import org.sgdlab.oracles.SvmSolution;
import org.sgdlab.report.Json;
import org.sgdlab.report.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sgdlab solve min-norm|svm`: a reference solver on a data file; the solution as JSON or CSV. */
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
        Map<String, Object> doc = new LinkedHashMap<>();
        Integer failed = solveInto(problem, dataset, doc);
        if (failed != null) {
            return failed;
        }
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

    /** Solves {@code name} on the data into {@code doc}; returns an exit code when the solver could not finish, else null. */
    private Integer solveInto(String name, Dataset d, Map<String, Object> doc) {
        doc.put("problem", name);
        switch (name) {
            case "min-norm": {
                MinNormSolution s = rcond == null ? MinNormLeastSquares.solve(d.x(), d.y()) : MinNormLeastSquares.solve(d.x(), d.y(), rcond);
                doc.put("status", s.status().name());
                doc.put("rank", s.rank());
                doc.put("residual_norm", s.residualNorm());
                doc.put("w", s.w());
                doc.put("singular_values", s.singularValues());
                return null;
            }
            case "svm": {
                d.requireBinaryLabels();
                SvmSolution s = HardMarginSvm.solve(d.x(), d.y(), intercept);
                rejectNotSeparable(d, s.status(), s.message());
                doc.put("problem", intercept ? "svm-intercept" : "svm");
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("b", s.b());
                doc.put("margin", s.margin());
                doc.put("kkt_residual", s.kktResidual());
                doc.put("support_vectors", s.supportVectors());
                doc.put("iterations", s.iterations());
                return finished(s.status(), s.message());
            }
            case "min-p-norm": {
                MinPNormInterpolantSolution s = MinPNormInterpolant.solve(d.x(), d.y(), required("--p", p));
                doc.put("p", p);
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("norm", s.norm());
                doc.put("duality_gap", s.dualityGap());
                doc.put("primal_residual", s.primalResidual());
                doc.put("iterations", s.iterations());
                return finished(s.status(), s.message());
            }
            case "bregman": {
                BregmanProjection.Mirror mirror = mirror();
                BregmanProjectionSolution s = BregmanProjection.project(mirror, d.x(), d.y(), null);
                doc.put("potential", potential);
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("kkt_residual", s.kktResidual());
                doc.put("primal_residual", s.primalResidual());
                doc.put("iterations", s.iterations());
                return finished(s.status(), s.message());
            }
            case "logistic-reg": {
                d.requireBinaryLabels();
                RegularizedLogisticSolution s = RegularizedLogistic.solve(d.x(), d.y(), required("--lambda", lambda));
                doc.put("lambda", lambda);
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("value", s.value());
                doc.put("gradient_norm", s.gradientNorm());
                doc.put("iterations", s.iterations());
                return finished(s.status(), s.message());
            }
            case "margin": {
                d.requireBinaryLabels();
                LinearMarginSolution s = LinearMarginSolver.solve(d.x(), d.y(), marginNorm());
                rejectNotSeparable(d, s.status(), s.message());
                doc.put("norm", norm);
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("margin", s.margin());
                doc.put("duality_gap", s.dualityGap());
                doc.put("active_constraints", s.activeConstraints());
                return finished(s.status(), s.message());
            }
            case "basis-pursuit": {
                BasisPursuitSolution s = BasisPursuit.solve(d.x(), d.y());
                rejectNotSeparable(d, s.status(), s.message());
                doc.put("status", s.status().name());
                doc.put("w", s.w());
                doc.put("l1_norm", s.l1Norm());
                doc.put("support", s.support());
                doc.put("duality_gap", s.dualityGap());
                doc.put("relative_residual", s.relativeResidual());
                return finished(s.status(), s.message());
            }
            case "multiclass-svm": {
                int[] labels = classLabels(d);
                int k = 0;
                for (int c : labels) {
                    k = Math.max(k, c + 1);
                }
                MulticlassSvmSolution s = MulticlassSvm.solve(d.x(), labels, k);
                rejectNotSeparable(d, s.status(), s.message());
                doc.put("classes", k);
                doc.put("status", s.status().name());
                double[] flat = new double[k * d.d()];
                if (s.w() != null) {
                    for (int c = 0; c < k; c++) {
                        System.arraycopy(s.w()[c], 0, flat, c * d.d(), d.d());
                    }
                }
                doc.put("w", flat);
                doc.put("w_layout", "class-major: w[c * d + j] is feature j of class c");
                doc.put("objective", s.objective());
                doc.put("kkt_residual", s.kktResidual());
                doc.put("iterations", s.iterations());
                return finished(s.status(), s.message());
            }
            default:
                throw new Main.UsageException("unknown problem \"" + name + "\"; choose " + PROBLEMS);
        }
    }

    static final String PROBLEMS = "min-norm, svm, min-p-norm, bregman, logistic-reg, margin, basis-pursuit or multiclass-svm";

    private MarginNorm marginNorm() {
        switch (norm) {
            case "l1":
                return MarginNorm.L1;
            case "linf":
                return MarginNorm.LINF;
            default:
                throw new Main.UsageException("--norm must be l1 or linf for the margin LP, got \"" + norm + "\" (use `svm` for l2)");
        }
    }

    /** Labels 0..K−1 as ints; names the first row that is not a non-negative integer. */
    private static int[] classLabels(Dataset d) {
        int[] out = new int[d.n()];
        for (int i = 0; i < d.n(); i++) {
            double v = d.y()[i];
            if (v != Math.rint(v) || v < 0 || v > 1000) {
                throw new org.sgdlab.data.DataFormatException(d.name(), "row " + (i + 1),
                        "multiclass labels must be integers 0..K−1, got " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static double required(String option, Double v) {
        if (v == null) {
            throw new Main.UsageException("this problem needs " + option);
        }
        return v;
    }

    /** The potential of --potential: euclidean, lp (with --p), hyperbolic (with --alpha) or entropy. */
    private BregmanProjection.Mirror mirror() {
        switch (potential) {
            case "euclidean":
                return BregmanProjection.Mirror.euclidean();
            case "lp":
                return BregmanProjection.Mirror.lpSquared(required("--p", p));
            case "hyperbolic":
                return BregmanProjection.Mirror.hyperbolicEntropy(required("--alpha", alpha));
            case "entropy":
                return BregmanProjection.Mirror.negativeEntropy();
            default:
                throw new Main.UsageException("--potential must be euclidean, lp, hyperbolic or entropy, got \"" + potential + "\"");
        }
    }

    private static void rejectNotSeparable(Dataset d, OracleStatus status, String message) {
        if (status == OracleStatus.NOT_SEPARABLE || status == OracleStatus.INFEASIBLE) {
            throw new Main.UsageException(d.name() + ": " + message);
        }
    }

    /** null when optimal; otherwise reports the status and returns exit code 1. */
    private Integer finished(OracleStatus status, String message) {
        if (status == OracleStatus.OPTIMAL) {
            return null;
        }
        spec.commandLine().getErr().println("sgdlab: solver stopped with status " + status + ": " + message);
        return Main.EXIT_FAILED;
    }
}
