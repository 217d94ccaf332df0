package org.sgdlab.nn.autodiff;

import org.sgdlab.nn.tensor.Shape;
import org.sgdlab.parallel.Parallel;

/**
 * Elementwise binary operations with numpy broadcasting (shapes aligned at the trailing axis; each pair of sizes equal
 * or one of them 1): y = a + b, a − b, a ⊙ b (Hadamard), a / b. An input broadcast along an axis gets the sum of the
 * adjoint over that axis. With y = F(a, b) entrywise:
 * <pre>
 *   add  ẏ = ȧ + ḃ                  ā += ȳ,  b̄ += ȳ                                   (linear: R is backward on R{ȳ})
 *   sub  ẏ = ȧ − ḃ                  ā += ȳ,  b̄ −= ȳ
 *   mul  ẏ = ȧb + aḃ                ā += ȳb, b̄ += ȳa;   R{ā} += R{ȳ}b + ȳḃ,  R{b̄} += R{ȳ}a + ȳȧ
 *   div  ẏ = ȧ/b − aḃ/b²            ā += ȳ/b, b̄ −= ȳa/b²;
 *        R{ā} += R{ȳ}/b − ȳḃ/b²,  R{b̄} += −R{ȳ}a/b² − ȳȧ/b² + 2ȳaḃ/b³
 * </pre>
 */
final class Broadcast extends Node {
    enum Kind { ADD, SUB, MUL, DIV }

    private final Kind kind;
    /** Flat index of a's / b's entry for each output entry; null when that input has the output's shape. */
    private final int[] ia;
    private final int[] ib;
    /**
     * a has the output's shape and b repeats along the leading axes (b's entry for output entry o is o mod |b|: a bias
     * row added to every row of a batch): the passes run as rows × |b| loops, without the index maps, in the same order
     * and with the same operations as the general loops (the same bits).
     */
    private final boolean rows;

