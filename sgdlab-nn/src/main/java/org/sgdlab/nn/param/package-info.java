/** Network parameters as named blocks of one flat {@code double[]}, the vector every sgdlab optimizer updates. */
package org.sgdlab.nn.param;
