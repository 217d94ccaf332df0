package org.sgdlab.kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.oracles.OracleEntry;
import org.sgdlab.oracles.OracleOptions;
import org.sgdlab.oracles.OracleRegistry;
import org.sgdlab.oracles.OracleResult;

/**
 * The kernel oracles as {@link OracleEntry}s (the same record {@code OracleCatalog} holds, so {@code sgdlab solve} and
 * {@code sgdlab list oracles} treat them alike): {@code kernel-regression} ({@link KernelRidge}) and {@code kernel-svm}
 * ({@link KernelSvm}), each on the Gram matrix of the data rows under {@code --kernel SPEC} ({@link KernelSpecs}). Their
 * solution vector is α (length n), the coefficients of f(x) = Σᵢ αᵢ k(xᵢ, x) (regression) or Σᵢ αᵢyᵢ k(xᵢ, x) + b (SVM).
 * They live here, not in {@code OracleCatalog}, because sgdlab-oracles does not depend on this module.
 */
public final class KernelOracleCatalog {
    private static final OracleRegistry REGISTRY = new OracleRegistry();
    private static final OracleEntry.Option KERNEL = new OracleEntry.Option("kernel",
            "the kernel spec, e.g. ntk:depth=2 or rbf:gamma=0.5 (`sgdlab list kernels`)", null);

    static {
        add(new OracleEntry("kernel-regression", "α = (K + λI)⁻¹y for the Gram matrix K of a kernel, λ >= 0 (λ = 0: the "
                + "ridgeless interpolant, the limit of gradient flow on the linearized network; 002 eq. 9.6)",
                "kernel ridge regression; Cholesky with LAPACK's condition estimate and one refinement step; docs/ntk.md",
                "normwise backward error ‖(K + λI)α − y‖∞/(‖K + λI‖∞‖α‖∞ + ‖y‖∞); numerically singular K + λI (failed pivot "
                + "or condition estimate > 1e12) is refused", OracleEntry.Labels.REAL,
                List.of(KERNEL, new OracleEntry.Option("lambda", "the ridge λ >= 0 (0: ridgeless)", "0")),
                KernelOracleCatalog::regression));
        add(new OracleEntry("kernel-svm", "min ½‖w‖²_H s.t. yᵢ(⟨w, φ(xᵢ)⟩ + b) >= 1 in the kernel's feature space (b = 0 "
                + "unless intercept), the NTK-regime limit of GD on separable logistic loss (seed 001 §3.3 eq. 28)",
                "Boser, Guyon & Vapnik 1992; the linear hard-margin SVM on a pivoted Cholesky factor of K",
                "KKT residual on K (KernelSvm.kktResidual); not separable: the linear solver's Gordan certificate in the "
                + "message", OracleEntry.Labels.BINARY,
                List.of(KERNEL, new OracleEntry.Option("intercept", "fit an intercept b", "false")),
                KernelOracleCatalog::svm));
    }

    private KernelOracleCatalog() {
    }

    private static void add(OracleEntry e) {
        REGISTRY.add(e);
    }

    /** All entries in catalog order. */
    public static List<OracleEntry> all() {
        return REGISTRY.all();
    }

    /** The names in catalog order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The entry called {@code name}, or null. */
    public static OracleEntry find(String name) {
        return REGISTRY.find(name);
    }

    private static Kernel kernel(String problem, OracleOptions o) {
        String spec = o.text("kernel");
        if (spec == null) {
            throw new IllegalArgumentException(problem + " needs --kernel (e.g. ntk:depth=2; `sgdlab list kernels` shows "
                    + "the kernels)");
        }
        try {
            return KernelSpecs.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kernel: " + e.getMessage(), e);
        }
    }

    /**
     * The Gram matrix of n points, after checking that it and the one factor the solvers hold beside it (2n² doubles)
     * fit the heap, so a large data set is a clear error rather than an OutOfMemoryError after minutes.
     */
    static double[] gram(String problem, Kernel k, Matrix x) {
        long n = x.rows();
        long bytes = 2 * n * n * Double.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        if (n * n > Integer.MAX_VALUE - 8 || bytes > heap) {
            throw new IllegalArgumentException(problem + " on n = " + n + " points needs the n × n Gram matrix and its factor ("
                    + String.format("%.3g", bytes / 1e9) + " GB), more than the heap (" + String.format("%.3g", heap / 1e9)
                    + " GB); use fewer points");
        }
        return GramMatrix.symmetric(k, x);
    }

    private static OracleResult regression(Matrix x, double[] y, double[] start, OracleOptions o) {
        Kernel k = kernel("kernel-regression", o);
        double lambda = o.number("lambda");
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be >= 0 and finite for kernel-regression, got " + lambda);
        }
        int n = x.rows();
        KernelRegressionSolution s = KernelRidge.solve(gram("kernel-regression", k, x), n, y, lambda);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", s.status().name());
        f.put("kernel", k.describe());
        f.put("lambda", lambda);
        f.put("alpha", s.alpha());
        f.put("condition_estimate", s.conditionEstimate());
        f.put("relative_residual", s.relativeResidual());
        f.put("rkhs_norm_squared", s.rkhsNormSquared());
        return new OracleResult("kernel-regression", s.status(), s.relativeResidual(), s.message(), s.alpha(), Double.NaN,
                f, s);
    }

    private static OracleResult svm(Matrix x, double[] y, double[] start, OracleOptions o) {
        Kernel k = kernel("kernel-svm", o);
        boolean intercept = o.flag("intercept");
        KernelSvmSolution s = KernelSvm.solve(gram("kernel-svm", k, x), x.rows(), y, intercept);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", s.status().name());
        f.put("kernel", k.describe());
        f.put("alpha", s.alpha());
        f.put("b", s.b());
        f.put("margin", s.margin());
        f.put("kkt_residual", s.kktResidual());
        f.put("support_vectors", s.supportVectors());
        f.put("rank", s.rank());
        f.put("iterations", s.iterations());
        return new OracleResult(intercept ? "kernel-svm-intercept" : "kernel-svm", s.status(), s.kktResidual(), s.message(),
                s.alpha(), intercept ? s.b() : Double.NaN, f, s);
    }
}
