package org.sgdlab.oracles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sgdlab.linalg.Matrix;

/**
 * One reference solver of the {@link OracleCatalog}.
 *
 * @param name        the name users type ({@code sgdlab solve NAME})
 * @param problem     the problem it solves, as a formula in one line
 * @param source      where the problem and the method come from (paper, source document section)
 * @param certificate what the result's {@link OracleResult#residual()} measures, and what certifies an infeasibility
 *                    verdict
 * @param labels      what the targets y must be
 * @param options     the options it reads, in order
 * @param solver      solves it from the data, a start and the options
 */
public record OracleEntry(String name, String problem, String source, String certificate, Labels labels,
                          List<Option> options, Solver solver) {
    public OracleEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(solver, "solver");
        options = List.copyOf(options);
    }

    /** What the oracle needs as targets. */
    public enum Labels {
        /** Real targets (regression, interpolation). */
        REAL("real targets"),
        /** Binary labels −1 or +1. */
        BINARY("labels ±1"),
        /** Class labels 0..K−1 (K = the largest label + 1). */
        CLASSES("class labels 0..K−1"),
        /**
         * Observations of an R×C matrix W: the data rows are observed entries, two columns i, j (0-based row and column
         * indices) with the value W[i, j] as target; or, for sensing, measurement matrices vec(Aₖ) (R·C columns,
         * row-major) with ⟨Aₖ, W⟩ as target. The solution vector is W row-major (length R·C).
         */
        ENTRIES("entries i, j, value with 0-based i, j; with sensing, rows vec(Aₖ) and ⟨Aₖ, W⟩");

        private final String description;

        Labels(String description) {
            this.description = description;
        }

        /** A short description, e.g. "labels ±1". */
        public String description() {
            return description;
        }
    }

    /**
     * An option of the oracle.
     *
     * @param name         its name ({@code --NAME} on the command line)
     * @param description  what it sets
     * @param defaultValue its default as text, {@code null} when there is none (required, or required only for some
     *                     values of another option, as stated in the description)
     */
    public record Option(String name, String description, String defaultValue) {
    }

    /** Solves the oracle's problem. */
    @FunctionalInterface
    public interface Solver {
        /**
         * @param x       the data (n × d), not modified ({@link Labels#ENTRIES}: the rows (i, j) or vec(Aₖ))
         * @param y       the targets (length n), not modified
         * @param start   the start w₀ of the problems whose answer depends on it (min-norm: w₀ + X⁺(y − Xw₀); bregman:
         *                argmin D_R(w, w₀)), or null for 0; ignored by the others; not modified
         * @param options the options given (only this oracle's)
         */
        OracleResult solve(Matrix x, double[] y, double[] start, OracleOptions options);
    }

    /**
     * Solves this oracle's problem on the data.
     *
     * @param options option name → value as text; names this oracle does not read are rejected
     * @throws IllegalArgumentException for an unknown option, a missing required one or a bad value (naming it), or bad
     *                                  data (as the solver reports it)
     */
    public OracleResult solve(Matrix x, double[] y, double[] start, Map<String, String> options) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Map<String, String> given = new LinkedHashMap<>(options);
        for (String key : given.keySet()) {
            if (options().stream().noneMatch(o -> o.name().equals(key))) {
                List<String> known = new ArrayList<>();
                options().forEach(o -> known.add(o.name()));
                throw new IllegalArgumentException("unknown option " + key + " for " + name + "; known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        for (Option o : options()) {
            if (!given.containsKey(o.name()) && o.defaultValue() != null) {
                given.put(o.name(), o.defaultValue());
            }
        }
        return solver.solve(x, y, start, new OracleOptions(given));
    }
}
