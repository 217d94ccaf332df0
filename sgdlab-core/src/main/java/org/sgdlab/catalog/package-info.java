/**
 * The optimizer catalog: every optimizer of sgdlab by name, with its update rule, source and hyperparameter defaults
 * ({@link org.sgdlab.catalog.OptimizerEntry}). {@link org.sgdlab.catalog.OptimizerCatalog#create} builds the transform
 * for {@code sgdlab train --optimizer NAME -H key=value}; {@link org.sgdlab.catalog.OptimizerCatalog#all} is what
 * {@code sgdlab list optimizers} prints and what the contract tests run over.
 */
package org.sgdlab.catalog;
