package org.sgdlab.oracles;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * The exact finish of the hard-margin solvers ({@link HardMarginSvm}, {@link MulticlassSvm}): an active-set polish
 * that turns approximate multipliers into the exact solution on their support.
 *
 * <p>With S = {c : α_c &gt; 0}, each round (1) solves the equalities m_c = 1 (c ∈ S) for the minimum-norm primal and its
 * multipliers ({@link Support#solve}, the problem's own method); constraints whose multiplier is not positive leave S
 * and the round restarts; (2) evaluates every margin at the primal point of those multipliers; (3) lets the (up to
 * {@code maxAdd}) constraints outside S with the smallest margins below 1 − tol join S. It ends when no constraint is
 * violated — the KKT conditions then hold up to the equality solve's rounding — or after {@code maxRounds} rounds.
 * The violators are taken in ascending margin, ties by index, so the result is deterministic.
 */
final class SupportSetFinish {
    private static final Logger LOG = System.getLogger(SupportSetFinish.class.getName());

    private SupportSetFinish() {
    }

    /** How a solve on the support ended. */
    enum Step {
        /** The multipliers on S are set and all positive. */
        SOLVED,
        /** Some constraints left S (their multipliers set to 0): solve again. */
        DROPPED,
        /** The problem declines to finish from this support. */
        GAVE_UP
    }

    /** The problem-specific parts of the finish. */
    interface Support {
        /** The number of constraints. */
        int constraints();

        /**
         * Solves the equalities m_c = 1, c ∈ s (ascending), for the multipliers. SOLVED: al holds them on s (entries
         * outside s stay 0). DROPPED: the constraints removed have inS and al set to false and 0 (other entries of al on
         * s may have been updated). GAVE_UP: stop the finish.
         */
        Step solve(int[] s, double[] al, boolean[] inS);

        /**
         * Takes the primal point of the multipliers al on support s (kept by the problem, for its result) and writes the
         * margin of every constraint at it into margins. al and s are not modified.
         */
        void evaluate(double[] al, int[] s, double[] margins);
    }

    /**
     * Runs the finish from the multipliers {@code start} (not modified); returns the final multipliers (the problem
     * keeps the matching primal point from its last {@link Support#evaluate}), or null when the problem gave up or the
     * rounds ran out.
     *
     * @param maxAdd at most this many violators join S per round
     * @param tol    a constraint outside S is violated when its margin is below 1 − tol
     */
    static double[] run(Support problem, double[] start, int maxRounds, int maxAdd, double tol) {
        int m = problem.constraints();
        double[] al = start.clone();
        boolean[] inS = new boolean[m];
        int size = 0;
        for (int c = 0; c < m; c++) {
            if (al[c] > 0) {
                inS[c] = true;
                size++;
            }
        }
        double[] margins = new double[m];
        int[] worst = new int[maxAdd];
        double[] worstM = new double[maxAdd];
        for (int round = 0; round < maxRounds; round++) {
            int r0 = round;
            int size0 = size;
            LOG.log(Level.TRACE, () -> "finish round " + r0 + ", |S| = " + size0);
            int[] s = new int[size];
            for (int c = 0, k = 0; c < m; c++) {
                if (inS[c]) {
                    s[k++] = c;
                }
            }
            if (s.length == 0) {
                Arrays.fill(al, 0.0);
            } else {
                Step step = problem.solve(s, al, inS);
                if (step == Step.GAVE_UP) {
                    return null;
                }
                if (step == Step.DROPPED) {
                    size = 0;
                    for (boolean b : inS) {
                        size += b ? 1 : 0;
                    }
                    continue;
                }
            }
            problem.evaluate(al, s, margins);
            int nWorst = 0;
            for (int c = 0; c < m; c++) {
                double mc = margins[c];
                if (inS[c] || !(mc < 1.0 - tol)) {
                    continue;
                }
                // insertion into the short list of the smallest margins (ascending; ties keep index order)
                int pos = nWorst;
                while (pos > 0 && worstM[pos - 1] > mc) {
                    pos--;
                }
                if (pos < maxAdd) {
                    for (int q = Math.min(nWorst, maxAdd - 1); q > pos; q--) {
                        worst[q] = worst[q - 1];
                        worstM[q] = worstM[q - 1];
                    }
                    worst[pos] = c;
                    worstM[pos] = mc;
                    nWorst = Math.min(nWorst + 1, maxAdd);
                }
            }
            if (nWorst == 0) {
                LOG.log(Level.DEBUG, () -> "finish accepted after " + (r0 + 1) + " rounds, |S| = " + s.length);
                return al;
            }
            for (int q = 0; q < nWorst; q++) {
                inS[worst[q]] = true;
            }
            size += nWorst;
        }
        return null;
    }
}
