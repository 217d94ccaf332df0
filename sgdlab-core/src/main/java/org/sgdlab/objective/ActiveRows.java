package org.sgdlab.objective;

import org.sgdlab.linalg.Kernels;
import org.sgdlab.linalg.Matrix;
import org.sgdlab.linalg.Simd;
import org.sgdlab.linalg.VectorKernels;

/**
 * The rows whose exponential-loss log-domain weight e^{−mᵢ − maxⱼ(−mⱼ)} can be nonzero near a reference point, and a
 * proof, for each point w asked about, that every other row's weight is exactly +0.0 there; {@link EmpiricalRisk}'s
 * {@code gradientDirection} and {@code logValue} then compute only the active rows' margins, with the same bits as over
 * all rows.
 *
 * <p>Why: late in a normalized-GD run toward the max-margin direction the margins mᵢ = yᵢ⟨xᵢ, w⟩ differ by 10³–10⁹, and all
 * but the few rows nearest the minimum margin get the weight {@code Math.exp(x)} = +0.0 (x ≤ −746); computing all n
 * margins was ~75 % of a step of max-margin.fast (n = 50, d = 10, 6·10⁶ steps in the quick check).
 *
 * <p><b>Why skipping is exact.</b> The full computation skips a weight e = +0.0 in every later sum and product (EmpiricalRisk
 * adds, divides and axpys only nonzero weights), so a row contributes nothing exactly when fl(−Mᵢ − (−M_min)) ≤ −746,
 * M the computed margins, which holds when Mᵢ − M_min ≥ 746 (rounding is monotone and −746 is a double); such a row is
 * not the minimum either. At a rebuild at w_ref every computed margin Mᵢ(w_ref) is known; rows with Mᵢ − M_min &lt; 746 + H
 * (H the headroom) are active. At a later point w, with δ ≥ ‖w − w_ref‖ and the dot products' rounding bound
 * |Mᵢ − mᵢ| ≤ ε‖xᵢ‖‖w‖ (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., eq. (3.5): γ_d ≤ ε for any
 * summation order), every inactive row has
 * <pre>
 *   Mᵢ(w) ≥ Mᵢ(w_ref) − ‖xᵢ‖·(δ + ε(2‖w_ref‖ + δ)) ≥ A − R·q,
 * </pre>
 * A the least inactive margin at w_ref and R ≥ the largest inactive ‖xᵢ‖. The point is covered when A − R·q − M_min(w) ≥
 * 746 + 1 + (a relative allowance for the rounding of this test itself), M_min(w) the least active margin at w; otherwise
 * the caller rebuilds. The test is O(d + active rows) per point and holds for any sequence of points (no assumption on
 * the optimizer). Only for in-memory rows, without intercept, with labels ±1 (yᵢ·dot is exact). On short rows the
 * active rows' margins are taken 4 rows per SIMD vector from a column copy made at each rebuild (the bits of the
 * scalar dot, see {@link VectorKernels#rowDotsByColumns}).
 *
 * <p>The headroom H is a cost trade-off only (larger: more active rows, fewer rebuilds); it adapts to how long a
 * reference lasted. Where most rows are active the caller's full SIMD pass is cheaper: the set then declines to cover
 * and rebuilds are attempted less and less often. Not thread-safe (scratch of its {@link EmpiricalRisk}).
 */
final class ActiveRows {
    /** Mᵢ − M_min ≥ this gives Math.exp(−Mᵢ + M_min) = +0.0 ({@link EmpiricalRisk#EXP_IS_ZERO_BELOW}). */
    static final double ZERO_WEIGHT_GAP = -EmpiricalRisk.EXP_IS_ZERO_BELOW;
    /** Absolute allowance for underflow in the dot products and the rounding of the test; covers subnormal losses. */
    private static final double ABSOLUTE_SLACK = 1.0;
    /** Added to computed norms: a lower bound on what squares that underflow to zero can hide (d &lt; 10⁸). */
    private static final double TINY = 1e-150;
    static final double MIN_HEADROOM = 64;
    static final double MAX_HEADROOM = 1 << 20;

