/**
 * What the trainer measures during a run: a {@link org.sgdlab.probe.Probe} is one quantity (the standard ones in
 * {@link org.sgdlab.probe.Probes}: loss, norms, gradient norm, margins, distance and angle to a reference), recorded at
 * the steps of a {@link org.sgdlab.probe.ProbeSchedule} (log-spaced by default) into a
 * {@link org.sgdlab.probe.Trace}. {@link org.sgdlab.probe.Angles} computes angles and distances accurately near 0.
 */
package org.sgdlab.probe;
