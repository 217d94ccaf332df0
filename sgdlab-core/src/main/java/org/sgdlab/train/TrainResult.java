package org.sgdlab.train;

import org.sgdlab.probe.Trace;

/**
 * The outcome of {@link Trainer#run}: the final parameters, the probe trace and the number of steps taken.
 *
 * @param params final parameters (owned by the caller)
 * @param trace  probes at the probe steps
 * @param steps  steps taken
 */
public record TrainResult(double[] params, Trace trace, long steps) {
}
