/** Dense float64 tensors of rank 0 to 4: a {@link org.sgdlab.nn.tensor.Shape} and row-major entries in one {@code double[]}. */
package org.sgdlab.nn.tensor;
