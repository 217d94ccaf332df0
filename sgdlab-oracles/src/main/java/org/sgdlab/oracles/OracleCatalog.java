package org.sgdlab.oracles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;

/**
 * Every data-driven reference solver ("oracle") of sgdlab by name: the one registry behind {@code sgdlab solve},
 * {@code sgdlab list oracles}, the reference solutions of {@code sgdlab train} and the oracles' contract test. Each
 * entry states its problem, source, certificate, labels and options, and returns an {@link OracleResult}: a status, a
 * residual, a message and the solution, plus its own quantities under the names {@code sgdlab solve} writes.
 *
 * <p>Not listed: {@link FlowIntegrator} (it integrates an objective's flow, not a problem on data) and {@link RowSpace}
 * (a basis, not a solution).
 */
public final class OracleCatalog {
    private static final OracleRegistry REGISTRY = new OracleRegistry();
    /** The options of the matrix problems (completion by default, sensing on request). */
    private static final List<OracleEntry.Option> MATRIX_OPTIONS = List.of(
            new OracleEntry.Option("rows", "R, the number of rows of W (an integer >= 1)", null),
            new OracleEntry.Option("cols", "C, the number of columns of W (an integer >= 1)", null),
            new OracleEntry.Option("sensing", "the data rows are measurement matrices vec(Aₖ) (R·C columns, row-major) "
                    + "with the targets ⟨Aₖ, W⟩, instead of entries i, j with their values", "false"));

