package org.sgdlab.oracles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link OracleEntry} returns: the same for every oracle (status, residual, message, the solution vector) plus
 * the oracle's own quantities by name.
 *
 * @param problem   the problem solved, as reported (the entry's name, or a variant such as "svm-intercept")
 * @param status    how the solver finished; only {@link OracleStatus#OPTIMAL} is certified
 * @param residual  the optimality residual of the returned point, as the entry's {@link OracleEntry#certificate()}
 *                  defines it; for NOT_SEPARABLE or INFEASIBLE the residual of the infeasibility certificate where
 *                  the solver reports one as a number, else NaN (the message then states the certificate)
 * @param message   the solver's account of how it finished (the certificate for NOT_SEPARABLE and INFEASIBLE)
 * @param w         the solution vector (length d; K·d class-major for the multiclass SVM; the R×C matrix W row-major
 *                  for the matrix problems), or null when infeasible
 * @param intercept the fitted intercept b, or NaN when the problem has none
 * @param fields    the oracle's quantities in a fixed order, by the names {@code sgdlab solve} writes (status, w and
 *                  the rest; unmodifiable)
 * @param solution  the oracle's own result record (e.g. {@link SvmSolution})
 */
public record OracleResult(String problem, OracleStatus status, double residual, String message, double[] w,
                           double intercept, Map<String, Object> fields, Object solution) {
    public OracleResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** True for NOT_SEPARABLE and INFEASIBLE: the problem has no solution and the message states why. */
    public boolean infeasible() {
        return status == OracleStatus.NOT_SEPARABLE || status == OracleStatus.INFEASIBLE;
    }
}
