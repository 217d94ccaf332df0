package org.sgdlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdlab.data.Dataset;
import org.sgdlab.oracles.HardMarginSvm;
import org.sgdlab.oracles.MinNormLeastSquares;
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
            "  min-norm  minimum-norm least squares X⁺y (SVD with a relative singular-value cutoff)",
            "  svm       hard-margin linear SVM min ½‖w‖² s.t. yᵢ(⟨w,xᵢ⟩ + b) ≥ 1 (labels ±1), with its KKT residual"},
        footer = {"", "Examples:", "  sgdlab solve min-norm --data X.csv --label y --out w.json",
            "  sgdlab solve svm --data points.csv --intercept --out svm.csv",
            "", "Exit codes: 0 solved, 2 bad input (including data that are not linearly separable for svm)."})
final class SolveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "min-norm or svm")
    String problem;

    @Mixin
    DataOptions data;

    @Option(names = "--intercept", description = "svm: fit an intercept b (default: homogeneous, through the origin).")
    boolean intercept;

    @Option(names = "--rcond", description = "min-norm: relative singular-value cutoff (default: max(n, d)·ε).")
    Double rcond;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the solution to FILE (.json or .csv); default: JSON on standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = data.load();
        Instant started = Instant.now();
        Map<String, Object> doc = new LinkedHashMap<>();
        double[] w;
        switch (problem) {
            case "min-norm": {
                MinNormSolution s = rcond == null ? MinNormLeastSquares.solve(dataset.x(), dataset.y())
                        : MinNormLeastSquares.solve(dataset.x(), dataset.y(), rcond);
                w = s.w();
                doc.put("problem", "min-norm");
                doc.put("status", s.status().name());
                doc.put("rank", s.rank());
                doc.put("residual_norm", s.residualNorm());
                doc.put("w", w);
                doc.put("singular_values", s.singularValues());
                break;
            }
            case "svm": {
                dataset.requireBinaryLabels();
                SvmSolution s = HardMarginSvm.solve(dataset.x(), dataset.y(), intercept);
                if (s.status() == OracleStatus.NOT_SEPARABLE) {
                    throw new Main.UsageException(dataset.name() + ": " + s.message());
                }
                if (s.status() != OracleStatus.OPTIMAL) {
                    spec.commandLine().getErr().println("sgdlab: solver stopped with status " + s.status() + ": " + s.message());
                    return Main.EXIT_FAILED;
                }
                w = s.w();
                doc.put("problem", intercept ? "svm-intercept" : "svm");
                doc.put("status", s.status().name());
                doc.put("w", w);
                doc.put("b", s.b());
                doc.put("margin", s.margin());
                doc.put("kkt_residual", s.kktResidual());
                doc.put("support_vectors", s.supportVectors());
                doc.put("iterations", s.iterations());
                break;
            }
            default:
                throw new Main.UsageException("unknown problem \"" + problem + "\"; choose min-norm or svm");
        }
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
}
