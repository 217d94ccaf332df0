package org.sgdlab.nn.autodiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.loss.ExponentialLoss;
import org.sgdlab.loss.HingeLoss;
import org.sgdlab.loss.LogisticLoss;
import org.sgdlab.loss.Loss;
import org.sgdlab.loss.SquaredHingeLoss;
import org.sgdlab.loss.SquaredLoss;
import org.sgdlab.nn.Checks;
import org.sgdlab.nn.param.ParameterLayout;
import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.nn.tensor.Tensor;
import org.sgdlab.random.RandomStream;

/**
 * One small graph per operation (and per variant: transposes, broadcasting patterns, axes), each reduced to a scalar
 * by a head with curvature, f = Σ rᵢyᵢ + ½ Σ qᵢyᵢ² (r, q fixed random constants), so that the operation's Jacobian
 * and its second-order term both reach the gradient and the HVP. Parameters are drawn away from kinks (relu at 0,
 * hinge at margin 1) by more than the finite-difference stencil's reach, and inside the domain of log and power.
 */
final class OpCases {
    private OpCases() {
    }

    /** Builds the operation's output from parameters of the builder's layout; {@code r} draws constants. */
    interface Body {
        Node build(GraphBuilder b, RandomStream r);
    }

    /** Initial parameters for a seed. */
    interface Init {
        double[] draw(ParameterLayout layout, RandomStream r);
    }

    record OpCase(String name, ParameterLayout layout, Init init, Body body) {
        @Override
        public String toString() {
            return name;
        }

        /** The graph f(θ) = head(op(θ)) and the op's output node, constants drawn from {@code seed}. */
        Built build(long seed) {
            GraphBuilder b = new GraphBuilder(layout);
            RandomStream r = new RandomStream(seed * 7919 + 17);
            Node y = body.build(b, r);
            Node rr = b.constant(new Tensor(y.shape(), Checks.gaussians(r, y.size())));
            Node qq = b.constant(new Tensor(y.shape(), Checks.uniform(r, y.size(), 0.5, 1.5)));
            Node f = b.add(b.sum(b.mul(rr, y)), b.scale(b.sum(b.mul(qq, b.square(y))), 0.5));
            return new Built(b.build(f, y), y);
        }

        double[] start(long seed) {
            return init.draw(layout, new RandomStream(seed * 104729 + 3));
        }
    }

    record Built(Graph graph, Node op) {
    }

    static final Map<String, OpCase> ALL = new LinkedHashMap<>();

    private static ParameterLayout layout(Object... nameDims) {
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (int i = 0; i < nameDims.length; i += 2) {
            b.add((String) nameDims[i], (int[]) nameDims[i + 1]);
        }
        return b.build();
    }

    private static int[] s(int... d) {
        return d;
    }

    private static final Init GAUSS = (l, r) -> Checks.gaussians(r, l.size());
    private static final Init AWAY = (l, r) -> Checks.awayFromZero(r, l.size(), 0.1, 1.5);
    /**
     * Denominators of div: |b| ≥ 0.5. The five-point stencil's truncation error grows like (h/|b|)⁴; at |b| = 0.1 it
     * reaches 1.2e-7 while the autodiff derivative is exact (checked by hand: the error falls 16× when h halves).
     */
    private static final Init DENOMINATORS = (l, r) -> Checks.awayFromZero(r, l.size(), 0.5, 1.5);
    private static final Init POSITIVE = (l, r) -> Checks.uniform(r, l.size(), 0.5, 2.0);

    private static void add(String name, ParameterLayout l, Init init, Body body) {
        if (ALL.put(name, new OpCase(name, l, init, body)) != null) {
            throw new IllegalStateException("duplicate case " + name);
        }
    }

    private static Node constant(GraphBuilder b, RandomStream r, int... dims) {
        Shape s = Shape.of(dims);
        return b.constant(new Tensor(s, Checks.gaussians(r, s.size())));
    }

