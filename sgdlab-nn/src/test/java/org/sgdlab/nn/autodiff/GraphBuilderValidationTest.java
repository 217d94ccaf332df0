package org.sgdlab.nn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;

/** Bad shapes and misuse fail when the node is made, with the operation, the shapes and the values in the message. */
class GraphBuilderValidationTest {
    static final ParameterLayout L = ParameterLayout.builder().add("A", 3, 4).add("B", 5, 2).add("v", 4).build();

    private static void fails(String expected, Executable e) {
        Exception ex = assertThrows(RuntimeException.class, e);
        assertTrue(ex.getMessage().contains(expected), "message \"" + ex.getMessage() + "\" lacks \"" + expected + "\"");
    }

    @Test
    void shapesAreCheckedAsNodesAreMade() {
        GraphBuilder b = new GraphBuilder(L);
        Node a = b.parameter("A");
        Node bb = b.parameter("B");
        fails("matmul: inner dimensions differ: op(A) is 3×4", () -> b.matmul(a, bb));
        fails("do not broadcast", () -> b.add(a, bb));
        fails("cannot view [3, 4] (12 entries) as [5, 2]", () -> b.reshape(a, 5, 2));
        fails("not a permutation", () -> b.permute(a, 0, 0));
        fails("range [2, 5) is empty or outside axis 1 of size 4", () -> b.slice(a, 1, 2, 5));
        fails("differ off that axis", () -> b.concat(0, a, bb));
        fails("index 12 at position 1 is out of range", () -> b.gather(a, 0, 12));
        fails("axis 2 is out of range", () -> b.sum(a, false, 2));
        fails("axis -1 given twice in [1, -1]", () -> b.mean(a, false, 1, -1));
        fails("different sizes", () -> b.loss(a, b.input("y", 5), SquaredLoss.INSTANCE));
        fails("targets must be data", () -> b.loss(b.parameter("v"), b.parameter("v"), SquaredLoss.INSTANCE));
        fails("logits of shape [n, K] with K >= 2", () -> b.softmaxCrossEntropy(b.parameter("v"), b.input("c", 4)));
        fails("dropout probability must be in [0, 1), got 1.0", () -> b.dropout(a, 1.0, 1));
        fails("no parameter called \"W\"", () -> b.parameter("W"));
        fails("duplicate input name \"y\"", () -> b.input("y", 3));
        fails("statistics for 2 channels, input [3, 4] has 4", () -> b.batchNorm(a, new BatchNormStatistics(2, 0.1, 1e-5),
                null, null));
        fails("tensor rank must be at most 4", () -> Shape.of(1, 2, 3, 4, 5));
        fails("every dimension must be >= 1", () -> Shape.of(3, 0));
        fails("data has 3 entries but shape [2, 2] needs 4", () -> new Tensor(Shape.of(2, 2), new double[3]));
    }

    @Test
    void nodesBelongToOneBuilderAndAGraphIsBuiltOnce() {
        GraphBuilder b1 = new GraphBuilder(L);
        GraphBuilder b2 = new GraphBuilder(L);
        Node a = b1.parameter("A");
        fails("was not made by this builder", () -> b2.relu(a));
        Graph g = b1.build(b1.sum(b1.square(a)));
        fails("already built", () -> b1.relu(a));
        fails("parameter vector has 3 entries, the layout needs 26", () -> g.value(new double[3]));
        fails("no input called \"x\"", () -> g.input("x"));
        GraphBuilder b3 = new GraphBuilder(L);
        Node m = b3.parameter("A");
        Graph vec = b3.build(m);
        fails("needs a scalar output", () -> vec.gradient(new double[26], new double[26]));
    }

    @Test
    void entriesCheckTheIndexShapeWhenMadeAndItsValuesOnEveryPass() {
        GraphBuilder b = new GraphBuilder(L);
        Node a = b.parameter("A");
        fails("index must have shape [m, 2] for x of shape [3, 4], got [2, 3]", () -> b.entries(a, b.input("bad", 2, 3)));
        fails("the index must be data", () -> b.entries(b.parameter("v"), b.reshape(b.parameter("v"), 4, 1)));
        Node idx = b.input("idx", 2, 2);
        Graph g = b.build(b.sum(b.entries(a, idx)));
        double[] w = new double[26];
        g.setInput("idx", new double[] {2, 3, 0, 1});
        assertEquals(0.0, g.value(w));
        g.setInput("idx", new double[] {2, 3, 3, 1});
        fails("index row 1 has 3.0 on axis 0, which must be an integer in 0..2", () -> g.value(w));
        g.setInput("idx", new double[] {2, 3, 0, 0.5});
        fails("index row 1 has 0.5 on axis 1", () -> g.value(w));
        g.setInput("idx", new double[] {-1, 3, 0, 0});
        fails("index row 0 has -1.0 on axis 0", () -> g.value(w));
    }

    @Test
    void unusedBlocksGetZeroDerivativesAndUnusedNodesAreNotRun() {
        GraphBuilder b = new GraphBuilder(L);
        Node v = b.parameter("v");
        b.exp(b.parameter("A")); // built but not needed by the output
        Graph g = b.build(b.sum(b.square(v)));
        assertEquals(3, g.nodes().size(), "parameter v, square, sum, and nothing else: " + g);
        double[] w = new double[26];
        java.util.Arrays.fill(w, 2.0);
        double[] grad = new double[26];
        java.util.Arrays.fill(grad, 7.0);
        g.gradient(w, grad);
        for (int i = 0; i < 22; i++) {
            assertEquals(0.0, grad[i], "A and B are unused: entry " + i);
        }
        for (int i = 22; i < 26; i++) {
            assertEquals(4.0, grad[i], "d(v²)/dv at v = 2");
        }
    }
}
