package org.sgdlab.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.sgdlab.optim.State;
import org.sgdlab.optim.Transform;
import org.sgdlab.train.checkpoint.StateFields;

/**
 * Routes blocks of the flat parameter vector to their own transforms and everything else to a
 * {@code rest} transform (optax {@code multi_transform}, modula's per-module norms). Typical use:
 * a matrix block [offset, offset + rows·cols) goes to Muon ({@code dualize(spectral(rows, cols))}
 * followed by a learning rate), the biases to SGD.
 *
 * <p>Each block (and the rest, gathered into one contiguous slice in increasing index order) is
 * handed to its transform as a separate vector: updates and params are copied into slices
 * preallocated in the state, transformed, and the updates scattered back. No allocation after init.
 * Blocks must not overlap; they are checked against the parameter length at {@link #init}.
 */
public final class Partition implements Transform {
    /** A block [offset, offset + length) handled by {@code transform}. */
    public record Block(int offset, int length, Transform transform) {
        public Block {
            if (offset < 0) {
                throw new IllegalArgumentException("block offset must be ≥ 0, got offset=" + offset);
            }
            if (length < 1) {
                throw new IllegalArgumentException("block length must be ≥ 1, got length=" + length);
            }
            Objects.requireNonNull(transform, "transform");
        }

        /** A rows×cols matrix block stored row-major from {@code offset}. */
        public static Block matrix(int offset, int rows, int cols, Transform transform) {
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException("matrix shape must be positive, got rows=" + rows + ", cols=" + cols);
            }
            return new Block(offset, Math.multiplyExact(rows, cols), transform);
        }
    }

    private final Block[] blocks;
    private final Transform rest;

    /** Blocks sorted or not; {@code rest} handles the complement (it is skipped when the complement is empty). */
    public Partition(List<Block> blocks, Transform rest) {
        this.blocks = blocks.toArray(new Block[0]);
        this.rest = Objects.requireNonNull(rest, "rest");
        for (int i = 0; i < this.blocks.length; i++) {
            for (int j = i + 1; j < this.blocks.length; j++) {
                Block x = this.blocks[i];
                Block y = this.blocks[j];
                if (x.offset() < (long) y.offset() + y.length() && y.offset() < (long) x.offset() + x.length()) {
                    throw new IllegalArgumentException("blocks overlap: [" + x.offset() + ", " + (x.offset() + x.length())
                            + ") and [" + y.offset() + ", " + (y.offset() + y.length()) + ")");
                }
            }
        }
    }

    public List<Block> blocks() {
        return List.of(blocks);
    }

    public Transform rest() {
        return rest;
    }

    @Override
    public State init(double[] params) {
        int n = params.length;
        boolean[] covered = new boolean[n];
        State[] states = new State[blocks.length];
        double[][] pSlices = new double[blocks.length][];
        double[][] uSlices = new double[blocks.length][];
        for (int k = 0; k < blocks.length; k++) {
            Block b = blocks[k];
            if ((long) b.offset() + b.length() > n) {
                throw new IllegalArgumentException("block [" + b.offset() + ", " + ((long) b.offset() + b.length())
                        + ") exceeds the parameter length " + n);
            }
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                covered[i] = true;
            }
            pSlices[k] = new double[b.length()];
            uSlices[k] = new double[b.length()];
            System.arraycopy(params, b.offset(), pSlices[k], 0, b.length());
            states[k] = b.transform().init(pSlices[k]);
        }
        int m = 0;
        for (boolean c : covered) {
            if (!c) {
                m++;
            }
        }
        int[] restIndex = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (!covered[i]) {
                restIndex[j++] = i;
            }
        }
        double[] restP = new double[m];
        double[] restU = new double[m];
        for (int j = 0; j < m; j++) {
            restP[j] = params[restIndex[j]];
        }
        State restState = m > 0 ? rest.init(restP) : State.EMPTY;
        return new PartitionState(states, pSlices, uSlices, restIndex, restP, restU, restState);
    }

    @Override
    public void updateInPlace(double[] updates, State state, double[] params) {
        PartitionState s = (PartitionState) state;
        for (int k = 0; k < blocks.length; k++) {
            Block b = blocks[k];
            System.arraycopy(params, b.offset(), s.pSlices[k], 0, b.length());
            System.arraycopy(updates, b.offset(), s.uSlices[k], 0, b.length());
        }
        int[] idx = s.restIndex;
        for (int j = 0; j < idx.length; j++) {
            s.restP[j] = params[idx[j]];
            s.restU[j] = updates[idx[j]];
        }
        for (int k = 0; k < blocks.length; k++) {
            Block b = blocks[k];
            b.transform().updateInPlace(s.uSlices[k], s.states[k], s.pSlices[k]);
            System.arraycopy(s.uSlices[k], 0, updates, b.offset(), b.length());
        }
        if (idx.length > 0) {
            rest.updateInPlace(s.restU, s.restState, s.restP);
            for (int j = 0; j < idx.length; j++) {
                updates[idx[j]] = s.restU[j];
            }
        }
    }

    @Override
    public OptionalDouble lastLearningRate(State state) {
        PartitionState s = (PartitionState) state;
        if (s.restIndex.length > 0) {
            OptionalDouble lr = rest.lastLearningRate(s.restState);
            if (lr.isPresent()) {
                return lr;
            }
        }
        for (int k = 0; k < blocks.length; k++) {
            OptionalDouble lr = blocks[k].transform().lastLearningRate(s.states[k]);
            if (lr.isPresent()) {
                return lr;
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Block b : blocks) {
            parts.add("[" + b.offset() + ", " + (b.offset() + b.length()) + "): " + b.transform().describe());
        }
        parts.add("rest: " + rest.describe());
        return "partition(" + String.join("; ", parts) + ")";
    }

    private static final class PartitionState implements State {
        final State[] states;
        final double[][] pSlices;
        final double[][] uSlices;
        final int[] restIndex;
        final double[] restP;
        final double[] restU;
        final State restState;

        PartitionState(State[] states, double[][] pSlices, double[][] uSlices, int[] restIndex,
                       double[] restP, double[] restU, State restState) {
            this.states = states;
            this.pSlices = pSlices;
            this.uSlices = uSlices;
            this.restIndex = restIndex;
            this.restP = restP;
            this.restU = restU;
            this.restState = restState;
        }

        /** The block states and the rest's; the slices are overwritten from params and updates at every step. */
        @Override
        public void fields(StateFields f) {
            for (int k = 0; k < states.length; k++) {
                f.nested("block" + k, states[k]);
            }
            f.nested("rest", restState);
        }

        @Override
        public State copy() {
            State[] c = new State[states.length];
            double[][] p = new double[pSlices.length][];
            double[][] u = new double[uSlices.length][];
            for (int k = 0; k < c.length; k++) {
                c[k] = states[k].copy();
                p[k] = pSlices[k].clone();
                u[k] = uSlices[k].clone();
            }
            return new PartitionState(c, p, u, restIndex.clone(), restP.clone(), restU.clone(), restState.copy());
        }
    }
}