    static {
        add("min-norm", "min ‖w‖₂ over argmin ‖Xw − y‖₂: w = X⁺y (w₀ + X⁺(y − Xw₀) from a start w₀), the limit of GD on "
                + "least squares", "Moore 1920; Penrose 1955; source 000",
                "‖(I − P_row(X))(w − w₀)‖₂/‖w‖₂ (w − w₀ stays in row(X)); OPTIMAL unless the Jacobi SVD did not converge",
                OracleEntry.Labels.REAL,
                List.of(new OracleEntry.Option("rcond", "relative singular-value cutoff", null)),
                OracleCatalog::minNorm);
        add("svm", "min ½‖w‖² s.t. yᵢ(⟨w, xᵢ⟩ + b) ≥ 1 (b = 0 unless intercept), the limit direction of GD on separable "
                + "logistic loss", "Vapnik 1998; Cortes & Vapnik 1995 (C = ∞); Soudry et al. 2018; source 001",
                "KKT residual (HardMarginSvm.kktResidual); not separable: a Gordan certificate λ ≥ 0, Σλ = 1, "
                + "‖Σλᵢyᵢxᵢ‖ ≈ 0, in the message", OracleEntry.Labels.BINARY,
                List.of(new OracleEntry.Option("intercept", "fit an intercept b", "false")),
                OracleCatalog::svm);
        add("min-p-norm", "min ‖w‖_p s.t. Xw = y, p ∈ (1, ∞), the limit of p-norm mirror descent from 0",
                "002 Thm 8.1.2 with R = ½‖·‖²_p; Newton on the dual",
                "max(|relative Hölder duality gap|, ‖Xw − y‖/‖y‖, stationarity residual)", OracleEntry.Labels.REAL,
                List.of(new OracleEntry.Option("p", "the exponent p in (1, ∞)", null)),
                OracleCatalog::minPNorm);
        add("bregman", "argmin D_R(w, w₀) s.t. Xw = y for a mirror potential R, the limit of mirror descent from w₀",
                "002 Thm 8.1.2; hyperbolic entropy R_α: 002 Thm 8.1.6",
                "KKT residual max(‖Xw − y‖/‖y‖, stationarity residual)", OracleEntry.Labels.REAL,
                List.of(new OracleEntry.Option("potential", "euclidean, lp (with p), hyperbolic (with alpha) or entropy",
                                "hyperbolic"),
                        new OracleEntry.Option("alpha", "the scale α > 0 of the hyperbolic potential", null),
                        new OracleEntry.Option("p", "the exponent p in (1, ∞) of the lp potential ½‖·‖²_p", null)),
                OracleCatalog::bregman);
        add("logistic-reg", "argmin (1/n)Σ log(1 + exp(−yᵢ⟨w, xᵢ⟩)) + λ‖w‖²₂, whose direction tends to the SVM's as λ → 0",
                "Rosset, Zhu & Hastie 2004; Newton's method", "‖∇F(w)‖₂/(1 + ‖w‖₂)", OracleEntry.Labels.BINARY,
                List.of(new OracleEntry.Option("lambda", "the ridge weight λ > 0", null)),
                OracleCatalog::logisticReg);
        add("margin", "max_{‖w‖_p ≤ 1} minᵢ yᵢ⟨w, xᵢ⟩, p ∈ {1, ∞}, the limit direction of steepest descent in ℓp",
                "Gunasekar, Lee, Soudry & Srebro 2018; LP (ojAlgo) certified by its duality gap",
                "max(|relative duality gap|, (‖w‖_p − 1)₊); not separable: ‖Σλᵢyᵢxᵢ‖_q/maxᵢ‖xᵢ‖_q of the Gordan "
                + "certificate λ", OracleEntry.Labels.BINARY,
                List.of(new OracleEntry.Option("norm", "l1 or linf, the geometry p of ‖w‖_p ≤ 1", "linf")),
                OracleCatalog::margin);
        add("basis-pursuit", "min ‖w‖₁ s.t. Xw = y, the limit of small-scale hyperbolic mirror descent",
                "Chen, Donoho & Saunders 1998; Woodworth et al. 2020; LP (ojAlgo) certified by its duality gap",
                "max(|relative duality gap|, ‖Xw − y‖/‖y‖, (‖Xᵀλ‖∞ − 1)₊); infeasible: ‖y − XX⁺y‖/‖y‖ of the Fredholm "
                + "certificate", OracleEntry.Labels.REAL, List.of(),
                OracleCatalog::basisPursuit);
        add("multiclass-svm", "min Σ_k‖w_k‖² s.t. ⟨w_{yᵢ} − w_k, xᵢ⟩ ≥ 1 (k ≠ yᵢ), the limit direction of GD on separable "
                + "cross-entropy", "Crammer & Singer 2001 (no slack); Soudry et al. 2018 §4; source 001 §2.6",
                "KKT residual (MulticlassSvm.kktResidual); not separable: ‖Σλ_{ik}(e_{yᵢ} − e_k)⊗xᵢ‖ of the Gordan "
                + "certificate λ", OracleEntry.Labels.CLASSES, List.of(),
                OracleCatalog::multiclassSvm);
        add("nuclear-norm", "min ‖W‖_* s.t. W[i, j] = value on the observed entries of an R×C matrix (with sensing: "
                + "⟨Aₖ, W⟩ = bₖ), the conjectured limit of GD on factorized models from small initialization",
                "Fazel 2002; Candès & Recht 2009; Gunasekar et al. 2017; ADMM on the dual (Yang & Yuan 2013) + rank-r "
                + "Newton polish", "max(|relative duality gap|, ‖𝒜(W) − b‖/‖b‖, (‖𝒜*(λ)‖_op − 1)₊); sensing with b ∉ "
                + "range(𝒜): ‖b − 𝒜(W_F)‖/‖b‖ of the Fredholm certificate", OracleEntry.Labels.ENTRIES, MATRIX_OPTIONS,
                OracleCatalog::nuclearNorm);
        add("min-frobenius", "min ‖W‖_F s.t. W[i, j] = value on the observed entries (with sensing: ⟨Aₖ, W⟩ = bₖ), the "
                + "limit of GD from 0 on the unfactored model (completion: the observed entries, zeros elsewhere)",
                "minimum-norm least squares on vec(W) (source 000); pivoted Cholesky of 𝒜𝒜*",
                "‖𝒜(W) − b‖/‖b‖ (W = 𝒜*(λ) ∈ range(𝒜*) by construction); sensing with b ∉ range(𝒜): ‖(I − P)b‖/‖b‖ of "
                + "the Fredholm certificate", OracleEntry.Labels.ENTRIES, MATRIX_OPTIONS,
                OracleCatalog::minFrobenius);
    }

