/** What the graph needs of core's losses beyond core: their second derivatives (values and slopes stay core's). */
package org.sgdlab.nn.loss;
