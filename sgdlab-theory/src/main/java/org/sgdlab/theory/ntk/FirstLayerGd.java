package org.sgdlab.theory.ntk;

import org.sgdlab.linalg.Matrix;
import org.sgdlab.random.RandomStream;

/**
 * Full-batch GD on the squared loss L = Σᵢ ½(uᵢ − yᵢ)² of the two-layer ReLU network of 002 eq. 9.7,
 * u(x) = (1/√m) Σ_r a_r relu(w_rᵀx), training only the first layer W = [w_1 … w_m] (as in Figs. 9.1–9.2), from a
 * <i>paired</i> initialization: w_r(0) ∼ N(0, I) for r &lt; m/2, w_{r+m/2}(0) = w_r(0), a_r = +1 and a_{r+m/2} = −1. Each
 * a_r is ±1 as in §9.2, and the pairs cancel, so u(0) = 0 exactly: the "ignore u(0)" of 002 footnote 4 holds by
 * construction (the mitigation of [ADH⁺19a]). H(0) is then the average over m/2 independent neurons.
 *
 * <p>Fast path (exact in real arithmetic): the step W ← W − η∇_W L = W − η MᵀX with M_ir = (uᵢ − yᵢ) a_r 1(z_ir &gt; 0)/√m
 * changes the pre-activations Z = XWᵀ by −η(XXᵀ)M, so the run keeps Z and the Gram matrix XXᵀ and never forms W: at
 * most n²m operations per step instead of 2ndm (n = 100 MNIST digits, d = 784: 8× fewer). The weights at step t are
 * W(t) = W(0) − η XᵀΣ_{s&lt;t}M_s; {@link #predict} uses that form for new inputs. The naive reference (W itself,
 * gradient by sgdlab-nn's reverse mode) is in FirstLayerGdTest.
 *
 * <p>Layout of the step: Z is kept transposed (neuron r's pre-activations on the n inputs contiguous), and neuron r's
 * column of Z moves by Σ_j (−ηXXᵀ)_{·j} M_jr over the inputs j where it is active (z_jr &gt; 0) only: M_jr is exactly 0
 * elsewhere (about half the terms), and adding the product g·0 = ±0 leaves every sum as it is (x + ±0 = x for x ≠ 0; a
 * zero's sign is never read, Z is only compared with 0). The surviving terms are added in the same j order as the
 * plain loop over all j, so Z and every output keep their bits (FirstLayerGdTest compares them with the plain loops).
 *
 * <p>Not thread-safe; {@link #stepInPlace} mutates the run.
 */
final class FirstLayerGd {
    private final int n;
    private final int m;
    private final Matrix x;
    private final double[] gram;
    private final double[] w0;
    /** Zᵀ: zt[r·n + i] = z_ir = w_rᵀxᵢ. */
    private final double[] zt;
    /** (Σ_s M_s)ᵀ, m × n, so that W(t) = W(0) − η Xᵀ·sum (η constant). */
    private final double[] mSumT;
    /** (uᵢ − yᵢ)/√m of the current step. */
    private final double[] res;
    /** The inputs j where the current neuron is active, and their M_jr. */
    private final int[] activeIndex;
    private final double[] activeValue;
    /** −η·XXᵀ, filled at the first step (η is constant along a run). */
    private double[] negEtaGram;
    private double eta = Double.NaN;
    private int steps;

