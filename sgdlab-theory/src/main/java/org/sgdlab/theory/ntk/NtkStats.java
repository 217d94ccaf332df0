package org.sgdlab.theory.ntk;

/** Small statistics shared by the ntk claims. */
final class NtkStats {
    private NtkStats() {
    }

    /**
     * Mean and standard error (sample standard deviation / √R) of column k over the R rows of {@code draws} (read only);
     * R ≥ 2.
     */
    static double[] meanAndStandardError(double[][] draws, int k) {
        int r = draws.length;
        double mean = 0;
        for (double[] d : draws) {
            mean += d[k];
        }
        mean /= r;
        double ss = 0;
        for (double[] d : draws) {
            ss += (d[k] - mean) * (d[k] - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (r - 1) / r)};
    }

    /**
     * Spearman's rank correlation of a and b (read only, same length ≥ 2): Pearson's correlation of the ranks, ties given
     * their average rank. NaN when either has constant values (no ranking to correlate).
     */
    static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need two samples of the same length >= 2, got " + a.length + " and " + b.length);
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += ra[i] / n;
            mb += rb[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Ranks 1 … n of v (ties: the average of the ranks they span), a new array. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    /** The angle in degrees between a and b (read only, same length, neither zero): arccos of the clamped cosine. */
    static double angleDegrees(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)))));
    }
}
