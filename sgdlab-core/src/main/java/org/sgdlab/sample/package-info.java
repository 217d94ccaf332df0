/**
 * Which terms of a finite sum enter each step: a {@link org.sgdlab.sample.Sampler} writes the next batch of indices.
 * {@link org.sgdlab.sample.Samplers} has the full batch, sampling with replacement, shuffled epochs and rows in order,
 * and looks them up by the names the CLI uses.
 */
package org.sgdlab.sample;
