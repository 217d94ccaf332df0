package org.sgdlab.nn.model;

import java.util.OptionalInt;
import org.sgdlab.data.Dataset;
import org.sgdlab.nn.autodiff.GraphBuilder;
import org.sgdlab.nn.autodiff.Node;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.random.RandomStream;

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

    /**
     * Checks that {@code data} (read only) can be fed to this network beyond its number of columns, which the objective
     * checks (e.g. that matrix-completion rows are valid entries); throws IllegalArgumentException naming the example.
     * Nothing by default.
     */
    default void validate(Dataset data) {
    }

    /** A one-line description, e.g. {@code mlp 4-8-1 (tanh, bias)}. */
    String describe();

    /**
     * The degree L of positive homogeneity, f(c·θ; x) = c^L·f(θ; x) for every c &gt; 0, every θ and every input x, when the
     * network has one (bias-free networks of relu/linear layers, factorized and diagonal models); empty otherwise. Margin
     * results for homogeneous networks (Lyu &amp; Li 2020; 002 ch. 8) normalize by ‖θ‖^L.
     */
    default OptionalInt homogeneityDegree() {
        return OptionalInt.empty();
    }

    /**
     * The network's default initialization with scale α ({@code scale}, first class: every model documents what it
     * multiplies), as a new vector; {@code rnd} is advanced. Networks without one throw UnsupportedOperationException.
     */
    default double[] initialize(RandomStream rnd, double scale) {
        throw new UnsupportedOperationException(describe() + " has no default initialization");
    }
}
