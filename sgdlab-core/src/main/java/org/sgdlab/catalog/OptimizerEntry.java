package org.sgdlab.catalog;

import java.util.Map;
import org.sgdlab.optim.Schedule;
import org.sgdlab.optim.Transform;

/**
 * One optimizer of the catalog.
 *
 * @param name            the name users type ({@code sgdlab train --optimizer NAME})
 * @param formula         the update rule in one line
 * @param source          where the rule comes from (seed section, paper, torch.optim)
 * @param hyperparameters every hyperparameter besides the learning rate, with its default (NaN: required)
 * @param factory         builds the transform from a learning-rate schedule, the hyperparameters (defaults
 *                        filled in) and the number of parameters
 */
public record OptimizerEntry(String name, String formula, String source, Map<String, Double> hyperparameters,
                             Factory factory) {
    /** Builds an optimizer of this entry. */
    @FunctionalInterface
    public interface Factory {
        Transform create(Schedule lr, Map<String, Double> hp, int dimension);
    }
}