    private final double[] a;
    private final double[] y;
    private final int n;
    private final int d;
    /** ε ≥ the relative rounding bound of a d-term dot product and of the norms here: (d + 16)·2⁻⁵⁰ ≫ d·2⁻⁵³. */
    private final double eps;
    /** ‖xᵢ‖ rounded up. */
    private final double[] rowNormUp;

    /** Margins yᵢ⟨xᵢ, w⟩ of the active rows at the last point asked about (all rows right after {@link #rebuild}). */
    final double[] margins;
    /** min over the active rows of {@link #margins} by {@code Math.min} (the least margin of all rows, by the proof). */
    double minMargin;
    /** The active rows, ascending; {@link #count} of them. */
    final int[] rows;
    int count;
    /** Scratch, one entry per active row. */
    final double[] slots;

    /** Calls per JVM on the scalar dot before the SIMD kernel takes over. */
    static final int SCALAR_CALLS = 20_000;
    /** Unsynchronized on purpose: a race moves the switch by a few calls, and both paths give the same bits. */
    private static int scalarCallsLeft = SCALAR_CALLS;
    /** The active rows by columns (x[j·columnStride + k] = x_{rows[k], j}, zero padded), or null; and their dots. */
    private double[] columns;
    private int columnStride;
    private double[] dots;

    private final double[] ref;
    /** Whether {@link #covers} may use the reference (false: none yet, or the last rebuild found most rows active). */
    private boolean usable;
    private double refNormUp;
    /** Least margin of an inactive row at the reference (+∞ if none). */
    private double inactiveMin;
    /** Largest ‖xᵢ‖ (rounded up) of an inactive row (0 if none). */
    private double inactiveNormUp;
    private double headroom = 256;
    private long coveredSinceRebuild;
    /** Points covered in all (tests check that a run exercised the skipping). */
    private long covered;
    /** Rebuild attempts still to skip after a dense rebuild, and the next such pause. */
    private int skip;
    private int pause = 1;

