package org.sgdlab.nn.model;

import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterLayout;

/**
 * A network: a parameter layout and a recipe that builds its forward map into a {@link GraphBuilder} for any batch
 * size. Graphs are built once per batch size and re-run ({@code org.sgdlab.nn.objective.NetworkObjective}), so
 * {@link #build} is called rarely and may allocate freely.
 */
public interface Network {
    /** The parameters as named blocks of one flat vector. */
    ParameterLayout layout();

    /** The number of input features d: the input is a [batch, d] matrix of rows. */
    int inputFeatures();

    /** The number of outputs k per example: {@link #build} returns a [batch, k] matrix. */
    int outputs();

    /** Builds the outputs [batch, k] for the input node [batch, d], taking parameters from {@code b.parameter(name)}. */
    Node build(GraphBuilder b, Node input);

    /**
     * True when output row i depends on input row i only (given the graph has no batch statistics or batch-wide
     * dropout masks, which it reports itself), so a batch-of-one graph gives the per-example derivatives. False is
     * always safe (per-example derivatives then come from the batch graph).
     */
    default boolean rowSeparable() {
        return false;
    }

    /** A one-line description, e.g. {@code mlp 4-8-1 (tanh, bias)}. */
    String describe();
}