    /**
     * @param x     the n × d inputs (read only, kept by reference)
     * @param width m, even and ≥ 2
     * @param rnd   the stream of w_r(0) (advanced)
     */
    FirstLayerGd(Matrix x, int width, RandomStream rnd) {
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be even and >= 2 (paired initialization), got " + width);
        }
        this.n = x.rows();
        this.m = width;
        this.x = x;
        int d = x.cols();
        this.w0 = new double[m * d];
        for (int r = 0; r < m / 2; r++) {
            for (int k = 0; k < d; k++) {
                double g = rnd.nextGaussian();
                w0[r * d + k] = g;
                w0[(r + m / 2) * d + k] = g;
            }
        }
        this.gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x.get(i, k) * x.get(j, k);
                }
                gram[i * n + j] = s;
                gram[j * n + i] = s;
            }
        }
        this.zt = transpose(preActivations(x), n, m);
        this.mSumT = new double[m * n];
        this.res = new double[n];
        this.activeIndex = new int[n];
        this.activeValue = new double[n];
    }

    /** The transpose of a rows × cols row-major matrix (read only), a new array. */
    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** a_r: +1 for the first half of the neurons, −1 for the second. */
    static double outputWeight(int r, int width) {
        return r < width / 2 ? 1.0 : -1.0;
    }

    int width() {
        return m;
    }

    int steps() {
        return steps;
    }

    /** W(0), m × d row-major (the backing array: read only). */
    double[] initialWeights() {
        return w0;
    }

    /** Writes u = (1/√m) Σ_r a_r relu(z_ir) into {@code out} (length n) and returns it. */
    double[] outputs(double[] out) {
        double scale = 1.0 / Math.sqrt(m);
        // each uᵢ summed over r in ascending order, as a loop over r per i would: the n sums advance side by side
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int r = 0; r < m; r++) {
            double a = outputWeight(r, m);
            int row = r * n;
            for (int i = 0; i < n; i++) {
                double v = zt[row + i];
                // + 0.0 for an inactive neuron: the sum is never −0 (it starts at +0 and its terms are not 0), so adding
                // +0 leaves it as the skipped term would, without a branch on a coin flip
                out[i] += v > 0 ? a * v : 0.0;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /**
     * One GD step W ← W − η∇_W Σᵢ ½(uᵢ − yᵢ)² with the outputs {@code u} of the current weights ({@link #outputs});
     * y read only. The step size must stay the same along a run ({@link #predict} relies on it).
     */
    void stepInPlace(double[] u, double[] y, double eta) {
        if (!(eta > 0) || (steps > 0 && eta != this.eta)) {
            throw new IllegalArgumentException("eta must be > 0 and constant along a run, got " + eta + " after " + this.eta);
        }
        this.eta = eta;
        if (negEtaGram == null) {
            negEtaGram = new double[n * n];
            for (int k = 0; k < n * n; k++) {
                negEtaGram[k] = -eta * gram[k];
            }
        }
        double scale = 1.0 / Math.sqrt(m);
        for (int i = 0; i < n; i++) {
            res[i] = (u[i] - y[i]) * scale;
        }
        for (int r = 0; r < m; r++) {
            double a = outputWeight(r, m);
            int row = r * n;
            // neuron r's column of M, from Z before the step
            // (written without a branch on the sign, which is a coin flip: every j is stored, and the count moves past it
            // only when it is active)
            int active = 0;
            for (int j = 0; j < n; j++) {
                boolean on = zt[row + j] > 0;
                double v = on ? res[j] * a : 0.0;
                activeIndex[active] = j;
                activeValue[active] = v;
                active += on ? 1 : 0;
                mSumT[row + j] += v;
            }
            // z_ir ← z_ir + Σ_j (−ηXXᵀ)_ij M_jr over the active j in ascending order ((−ηXXᵀ) is symmetric)
            moveColumn(row, active);
        }
        steps++;
    }

    /**
     * zt[row + i] += Σ_k negEtaGram[j_k·n + i]·c_k for i &lt; n over the first {@code active} entries (j_k, c_k) of the
     * active lists, the terms added one at a time in k order: four terms per pass over the column, so it is loaded and
     * stored a quarter as often.
     */
    private void moveColumn(int row, int active) {
        double[] g = negEtaGram;
        int k = 0;
        for (; k + 3 < active; k += 4) {
            int a0 = activeIndex[k] * n;
            int a1 = activeIndex[k + 1] * n;
            int a2 = activeIndex[k + 2] * n;
            int a3 = activeIndex[k + 3] * n;
            double c0 = activeValue[k];
            double c1 = activeValue[k + 1];
            double c2 = activeValue[k + 2];
            double c3 = activeValue[k + 3];
            for (int i = 0; i < n; i++) {
                zt[row + i] = (((zt[row + i] + g[a0 + i] * c0) + g[a1 + i] * c1) + g[a2 + i] * c2) + g[a3 + i] * c3;
            }
        }
        for (; k < active; k++) {
            int aj = activeIndex[k] * n;
            double c = activeValue[k];
            for (int i = 0; i < n; i++) {
                zt[row + i] += g[aj + i] * c;
            }
        }
    }

    /** The network's outputs on the rows of {@code inputs} (read only) with the current weights W(0) − ηXᵀΣM; a new array. */
    double[] predict(Matrix inputs) {
        int q = inputs.rows();
        int d = x.cols();
        double[] zq = preActivations(inputs);
        if (steps > 0) {
            double[] mSum = transpose(mSumT, m, n);
            double[] g = new double[n];
            for (int p = 0; p < q; p++) {
                for (int j = 0; j < n; j++) {
                    double c = 0;
                    for (int k = 0; k < d; k++) {
                        c += inputs.get(p, k) * x.get(j, k);
                    }
                    g[j] = -eta * c;
                }
                addCombinationInPlace(zq, p * m, g, mSum, m);
            }
        }
        double[] out = new double[q];
        double scale = 1.0 / Math.sqrt(m);
        for (int p = 0; p < q; p++) {
            double s = 0;
            for (int r = 0; r < m; r++) {
                double v = zq[p * m + r];
                if (v > 0) {
                    s += outputWeight(r, m) * v;
                }
            }
            out[p] = s * scale;
        }
        return out;
    }

    /**
     * Z₀ = inputs·W(0)ᵀ (q × m, a new array). Each entry is the sequential sum Σ_k row_k·w_rk (k ascending, product then
     * sum), as a plain loop computes it; four neurons' sums run side by side (four independent chains instead of one
     * latency-bound chain), and the second half of the neurons copies the first (w_{r+m/2}(0) = w_r(0): the same
     * arithmetic on the same numbers). FirstLayerGdTest checks the bits against the plain loop.
     */
    private double[] preActivations(Matrix inputs) {
        int q = inputs.rows();
        int d = inputs.cols();
        int half = m / 2;
        double[] out = new double[q * m];
        double[] row = new double[d];
        for (int p = 0; p < q; p++) {
            inputs.copyRows(p, 1, row, 0);
            int o = p * m;
            int r = 0;
            for (; r + 3 < half; r += 4) {
                int w1 = r * d;
                int w2 = w1 + d;
                int w3 = w2 + d;
                int w4 = w3 + d;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                double s4 = 0;
                for (int k = 0; k < d; k++) {
                    double v = row[k];
                    s1 += v * w0[w1 + k];
                    s2 += v * w0[w2 + k];
                    s3 += v * w0[w3 + k];
                    s4 += v * w0[w4 + k];
                }
                out[o + r] = s1;
                out[o + r + 1] = s2;
                out[o + r + 2] = s3;
                out[o + r + 3] = s4;
            }
            for (; r < half; r++) {
                double s = 0;
                int wr = r * d;
                for (int k = 0; k < d; k++) {
                    s += row[k] * w0[wr + k];
                }
                out[o + r] = s;
            }
            System.arraycopy(out, o, out, o + half, half);
        }
        return out;
    }

    /**
     * z[zOff + r] += Σ_j g[j]·rows[j·m + r] for r &lt; m, the terms added one at a time in j order (each product rounded,
     * then the sum, as {@code z += g·row} in a loop over j computes it): four rows per pass over z, so z is loaded and
     * stored a quarter as often. z modified; g and rows read only.
     */
    private static void addCombinationInPlace(double[] z, int zOff, double[] g, double[] rows, int m) {
        int n = g.length;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double g0 = g[j];
            double g1 = g[j + 1];
            double g2 = g[j + 2];
            double g3 = g[j + 3];
            int a0 = j * m;
            int a1 = a0 + m;
            int a2 = a1 + m;
            int a3 = a2 + m;
            for (int r = 0; r < m; r++) {
                z[zOff + r] = (((z[zOff + r] + g0 * rows[a0 + r]) + g1 * rows[a1 + r]) + g2 * rows[a2 + r]) + g3 * rows[a3 + r];
            }
        }
        for (; j < n; j++) {
            double gj = g[j];
            int aj = j * m;
            for (int r = 0; r < m; r++) {
                z[zOff + r] += gj * rows[aj + r];
            }
        }
    }
}
