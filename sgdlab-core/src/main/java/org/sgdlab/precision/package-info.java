/**
 * Arithmetic beyond float64 for small problems where float64 is not enough: a computation that is exact in real
 * arithmetic but chaotic (rounding amplified exponentially) can be re-run in more precision to tell a true departure from
 * an amplified rounding error.
 *
 * <ul>
 *   <li>{@link org.sgdlab.precision.ErrorFree}: the error-free transformations (Knuth's TwoSum, Dekker's FastTwoSum,
 *       TwoProduct by {@link java.lang.Math#fma}) on which the rest is built.</li>
 *   <li>{@link org.sgdlab.precision.DoubleDouble}: an unevaluated sum hi + lo of two doubles, about 32 significant
 *       digits (unit roundoff u² = 2⁻¹⁰⁶ for the operations, with the published bounds in its Javadoc).</li>
 *   <li>{@link org.sgdlab.precision.Arithmetic}: one interface over float64, double-double and {@link java.math.BigDecimal}
 *       with a {@link java.math.MathContext}, so a small algorithm is written once and run at three precisions.</li>
 * </ul>
 */
package org.sgdlab.precision;