    Broadcast(Kind kind, Node a, Node b) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT), broadcastShape(kind, a.shape, b.shape), a, b);
        this.kind = kind;
        this.ia = a.shape.equals(shape) ? null : indexMap(a.shape, shape);
        this.ib = b.shape.equals(shape) ? null : indexMap(b.shape, shape);
        this.rows = ia == null && (ib == null || repeatsRows(ib, b.size));
    }

    private static boolean repeatsRows(int[] map, int period) {
        for (int o = 0; o < map.length; o++) {
            if (map[o] != o % period) {
                return false;
            }
        }
        return true;
    }

    static Shape broadcastShape(Kind kind, Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int t = 0; t < r; t++) {
            int da = t < r - a.rank() ? 1 : a.dim(t - (r - a.rank()));
            int db = t < r - b.rank() ? 1 : b.dim(t - (r - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT)
                        + ": shapes " + a + " and " + b + " do not broadcast (axis " + t + ": " + da + " vs " + db + ")");
            }
            out[t] = Math.max(da, db);
        }
        return Shape.of(out);
    }

    /** For each entry of {@code out} (row-major), the flat index of the entry of {@code in} broadcast onto it. */
    private static int[] indexMap(Shape in, Shape out) {
        int r = out.rank();
        int[] inStrides = new int[r];
        int[] s = in.strides();
        int shift = r - in.rank();
        for (int t = 0; t < r; t++) {
            inStrides[t] = t < shift || in.dim(t - shift) == 1 ? 0 : s[t - shift];
        }
        int[] dims = out.dims();
        int[] map = new int[out.size()];
        int[] idx = new int[r];
        for (int o = 0; o < map.length; o++) {
            int f = 0;
            for (int t = 0; t < r; t++) {
                f += idx[t] * inStrides[t];
            }
            map[o] = f;
            for (int t = r - 1; t >= 0; t--) {
                if (++idx[t] < dims[t]) {
                    break;
                }
                idx[t] = 0;
            }
        }
        return map;
    }

    private static int at(int[] map, int o) {
        return map == null ? o : map[o];
    }

    @Override
    protected void forward() {
        double[] a = inputs[0].value;
        double[] b = inputs[1].value;
        double[] y = value;
        if (ia == null && ib == null) {
            switch (kind) {
                case ADD -> {
                    for (int o = 0; o < size; o++) {
                        y[o] = a[o] + b[o];
                    }
                }
                case SUB -> {
                    for (int o = 0; o < size; o++) {
                        y[o] = a[o] - b[o];
                    }
                }
                case MUL -> {
                    for (int o = 0; o < size; o++) {
                        y[o] = a[o] * b[o];
                    }
                }
                case DIV -> {
                    for (int o = 0; o < size; o++) {
                        y[o] = a[o] / b[o];
                    }
                }
            }
            return;
        }
        if (rows) {
            int bs = inputs[1].size;
            rowsForward.run(size / bs, Math.max(1, Chunks.CHUNK / bs), size);
            return;
        }
        for (int o = 0; o < size; o++) {
            double x = a[at(ia, o)];
            double z = b[at(ib, o)];
            y[o] = switch (kind) {
                case ADD -> x + z;
                case SUB -> x - z;
                case MUL -> x * z;
                case DIV -> x / z;
            };
        }
    }

    /** The passes on rows, shared by Parallel's threads on large buffers ({@link Chunks}): forward and ā by rows, b̄ by columns. */
    private final Chunks.Pass rowsForward = new Chunks.Pass(this::forwardRows);
    private final Chunks.Pass rowsAdjointA = new Chunks.Pass(this::adjointRowsA);
    private final Chunks.Pass rowsAdjointB = new Chunks.Pass(this::adjointColumnsB);
    /** The arguments of the running {@link #rowsAdjoint} for its range passes. */
    private double[] ybarNow;
    private double[] abarNow;
    private double[] bbarNow;
    private boolean writeANow;
    private boolean writeBNow;

    /** y on rows [r0, r1). */
    private void forwardRows(int r0, int r1) {
        double[] a = inputs[0].value;
        double[] b = inputs[1].value;
        double[] y = value;
        int bs = inputs[1].size;
        for (int o = r0 * bs, end = r1 * bs; o < end; o += bs) {
            switch (kind) {
                case ADD -> {
                    for (int j = 0; j < bs; j++) {
                        y[o + j] = a[o + j] + b[j];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < bs; j++) {
                        y[o + j] = a[o + j] - b[j];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < bs; j++) {
                        y[o + j] = a[o + j] * b[j];
                    }
                }
                case DIV -> {
                    for (int j = 0; j < bs; j++) {
                        y[o + j] = a[o + j] / b[j];
                    }
                }
            }
        }
    }

    @Override
    protected void backward() {
        addAdjoint(grad, inputs[0].grad, inputs[1].grad, overwrites(0), overwrites(1));
    }

    /** Add, subtract and multiply on rows write their inputs' adjoints when told (their rows loops start from +0). */
    @Override
    boolean canOverwriteAdjoint(int i) {
        return rows && kind != Kind.DIV && inputs[0] != inputs[1];
    }

    /**
     * The first-order adjoint rule for output adjoint {@code ybar} into the inputs' buffers (null = skip); with
     * {@code writeA}/{@code writeB} (rows only) the buffer is written as if it had been zeroed first.
     */
    private void addAdjoint(double[] ybar, double[] abar, double[] bbar, boolean writeA, boolean writeB) {
        double[] a = inputs[0].value;
        double[] b = inputs[1].value;
        if (rows && kind != Kind.DIV) {
            rowsAdjoint(ybar, a, b, abar, bbar, writeA, writeB);
            return;
        }
        if (abar != null) {
            if (ia == null && ib == null && kind != Kind.DIV) {
                switch (kind) {
                    case ADD, SUB -> {
                        for (int o = 0; o < size; o++) {
                            abar[o] += ybar[o];
                        }
                    }
                    default -> {
                        for (int o = 0; o < size; o++) {
                            abar[o] += ybar[o] * b[o];
                        }
                    }
                }
            } else {
                for (int o = 0; o < size; o++) {
                    int i = at(ia, o);
                    abar[i] += switch (kind) {
                        case ADD, SUB -> ybar[o];
                        case MUL -> ybar[o] * b[at(ib, o)];
                        case DIV -> ybar[o] / b[at(ib, o)];
                    };
                }
            }
        }
        if (bbar != null) {
            for (int o = 0; o < size; o++) {
                int j = at(ib, o);
                bbar[j] += switch (kind) {
                    case ADD -> ybar[o];
                    case SUB -> -ybar[o];
                    case MUL -> ybar[o] * a[at(ia, o)];
                    case DIV -> {
                        double z = b[j];
                        yield -ybar[o] * a[at(ia, o)] / (z * z);
                    }
                };
            }
        }
    }

    /**
     * {@link #addAdjoint} on rows: ā_o += ȳ_o (add, sub) or ȳ_o b_j (mul); b̄_j += ȳ_o, −ȳ_o or ȳ_o a_o over the rows
     * in order — the general loops' operations in the general loops' order (b̄_j's chain runs over o = j, j + |b|, …
     * either way), so the same bits; a written b̄_j starts its chain from +0.
     */
    private void rowsAdjoint(double[] ybar, double[] a, double[] b, double[] abar, double[] bbar, boolean writeA,
                             boolean writeB) {
        int bs = inputs[1].size;
        ybarNow = ybar;
        abarNow = abar;
        bbarNow = bbar;
        writeANow = writeA;
        writeBNow = writeB;
        if (abar != null && bbar != null && (size < Chunks.PARALLEL_MIN || Parallel.threads() == 1)) {
            adjointRowsBoth(0, size / bs); // both passes would run inline, one after the other
        } else {
            if (abar != null) {
                rowsAdjointA.run(size / bs, Math.max(1, Chunks.CHUNK / bs), size);
            }
            if (bbar != null) {
                rowsAdjointB.run(bs, Math.max(8, bs / 8), size);
            }
        }
        ybarNow = abarNow = bbarNow = null;
    }

    /** ā on rows [r0, r1). */
    private void adjointRowsA(int r0, int r1) {
        double[] ybar = ybarNow;
        double[] abar = abarNow;
        double[] b = inputs[1].value;
        boolean writeA = writeANow;
        int bs = inputs[1].size;
        for (int o = r0 * bs, end = r1 * bs; o < end; o += bs) {
            if (kind == Kind.MUL) {
                for (int j = 0; j < bs; j++) {
                    abar[o + j] = (writeA ? 0.0 : abar[o + j]) + ybar[o + j] * b[j];
                }
            } else {
                for (int j = 0; j < bs; j++) {
                    abar[o + j] = (writeA ? 0.0 : abar[o + j]) + ybar[o + j];
                }
            }
        }
    }

    /**
     * ā and b̄ in one sweep over ȳ (read once, not twice) on rows [r0, r1): per entry the expressions of
     * {@link #adjointRowsA} and {@link #adjointColumnsB}, and every b̄_j's chain over the rows in order, so the same
     * bits as the two passes.
     */
    private void adjointRowsBoth(int r0, int r1) {
        double[] ybar = ybarNow;
        double[] abar = abarNow;
        double[] bbar = bbarNow;
        double[] a = inputs[0].value;
        double[] b = inputs[1].value;
        boolean writeA = writeANow;
        boolean writeB = writeBNow;
        int bs = inputs[1].size;
        for (int o = r0 * bs, end = r1 * bs; o < end; o += bs) {
            boolean first = writeB && o == 0;
            switch (kind) {
                case ADD -> {
                    for (int j = 0; j < bs; j++) {
                        double y = ybar[o + j];
                        abar[o + j] = (writeA ? 0.0 : abar[o + j]) + y;
                        bbar[j] = (first ? 0.0 : bbar[j]) + y;
                    }
                }
                case SUB -> {
                    for (int j = 0; j < bs; j++) {
                        double y = ybar[o + j];
                        abar[o + j] = (writeA ? 0.0 : abar[o + j]) + y;
                        bbar[j] = (first ? 0.0 : bbar[j]) + -y;
                    }
                }
                default -> {
                    for (int j = 0; j < bs; j++) {
                        double y = ybar[o + j];
                        abar[o + j] = (writeA ? 0.0 : abar[o + j]) + y * b[j];
                        bbar[j] = (first ? 0.0 : bbar[j]) + y * a[o + j];
                    }
                }
            }
        }
    }

    /** b̄ on columns [j0, j1), every column's chain over the rows in order. */
    private void adjointColumnsB(int j0, int j1) {
        double[] ybar = ybarNow;
        double[] bbar = bbarNow;
        double[] a = inputs[0].value;
        boolean writeB = writeBNow;
        int bs = inputs[1].size;
        for (int o = 0; o < size; o += bs) {
            boolean first = writeB && o == 0;
            switch (kind) {
                case ADD -> {
                    for (int j = j0; j < j1; j++) {
                        bbar[j] = (first ? 0.0 : bbar[j]) + ybar[o + j];
                    }
                }
                case SUB -> {
                    for (int j = j0; j < j1; j++) {
                        bbar[j] = (first ? 0.0 : bbar[j]) + -ybar[o + j];
                    }
                }
                default -> {
                    for (int j = j0; j < j1; j++) {
                        bbar[j] = (first ? 0.0 : bbar[j]) + ybar[o + j] * a[o + j];
                    }
                }
            }
        }
    }

    @Override
    protected void tangent() {
        Node na = inputs[0];
        Node nb = inputs[1];
        double[] a = na.value;
        double[] b = nb.value;
        double[] ta = na.tangent;
        double[] tb = nb.tangent;
        for (int o = 0; o < size; o++) {
            int i = at(ia, o);
            int j = at(ib, o);
            double da = ta == null ? 0.0 : ta[i];
            double db = tb == null ? 0.0 : tb[j];
            tangent[o] = switch (kind) {
                case ADD -> da + db;
                case SUB -> da - db;
                case MUL -> da * b[j] + a[i] * db;
                case DIV -> da / b[j] - a[i] * db / (b[j] * b[j]);
            };
        }
    }

    @Override
    protected void backwardTangent() {
        Node na = inputs[0];
        Node nb = inputs[1];
        addAdjoint(gradTangent, na.gradTangent, nb.gradTangent, false, false);
        if (kind == Kind.ADD || kind == Kind.SUB) {
            return;
        }
        // the second-order terms ∂ᵢ∂ⱼF[ẋⱼ]ᵀ ȳ: zero for add/sub
        double[] a = na.value;
        double[] b = nb.value;
        double[] ta = na.tangent;
        double[] tb = nb.tangent;
        double[] ra = na.gradTangent;
        double[] rb = nb.gradTangent;
        for (int o = 0; o < size; o++) {
            int i = at(ia, o);
            int j = at(ib, o);
            double yb = grad[o];
            double da = ta == null ? 0.0 : ta[i];
            double db = tb == null ? 0.0 : tb[j];
            if (kind == Kind.MUL) {
                if (ra != null) {
                    ra[i] += yb * db;
                }
                if (rb != null) {
                    rb[j] += yb * da;
                }
            } else {
                double z = b[j];
                double z2 = z * z;
                if (ra != null) {
                    ra[i] += -yb * db / z2;
                }
                if (rb != null) {
                    rb[j] += -yb * da / z2 + 2.0 * yb * a[i] * db / (z2 * z);
                }
            }
        }
    }
}