    private OracleCatalog() {
    }

    private static void add(String name, String problem, String source, String certificate, OracleEntry.Labels labels,
                            List<OracleEntry.Option> options, OracleEntry.Solver solver) {
        REGISTRY.add(new OracleEntry(name, problem, source, certificate, labels, options, solver));
    }

    /** All entries in catalog order. */
    public static List<OracleEntry> all() {
        return REGISTRY.all();
    }

    /** The names in catalog order, e.g. for a usage message. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The entry called {@code name}, or null. */
    public static OracleEntry find(String name) {
        return REGISTRY.find(name);
    }

    /** The entry called {@code name}; rejects an unknown name, listing the known ones. */
    public static OracleEntry entry(String name) {
        OracleEntry e = REGISTRY.find(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown oracle \"" + name + "\"; choose one of "
                    + String.join(", ", REGISTRY.names()) + " (`sgdlab list oracles` shows their problems)");
        }
        return e;
    }

    // ------------------------------------------------------------------ the entries

    private static OracleResult minNorm(Matrix x, double[] y, double[] start, OracleOptions o) {
        Double rcond = o.optionalNumber("rcond");
        MinNormSolution s;
        if (start == null) {
            s = rcond == null ? MinNormLeastSquares.solve(x, y) : MinNormLeastSquares.solve(x, y, rcond);
        } else {
            s = rcond == null ? MinNormLeastSquares.fromInitial(x, y, start) : MinNormLeastSquares.fromInitial(x, y, start, rcond);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", s.status().name());
        f.put("rank", s.rank());
        f.put("residual_norm", s.residualNorm());
        f.put("w", s.w());
        f.put("singular_values", s.singularValues());
        return new OracleResult("min-norm", s.status(), s.rowSpaceResidual(), s.toString(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult svm(Matrix x, double[] y, double[] start, OracleOptions o) {
        boolean intercept = o.flag("intercept");
        SvmSolution s = HardMarginSvm.solve(x, y, intercept);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("b", s.b());
        f.put("margin", s.margin());
        f.put("kkt_residual", s.kktResidual());
        f.put("support_vectors", s.supportVectors());
        f.put("iterations", s.iterations());
        return new OracleResult(intercept ? "svm-intercept" : "svm", s.status(), s.kktResidual(), s.message(), s.w(),
                intercept ? s.b() : Double.NaN, f, s);
    }

    private static OracleResult minPNorm(Matrix x, double[] y, double[] start, OracleOptions o) {
        double p = o.number("p");
        MinPNormInterpolantSolution s = MinPNormInterpolant.solve(x, y, p);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("p", p);
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("norm", s.norm());
        f.put("duality_gap", s.dualityGap());
        f.put("primal_residual", s.primalResidual());
        f.put("iterations", s.iterations());
        double residual = Math.max(Math.abs(s.dualityGap()), Math.max(s.primalResidual(), s.stationarityResidual()));
        return new OracleResult("min-p-norm", s.status(), residual, s.message(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult bregman(Matrix x, double[] y, double[] start, OracleOptions o) {
        String potential = o.text("potential");
        BregmanProjection.Mirror mirror;
        switch (potential) {
            case "euclidean":
                mirror = BregmanProjection.Mirror.euclidean();
                break;
            case "lp":
                mirror = BregmanProjection.Mirror.lpSquared(o.number("p"));
                break;
            case "hyperbolic":
                mirror = BregmanProjection.Mirror.hyperbolicEntropy(o.number("alpha"));
                break;
            case "entropy":
                mirror = BregmanProjection.Mirror.negativeEntropy();
                break;
            default:
                throw new IllegalArgumentException("--potential must be euclidean, lp, hyperbolic or entropy, got \""
                        + potential + "\"");
        }
        BregmanProjectionSolution s = BregmanProjection.project(mirror, x, y, start);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("potential", potential);
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("kkt_residual", s.kktResidual());
        f.put("primal_residual", s.primalResidual());
        f.put("iterations", s.iterations());
        return new OracleResult("bregman", s.status(), s.kktResidual(), s.message(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult logisticReg(Matrix x, double[] y, double[] start, OracleOptions o) {
        double lambda = o.number("lambda");
        RegularizedLogisticSolution s = RegularizedLogistic.solve(x, y, lambda);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("lambda", lambda);
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("value", s.value());
        f.put("gradient_norm", s.gradientNorm());
        f.put("iterations", s.iterations());
        double residual = s.gradientNorm() / (1 + Kernels.norm2(s.w()));
        return new OracleResult("logistic-reg", s.status(), residual, s.message(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult margin(Matrix x, double[] y, double[] start, OracleOptions o) {
        String norm = o.text("norm");
        MarginNorm geometry;
        switch (norm) {
            case "l1":
                geometry = MarginNorm.L1;
                break;
            case "linf":
                geometry = MarginNorm.LINF;
                break;
            default:
                throw new IllegalArgumentException("--norm must be l1 or linf for the margin LP, got \"" + norm
                        + "\" (use `svm` for l2)");
        }
        LinearMarginSolution s = LinearMarginSolver.solve(x, y, geometry);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("norm", norm);
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("margin", s.margin());
        f.put("duality_gap", s.dualityGap());
        f.put("active_constraints", s.activeConstraints());
        return new OracleResult("margin", s.status(), s.residual(), s.message(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult basisPursuit(Matrix x, double[] y, double[] start, OracleOptions o) {
        BasisPursuitSolution s = BasisPursuit.solve(x, y);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", s.status().name());
        f.put("w", s.w());
        f.put("l1_norm", s.l1Norm());
        f.put("support", s.support());
        f.put("duality_gap", s.dualityGap());
        f.put("relative_residual", s.relativeResidual());
        double residual = s.status() == OracleStatus.INFEASIBLE ? s.relativeResidual() : s.residual();
        return new OracleResult("basis-pursuit", s.status(), residual, s.message(), s.w(), Double.NaN, f, s);
    }

    private static OracleResult multiclassSvm(Matrix x, double[] y, double[] start, OracleOptions o) {
        int[] labels = new int[y.length];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Math.rint(y[i]) || y[i] < 0 || y[i] > 1000) {
                throw new IllegalArgumentException("row " + i + ": class label must be an integer in 0..1000, got " + y[i]);
            }
            labels[i] = (int) y[i];
            k = Math.max(k, labels[i] + 1);
        }
        int d = x.cols();
        MulticlassSvmSolution s = MulticlassSvm.solve(x, labels, k);
        double[] flat = new double[k * d];
        if (s.w() != null) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(s.w()[c], 0, flat, c * d, d);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("classes", k);
        f.put("status", s.status().name());
        f.put("w", flat);
        f.put("w_layout", "class-major: w[c * d + j] is feature j of class c");
        f.put("objective", s.objective());
        f.put("kkt_residual", s.kktResidual());
        f.put("iterations", s.iterations());
        double residual = s.status() == OracleStatus.NOT_SEPARABLE ? gordanResidual(x, labels, s.alpha()) : s.kktResidual();
        return new OracleResult("multiclass-svm", s.status(), residual, s.message(), s.w() == null ? null : flat,
                Double.NaN, f, s);
    }

    private static OracleResult nuclearNorm(Matrix x, double[] y, double[] start, OracleOptions o) {
        int rows = o.positiveInteger("rows");
        int cols = o.positiveInteger("cols");
        NuclearNormSolution s = o.flag("sensing")
                ? NuclearNormMinimizer.solve(MatrixSensingProblem.of(rows, cols, x, y))
                : NuclearNormMinimizer.solve(completion(x, y, rows, cols));
        double[] w = s.w() == null ? null : s.w().data();
        Map<String, Object> f = matrixFields(s.status(), rows, cols, s.lambda().length, w);
        f.put("nuclear_norm", s.nuclearNorm());
        f.put("dual_value", s.dualValue());
        f.put("duality_gap", s.dualityGap());
        f.put("relative_residual", s.relativeResidual());
        f.put("residual", s.residual());
        f.put("rank", s.rank());
        f.put("singular_values", s.singularValues());
        f.put("lambda", s.lambda());
        f.put("iterations", s.iterations());
        double residual = s.status() == OracleStatus.INFEASIBLE ? s.relativeResidual() : s.residual();
        return new OracleResult("nuclear-norm", s.status(), residual, s.message(), w, Double.NaN, f, s);
    }

    private static OracleResult minFrobenius(Matrix x, double[] y, double[] start, OracleOptions o) {
        int rows = o.positiveInteger("rows");
        int cols = o.positiveInteger("cols");
        MinFrobeniusSolution s = o.flag("sensing")
                ? MinFrobeniusInterpolant.solve(MatrixSensingProblem.of(rows, cols, x, y))
                : MinFrobeniusInterpolant.solve(completion(x, y, rows, cols));
        double[] w = s.w() == null ? null : s.w().data();
        Map<String, Object> f = matrixFields(s.status(), rows, cols, s.lambda().length, w);
        f.put("frobenius_norm", s.frobeniusNorm());
        f.put("relative_residual", s.relativeResidual());
        f.put("independent_measurements", s.independentMeasurements());
        f.put("lambda", s.lambda());
        return new OracleResult("min-frobenius", s.status(), s.relativeResidual(), s.message(), w, Double.NaN, f, s);
    }

    /** The observed entries: the two columns of x are i and j (0-based, integers), y the values. */
    private static MatrixCompletionProblem completion(Matrix x, double[] y, int rows, int cols) {
        if (x.cols() != 2) {
            throw new IllegalArgumentException("matrix completion reads two index columns i, j besides the values, got "
                    + x.cols() + " (measurement matrices as rows need --sensing)");
        }
        double[] i = new double[x.rows()];
        double[] j = new double[x.rows()];
        for (int k = 0; k < x.rows(); k++) {
            i[k] = x.get(k, 0);
            j[k] = x.get(k, 1);
        }
        return MatrixCompletionProblem.fromColumns(rows, cols, i, j, y);
    }

    /** The fields both matrix problems start with; {@code observed} is m, the distinct entries or the measurements. */
    private static Map<String, Object> matrixFields(OracleStatus status, int rows, int cols, int observed, double[] w) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", status.name());
        f.put("rows", rows);
        f.put("cols", cols);
        f.put("observed", observed);
        f.put("w", w);
        f.put("w_layout", "row-major: w[i * cols + j] is entry (i, j) of W");
        return f;
    }

    /** ‖Σλ_{ik}(e_{yᵢ} − e_k)⊗xᵢ‖₂ of the multiclass Gordan certificate λ (n × K), or NaN when there is none. */
    private static double gordanResidual(Matrix x, int[] y, double[][] lambda) {
        if (lambda == null) {
            return Double.NaN;
        }
        int d = x.cols();
        int kk = lambda.length == 0 ? 0 : lambda[0].length;
        double[] comb = new double[kk * d];
        double[] a = x.data();
        for (int i = 0; i < lambda.length; i++) {
            for (int k = 0; k < kk; k++) {
                double l = lambda[i][k];
                if (l != 0 && k != y[i]) {
                    Kernels.axpy(l, a, i * d, comb, y[i] * d, d);
                    Kernels.axpy(-l, a, i * d, comb, k * d, d);
                }
            }
        }
        return Kernels.norm2(comb);
    }
}
