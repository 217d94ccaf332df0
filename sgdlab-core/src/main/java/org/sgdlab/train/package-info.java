/**
 * The step loop. {@link org.sgdlab.train.Trainer#builder} takes an {@link org.sgdlab.objective.Objective} and an
 * optimizer ({@link org.sgdlab.optim.Transform}), and optionally a sampler, probes and a probe schedule;
 * {@link org.sgdlab.train.Trainer#run} returns a {@link org.sgdlab.train.TrainResult} (final parameters and trace) or
 * stops with a {@link org.sgdlab.train.DivergenceException} naming the step and the learning rate.
 * {@link org.sgdlab.train.ProgressListener} is the library's one progress callback (also used by
 * {@link org.sgdlab.finitesum.MonteCarlo}).
 */
package org.sgdlab.train;
