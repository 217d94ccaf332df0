package org.sgdlab.problems;

/** How a spectrum's eigenvalues are spread between λ_min and λ_max. */
public enum Spacing {
    /** λᵢ = λ_min + (λ_max − λ_min)·i/(d − 1). */
    LINEAR,
    /** λᵢ = λ_min·(λ_max/λ_min)^{i/(d − 1)} (geometric). */
    LOG;

    /** d eigenvalues from {@code lambdaMax} down to {@code lambdaMin} (both included; d = 1 gives λ_max). */
    public double[] eigenvalues(int d, double lambdaMin, double lambdaMax) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        if (!(lambdaMin > 0 && lambdaMax >= lambdaMin && Double.isFinite(lambdaMax))) {
            throw new IllegalArgumentException("need 0 < lambdaMin <= lambdaMax < inf, got " + lambdaMin + ", " + lambdaMax);
        }
        double[] l = new double[d];
        for (int i = 0; i < d; i++) {
            double s = d == 1 ? 0 : (double) i / (d - 1);
            l[i] = this == LINEAR ? lambdaMax - (lambdaMax - lambdaMin) * s : lambdaMax * Math.pow(lambdaMin / lambdaMax, s);
        }
        l[0] = lambdaMax;
        l[d - 1] = d == 1 ? lambdaMax : lambdaMin;
        return l;
    }
}
