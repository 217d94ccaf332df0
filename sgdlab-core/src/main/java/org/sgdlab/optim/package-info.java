/**
 * Optimizers as gradient transformations in the style of optax: a {@link org.sgdlab.optim.Transform} turns the
 * incoming gradient into updates and keeps everything that changes in its {@link org.sgdlab.optim.State}; the trainer
 * then sets w ← w + updates. Transforms compose with {@link org.sgdlab.optim.Chain} (e.g. Adam's scaling followed by
 * {@link org.sgdlab.optim.ScaleByLearningRate}); the learning rate is a {@link org.sgdlab.optim.Schedule}
 * ({@link org.sgdlab.optim.Schedules}).
 *
 * <p>Entry point: {@link org.sgdlab.optim.Optimizers}, the named optimizers (SGD, momentum, Nesterov, Adam, AdamW,
 * Adamax, AdaGrad, RMSprop, …), which reproduce torch.optim's updates in float64 where torch has them.
 */
package org.sgdlab.optim;
