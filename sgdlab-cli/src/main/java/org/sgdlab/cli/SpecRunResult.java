package org.sgdlab.cli;

import org.sgdlab.probe.Trace;

/**
 * What one run of a spec measured.
 *
 * @param config       the run
 * @param trace        the probes by step (its name is {@link SpecRunConfig#traceName()})
 * @param finalParams  w_T (not copied)
 * @param referenceNorm ‖w_ref‖ of the run's reference solution, NaN without a reference
 * @param learningRate the step size the run used (after --lr auto)
 * @param diverged     the divergence message when the run blew up (its trace then ends there), else null
 */
record SpecRunResult(SpecRunConfig config, Trace trace, double[] finalParams, double referenceNorm, double learningRate,
                     String diverged) {
}
