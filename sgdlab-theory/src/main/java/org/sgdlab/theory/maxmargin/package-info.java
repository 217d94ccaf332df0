/**
 * The {@code max-margin.*} claims (source 001; 002 §8.3–8.4): on separable data GD and SGD on exponentially tailed
 * losses converge in direction to the max-margin SVM; the support vectors take over the gradient; source 001's
 * experiments 1, 5, 6 and 7 as written; the regularization path; the multiclass SVM; and faster margin maximizers.
 *
 * <p>Entry point: {@link org.sgdlab.theory.maxmargin.MaxMarginClaims#all()}. Shared: {@code MaxMarginProblem} (data and
 * the SVM oracle), {@code MaxMarginRun} (one probed run and its fitted rates), {@code MaxMarginVerdict} (the rule) and
 * {@code MaxMarginChecks} (the standard problem, GD at η = 1/L and the standard report).
 */
package org.sgdlab.theory.maxmargin;
