/**
 * Reverse-mode automatic differentiation with exact second order. A {@link org.sgdlab.nn.autodiff.GraphBuilder} makes
 * {@link org.sgdlab.nn.autodiff.Node}s (shapes checked as they are made) and builds a
 * {@link org.sgdlab.nn.autodiff.Graph} once per set of shapes; the graph is then re-run with preallocated buffers:
 * gradients by backpropagation, Hessian-vector products forward-over-reverse (Pearlmutter's R-operator), full Hessians,
 * JVPs, VJPs and Jacobians of any node. Every matrix product goes through one kernel with core GEMM's bit contract.
 */
package org.sgdlab.nn.autodiff;