    ActiveRows(Matrix x, double[] y) {
        this.a = x.data();
        this.y = y;
        this.n = x.rows();
        this.d = x.cols();
        this.eps = (d + 16) * 0x1p-50;
        this.rowNormUp = new double[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * d, row, 0, d);
            rowNormUp[i] = up(Kernels.norm2(row));
        }
        this.margins = new double[n];
        this.rows = new int[n];
        this.slots = new double[n];
        this.ref = new double[d];
    }

    private double up(double norm) {
        return (norm + TINY) * (1 + eps);
    }

    /**
     * Whether every row outside the active set provably has weight +0.0 at {@code w} (not modified); when it does, the
     * active rows' margins at w are in {@link #margins}. False when there is no usable reference or w is not finite.
     */
    boolean covers(double[] w) {
        if (!usable) {
            return false;
        }
        double ss = 0;
        for (int j = 0; j < d; j++) {
            double t = w[j] - ref[j];
            ss += t * t;
        }
        double delta = up(Math.sqrt(ss));
        if (!(delta < Double.POSITIVE_INFINITY)) {
            return false; // NaN or infinite w
        }
        double mMin = Double.POSITIVE_INFINITY;
        if (columns != null && simdCallsDue()) {
            // 4 active rows per vector, each lane dotScalar's operations: the bits of Kernels.dot on a short row
            VectorKernels.rowDotsByColumns(columns, columnStride, columnStride, d, w, dots);
            for (int k = 0; k < count; k++) {
                int i = rows[k];
                double m = dots[k] * y[i];
                margins[i] = m;
                mMin = Math.min(mMin, m);
            }
        } else {
            for (int k = 0; k < count; k++) {
                int i = rows[k];
                double m = Kernels.dot(a, i * d, w, 0, d) * y[i]; // EmpiricalRisk.margins' bits (no intercept)
                margins[i] = m;
                mMin = Math.min(mMin, m);
            }
        }
        if (!(Math.abs(mMin) < Double.POSITIVE_INFINITY)) {
            return false; // a dot product overflowed (or NaN): the full path's cases
        }
        double q = delta + eps * (2 * refNormUp + delta);
        double drop = inactiveNormUp * q;
        double lower = inactiveMin - drop;
        double allowance = ZERO_WEIGHT_GAP + ABSOLUTE_SLACK + 1e-9 * (Math.abs(inactiveMin) + drop + Math.abs(mMin));
        if (lower - mMin >= allowance) { // false for a NaN anywhere
            minMargin = mMin;
            coveredSinceRebuild++;
            covered++;
            return true;
        }
        return false;
    }

    /** How many points {@link #covers} has covered. */
    long coveredPoints() {
        return covered;
    }

    /** Whether the caller should compute all margins and {@link #rebuild} now (false while pausing after dense rebuilds). */
    boolean wantsRebuild() {
        if (skip > 0) {
            skip--;
            return false;
        }
        return true;
    }

    /**
     * A new reference at {@code w} (not modified) from the computed margins of every row, which the caller has written
     * into {@link #margins}. Returns whether the active rows are listed for this point (every margin finite): then every
     * other row's weight at w is +0.0 by the exact margins, and the caller may compute over the list.
     */
    boolean rebuild(double[] w) {
        adaptHeadroom();
        coveredSinceRebuild = 0;
        usable = false;
        double mMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double m = margins[i];
            if (!(Math.abs(m) < Double.POSITIVE_INFINITY)) {
                return false;
            }
            mMin = Math.min(mMin, m);
        }
        double cut = mMin + (ZERO_WEIGHT_GAP + headroom);
        count = 0;
        double aMin = Double.POSITIVE_INFINITY;
        double rMax = 0;
        for (int i = 0; i < n; i++) {
            double m = margins[i];
            // exact for the listing (a row is left out only when m − mMin ≥ 746), the headroom is for later points
            if (m < cut || !(m - mMin >= ZERO_WEIGHT_GAP)) {
                rows[count++] = i;
            } else {
                aMin = Math.min(aMin, m);
                rMax = Math.max(rMax, rowNormUp[i]);
            }
        }
        minMargin = mMin;
        inactiveMin = aMin;
        inactiveNormUp = rMax;
        System.arraycopy(w, 0, ref, 0, d);
        refNormUp = up(Kernels.norm2(ref));
        if (2 * count > n || !(refNormUp < Double.POSITIVE_INFINITY)) {
            skip = pause; // most rows active: the full pass is cheaper; try again later, less often each time
            pause = Math.min(2 * pause, 1024);
        } else {
            usable = true;
            pause = 1;
            copyActiveColumns();
        }
        return true;
    }

    /** The active rows by columns for {@link VectorKernels#rowDotsByColumns} (short rows with SIMD on; else none). */
    private void copyActiveColumns() {
        if (!Simd.ENABLED || d >= Kernels.SIMD_DOT_MIN) {
            return;
        }
        if (columns == null) {
            columns = new double[d * ((n + 3) / 4 * 4)];
            dots = new double[(n + 3) / 4 * 4];
        }
        columnStride = (count + 3) / 4 * 4;
        for (int j = 0; j < d; j++) {
            int off = j * columnStride;
            for (int k = 0; k < count; k++) {
                columns[off + k] = a[rows[k] * d + j];
            }
            java.util.Arrays.fill(columns, off + count, off + columnStride, 0.0);
        }
    }

    /** Sets the scalar calls left in this JVM (tests run both kernels). */
    static void scalarCallsLeftForTests(int calls) {
        scalarCallsLeft = calls;
    }

    /**
     * Whether this call may take the SIMD kernel: the first {@value #SCALAR_CALLS} calls in a JVM take the scalar dot
     * (the same bits), as {@link ColumnPredictions} does, because the Vector API is ~100× slower until C2 compiles it.
     */
    private static boolean simdCallsDue() {
        if (scalarCallsLeft > 0) {
            scalarCallsLeft--;
            return false;
        }
        return true;
    }

    /** Doubles the headroom when a reference lasted under 16 points, halves it beyond 1024 (cost only, never bits). */
    private void adaptHeadroom() {
        if (!usable) {
            return;
        }
        if (coveredSinceRebuild < 16) {
            headroom = Math.min(2 * headroom, MAX_HEADROOM);
        } else if (coveredSinceRebuild > 1024) {
            headroom = Math.max(headroom / 2, MIN_HEADROOM);
        }
    }
}