    /** Targets ±1 alternating. */
    private static Node signs(GraphBuilder b, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1.0 : -1.0;
        }
        return b.constant(new Tensor(Shape.of(n), y));
    }

    /** Predictions p = y·m with margins m ∈ [−1, 0.85] ∪ [1.15, 2] (away from the hinge at 1), y alternating. */
    private static final Init MARGINS = (l, r) -> {
        double[] p = new double[l.size()];
        for (int i = 0; i < p.length; i++) {
            double m = r.nextDouble() < 0.6 ? -1 + 1.85 * r.nextDouble() : 1.15 + 0.85 * r.nextDouble();
            p[i] = (i % 2 == 0 ? 1.0 : -1.0) * m;
        }
        return p;
    };

    static {
        // matrix products, every transpose combination, data on one side, and a node used twice
        add("matmul NN", layout("a", s(3, 4), "b", s(4, 2)), GAUSS,
                (b, r) -> b.matmul(b.parameter("a"), b.parameter("b")));
        add("matmul TN", layout("a", s(4, 3), "b", s(4, 2)), GAUSS,
                (b, r) -> b.matmul(b.parameter("a"), b.parameter("b"), true, false));
        add("matmul NT", layout("a", s(3, 4), "b", s(5, 4)), GAUSS,
                (b, r) -> b.matmul(b.parameter("a"), b.parameter("b"), false, true));
        add("matmul TT", layout("a", s(4, 3), "b", s(2, 4)), GAUSS,
                (b, r) -> b.matmul(b.parameter("a"), b.parameter("b"), true, true));
        add("matmul data·Wᵀ", layout("W", s(2, 3)), GAUSS,
                (b, r) -> b.matmul(constant(b, r, 5, 3), b.parameter("W"), false, true));
        add("matmul Wᵀ·data", layout("W", s(5, 3)), GAUSS,
                (b, r) -> b.matmul(b.parameter("W"), constant(b, r, 5, 2), true, false));
        add("matmul A·Aᵀ (shared node)", layout("a", s(3, 4)), GAUSS,
                (b, r) -> b.matmul(b.parameter("a"), b.parameter("a"), false, true));

        // broadcasting binary operations
        add("add same shape", layout("a", s(3, 4), "b", s(3, 4)), GAUSS,
                (b, r) -> b.add(b.parameter("a"), b.parameter("b")));
        add("add [3,4]+[4]", layout("a", s(3, 4), "b", s(4)), GAUSS,
                (b, r) -> b.add(b.parameter("a"), b.parameter("b")));
        add("add [2,1,3]+[4,1]", layout("a", s(2, 1, 3), "b", s(4, 1)), GAUSS,
                (b, r) -> b.add(b.parameter("a"), b.parameter("b")));
        add("sub [3,4]-[3,1]", layout("a", s(3, 4), "b", s(3, 1)), GAUSS,
                (b, r) -> b.sub(b.parameter("a"), b.parameter("b")));
        add("sub data-param", layout("b", s(3, 4)), GAUSS,
                (b, r) -> b.sub(constant(b, r, 3, 4), b.parameter("b")));
        add("mul same shape", layout("a", s(3, 4), "b", s(3, 4)), GAUSS,
                (b, r) -> b.mul(b.parameter("a"), b.parameter("b")));
        add("mul [3,4]*[4]", layout("a", s(3, 4), "b", s(4)), GAUSS,
                (b, r) -> b.mul(b.parameter("a"), b.parameter("b")));
        add("mul [2,3,1,2]*[3,4,1]", layout("a", s(2, 3, 1, 2), "b", s(3, 4, 1)), GAUSS,
                (b, r) -> b.mul(b.parameter("a"), b.parameter("b")));
        add("mul a*a (shared node)", layout("a", s(3, 4)), GAUSS,
                (b, r) -> b.mul(b.parameter("a"), b.parameter("a")));
        add("div same shape", layout("a", s(3, 4), "b", s(3, 4)), DENOMINATORS,
                (b, r) -> b.div(b.parameter("a"), b.parameter("b")));
        add("div [3,4]/[3,1]", layout("a", s(3, 4), "b", s(3, 1)), DENOMINATORS,
                (b, r) -> b.div(b.parameter("a"), b.parameter("b")));
        add("div data/param", layout("b", s(3, 4)), DENOMINATORS,
                (b, r) -> b.div(constant(b, r, 3, 4), b.parameter("b")));
        add("scale", layout("a", s(3, 4)), GAUSS, (b, r) -> b.scale(b.parameter("a"), -1.7));

        // elementwise functions
        add("relu", layout("a", s(3, 4)), AWAY, (b, r) -> b.relu(b.parameter("a")));
        add("leaky relu", layout("a", s(3, 4)), AWAY, (b, r) -> b.leakyRelu(b.parameter("a"), 0.1));
        add("tanh", layout("a", s(3, 4)), GAUSS, (b, r) -> b.tanh(b.parameter("a")));
        add("sigmoid", layout("a", s(3, 4)), GAUSS, (b, r) -> b.sigmoid(b.parameter("a")));
        add("softplus", layout("a", s(3, 4)), GAUSS, (b, r) -> b.softplus(b.parameter("a")));
        add("square", layout("a", s(3, 4)), GAUSS, (b, r) -> b.square(b.parameter("a")));
        add("exp", layout("a", s(3, 4)), GAUSS, (b, r) -> b.exp(b.parameter("a")));
        add("log", layout("a", s(3, 4)), POSITIVE, (b, r) -> b.log(b.parameter("a")));
        add("power 3", layout("a", s(3, 4)), GAUSS, (b, r) -> b.power(b.parameter("a"), 3));
        add("power -0.5", layout("a", s(3, 4)), POSITIVE, (b, r) -> b.power(b.parameter("a"), -0.5));
        add("power 2.5", layout("a", s(3, 4)), POSITIVE, (b, r) -> b.power(b.parameter("a"), 2.5));

        // reductions and shape operations
        add("sum all", layout("a", s(3, 4)), GAUSS, (b, r) -> b.sum(b.parameter("a")));
        add("sum axis 0", layout("a", s(3, 4)), GAUSS, (b, r) -> b.sum(b.parameter("a"), false, 0));
        add("sum axes 1,2 keepdims", layout("a", s(2, 3, 4)), GAUSS, (b, r) -> b.sum(b.parameter("a"), true, 1, 2));
        add("mean all", layout("a", s(2, 3, 2)), GAUSS, (b, r) -> b.mean(b.parameter("a")));
        add("mean axis -1 keepdims", layout("a", s(3, 4)), GAUSS, (b, r) -> b.mean(b.parameter("a"), true, -1));
        add("reshape", layout("a", s(3, 4)), GAUSS, (b, r) -> b.reshape(b.parameter("a"), 2, 6));
        add("transpose", layout("a", s(3, 4)), GAUSS, (b, r) -> b.transpose(b.parameter("a")));
        add("permute rank 3", layout("a", s(2, 3, 4)), GAUSS, (b, r) -> b.permute(b.parameter("a"), 2, 0, 1));
        add("permute rank 4", layout("a", s(2, 3, 2, 3)), GAUSS, (b, r) -> b.permute(b.parameter("a"), 3, 1, 0, 2));
        add("slice axis 1", layout("a", s(3, 5)), GAUSS, (b, r) -> b.slice(b.parameter("a"), 1, 1, 4));
        add("slice rank 3 axis 0", layout("a", s(3, 2, 2)), GAUSS, (b, r) -> b.slice(b.parameter("a"), 0, 1, 3));
        add("concat axis 0", layout("a", s(2, 3), "b", s(1, 3)), GAUSS,
                (b, r) -> b.concat(0, b.parameter("a"), b.parameter("b")));
        add("concat axis 1 with data", layout("a", s(2, 3), "b", s(2, 2)), GAUSS,
                (b, r) -> b.concat(1, b.parameter("a"), constant(b, r, 2, 1), b.parameter("b")));
        add("gather with repeats", layout("a", s(3, 4)), GAUSS,
                (b, r) -> b.gather(b.parameter("a"), 0, 5, 5, 11, 7, 0));
        add("entries of a matrix, repeated", layout("a", s(3, 4)), GAUSS,
                (b, r) -> b.entries(b.parameter("a"), b.constant(Tensor.of(Shape.of(5, 2), 0, 1, 2, 3, 0, 1, 1, 0, 2, 2))));
        add("entries of a product (completion)", layout("u", s(3, 2), "v", s(2, 4)), GAUSS,
                (b, r) -> b.entries(b.matmul(b.parameter("u"), b.parameter("v")),
                        b.constant(Tensor.of(Shape.of(4, 2), 2, 3, 0, 0, 1, 2, 2, 3))));
        add("entries rank 3", layout("a", s(2, 3, 2)), GAUSS,
                (b, r) -> b.entries(b.parameter("a"), b.constant(Tensor.of(Shape.of(3, 3), 1, 2, 1, 0, 0, 0, 1, 1, 0))));

        // losses (values and first derivatives are core's)
        add("loss squared", layout("p", s(6)), GAUSS,
                (b, r) -> b.loss(b.parameter("p"), constant(b, r, 6), SquaredLoss.INSTANCE));
        for (Loss l : new Loss[] {LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE, HingeLoss.INSTANCE,
                SquaredHingeLoss.INSTANCE}) {
            add("loss " + l.name(), layout("p", s(6)), MARGINS, (b, r) -> b.loss(b.parameter("p"), signs(b, 6), l));
        }
        add("loss logistic [n,1] predictions", layout("p", s(6, 1)), MARGINS,
                (b, r) -> b.loss(b.parameter("p"), signs(b, 6), LogisticLoss.INSTANCE));
        add("softmax cross-entropy", layout("s", s(5, 3)), GAUSS, (b, r) -> b.softmaxCrossEntropy(b.parameter("s"),
                b.constant(Tensor.of(Shape.of(5), 0, 2, 1, 1, 0))));
        add("softmax cross-entropy, confident", layout("s", s(4, 4)), (l, r) -> {
            double[] s = Checks.gaussians(r, l.size());
            for (int i = 0; i < 4; i++) {
                s[i * 4 + i] += 8; // the true class far ahead: tiny losses
            }
            return s;
        }, (b, r) -> b.softmaxCrossEntropy(b.parameter("s"), b.constant(Tensor.of(Shape.of(4), 0, 1, 2, 3))));

        // normalization, dropout
        add("standardize last axis", layout("x", s(4, 5)), GAUSS, (b, r) -> b.standardize(b.parameter("x"), 1e-5, -1));
        add("standardize axis 0 (eps 0)", layout("x", s(6, 3)), GAUSS, (b, r) -> b.standardize(b.parameter("x"), 0, 0));
        add("standardize axes 0,2", layout("x", s(3, 2, 4)), GAUSS, (b, r) -> b.standardize(b.parameter("x"), 1e-3, 0, 2));
        add("batch norm train + affine", layout("x", s(6, 3), "g", s(3), "be", s(3)), GAUSS,
                (b, r) -> b.batchNorm(b.parameter("x"), new BatchNormStatistics(3, 0.1, 1e-5), b.parameter("g"),
                        b.parameter("be")));
        add("batch norm train rank 4", layout("x", s(2, 3, 2, 2), "g", s(3)), GAUSS,
                (b, r) -> b.batchNorm(b.parameter("x"), new BatchNormStatistics(3, 0.1, 1e-5), b.parameter("g"), null));
        add("batch norm eval + affine", layout("x", s(6, 3), "g", s(3), "be", s(3)), GAUSS, (b, r) -> {
            BatchNormStatistics st = new BatchNormStatistics(3, 0.1, 1e-5);
            st.setInPlace(Checks.gaussians(r, 3), Checks.uniform(r, 3, 0.5, 2));
            return b.evaluationMode().batchNorm(b.parameter("x"), st, b.parameter("g"), b.parameter("be"));
        });
        add("layer norm + affine", layout("x", s(4, 5), "g", s(5), "be", s(5)), GAUSS,
                (b, r) -> b.layerNorm(b.parameter("x"), 1e-5, b.parameter("g"), b.parameter("be")));
        add("weight norm", layout("v", s(3, 4), "g", s(3)), GAUSS,
                (b, r) -> b.weightNorm(b.parameter("v"), b.parameter("g")));
        add("dropout", layout("x", s(4, 5)), GAUSS, (b, r) -> b.dropout(b.parameter("x"), 0.3, 42));
    }

    static List<OpCase> all() {
        return new ArrayList<>(ALL.values());
    }
}
