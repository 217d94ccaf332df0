package org.sgdlab.oracles;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A small builder of linear programs for the LP oracles ({@link BasisPursuit}, {@link LinearMarginSolver}) over ojAlgo's
 * {@link ExpressionsBasedModel} (its simplex solver): bounded variables with objective weights, free variables split as
 * v = v⁺ − v⁻ (v± ≥ 0, for ‖·‖₁), range constraints whose coefficients come from a dense row or column of a matrix
 * (zeros skipped), and a solve that reports only whether the solver found a feasible point. The oracles never trust the
 * LP's answer beyond that: they polish it and certify it with their own duality gaps.
 *
 * <p>ojAlgo prints a hardware banner on first use unless the system property {@code shut.up.ojAlgo} is set; this class
 * sets it (if unset) before it creates any ojAlgo object.
 */
final class LpModel {
    static {
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    private final ExpressionsBasedModel model = new ExpressionsBasedModel();

    /**
     * A variable lower ≤ v ≤ upper (an infinite bound is no bound) contributing weight·v to the objective (0: none).
     */
    Variable variable(String name, double lower, double upper, double weight) {
        Variable v = model.addVariable(name);
        if (lower != Double.NEGATIVE_INFINITY) {
            v.lower(lower);
        }
        if (upper != Double.POSITIVE_INFINITY) {
            v.upper(upper);
        }
        if (weight != 0) {
            v.weight(weight);
        }
        return v;
    }

    /**
     * {@code count} free variables vⱼ = v⁺ⱼ − v⁻ⱼ, v±ⱼ ≥ 0 (named plusPrefix + j and minusPrefix + j, added pairwise),
     * each half contributing weight·v±ⱼ to the objective (weight 1 makes it ‖v‖₁ at the optimum).
     */
    Split split(String plusPrefix, String minusPrefix, int count, double weight) {
        Variable[] plus = new Variable[count];
        Variable[] minus = new Variable[count];
        for (int j = 0; j < count; j++) {
            plus[j] = variable(plusPrefix + j, 0.0, Double.POSITIVE_INFINITY, weight);
            minus[j] = variable(minusPrefix + j, 0.0, Double.POSITIVE_INFINITY, weight);
        }
        return new Split(plus, minus);
    }

    /** A constraint lower ≤ (its linear expression) ≤ upper (an infinite bound is no bound; equal bounds: equality). */
    Expression constraint(String name, double lower, double upper) {
        Expression e = model.addExpression(name);
        if (lower != Double.NEGATIVE_INFINITY) {
            e.lower(lower);
        }
        if (upper != Double.POSITIVE_INFINITY) {
            e.upper(upper);
        }
        return e;
    }

    /**
     * Adds sign·a[off + k·stride]·vars[k] to e for every k with a non-zero coefficient (a row of a row-major matrix with
     * stride 1, a column with stride = the row length); only e is modified.
     */
    static void addTerms(Expression e, double sign, double[] a, int off, int stride, Variable[] vars) {
        for (int k = 0; k < vars.length; k++) {
            double c = a[off + k * stride];
            if (c != 0) {
                e.set(vars[k], sign * c);
            }
        }
    }

    /** Solves min of the objective; true when the solver reports a feasible point (the variables then hold it). */
    boolean minimise() {
        return feasible(model.minimise());
    }

    /** Solves max of the objective; true when the solver reports a feasible point (the variables then hold it). */
    boolean maximise() {
        return feasible(model.maximise());
    }

    private static boolean feasible(Optimisation.Result r) {
        return r.getState().isFeasible();
    }

    /** The solved values of vars. */
    static double[] values(Variable[] vars) {
        double[] out = new double[vars.length];
        for (int k = 0; k < vars.length; k++) {
            out[k] = vars[k].getValue().doubleValue();
        }
        return out;
    }

    /** Free variables split as v = v⁺ − v⁻ (see {@link #split}). */
    record Split(Variable[] plus, Variable[] minus) {
        /** Adds c·v⁺ₖ − c·v⁻ₖ to e for every non-zero c = a[off + k·stride] (only e is modified). */
        void addTerms(Expression e, double[] a, int off, int stride) {
            for (int k = 0; k < plus.length; k++) {
                double c = a[off + k * stride];
                if (c != 0) {
                    e.set(plus[k], c);
                    e.set(minus[k], -c);
                }
            }
        }

        /** The solved values v⁺ − v⁻. */
        double[] values() {
            double[] out = new double[plus.length];
            for (int k = 0; k < plus.length; k++) {
                out[k] = plus[k].getValue().doubleValue() - minus[k].getValue().doubleValue();
            }
            return out;
        }
    }
}
