/**
 * {@link org.sgdlab.parallel.Parallel}: the one shared worker pool, for work cut into a fixed number of blocks whose
 * partial results the caller reduces in block order, so the result has the same bits for any thread count
 * ({@code -Dsgdlab.threads=N}).
 */
package org.sgdlab.parallel;
