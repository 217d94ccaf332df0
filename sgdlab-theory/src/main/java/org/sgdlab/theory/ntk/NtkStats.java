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
}
