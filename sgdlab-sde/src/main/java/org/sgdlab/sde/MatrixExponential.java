package org.sgdlab.sde;

/**
 * e^A for a dense n×n matrix by scaling and squaring with the diagonal [6/6] Padé approximant (Moler &amp; Van Loan,
 * "Nineteen dubious ways to compute the exponential of a matrix, twenty-five years later", SIAM Rev. 45 (2003), method
 * 3): X = A/2^s with ‖X‖_∞ ≤ ½, e^X ≈ D(X)⁻¹N(X) with N(X) = Σ_k c_k X^k, D(X) = N(−X),
 * c_0 = 1, c_k = c_{k−1}(p − k + 1)/(k(2p − k + 1)), p = 6; then squared s times. The approximant's relative
 * truncation error at ‖X‖ ≤ ½ is below 10⁻¹⁶ (Moler &amp; Van Loan's bound 2^{3−2p}(p!)²/((2p)!(2p+1)!)).
 */
public final class MatrixExponential {
    private static final int P = 6;

    private MatrixExponential() {
    }

    /** e^A for A n×n row-major (read only); a new array. */
    public static double[] of(double[] a, int n) {
        if (n < 1 || a.length != n * n) {
            throw new IllegalArgumentException("matrix must be n×n with n >= 1, got " + a.length + " entries for n = " + n);
        }
        Dense.requireFinite("matrix", a);
        double norm = Dense.normInf(a, n);
        int s = norm <= 0.5 ? 0 : Math.max(0, (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2)));
        double scale = Math.scalb(1.0, -s);
        double[] x = new double[n * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = a[i] * scale;
        }
        double[] num = Dense.identity(n);
        double[] den = Dense.identity(n);
        double[] power = Dense.identity(n);
        double c = 1;
        for (int k = 1; k <= P; k++) {
            c = c * (P - k + 1) / (k * (2.0 * P - k + 1));
            power = Dense.multiply(power, x, n, n, n);
            double sign = (k % 2 == 0) ? 1 : -1;
            for (int i = 0; i < num.length; i++) {
                num[i] += c * power[i];
                den[i] += sign * c * power[i];
            }
        }
        double[] e = Dense.solve(den, num, n, n);
        for (int k = 0; k < s; k++) {
            e = Dense.multiply(e, e, n, n, n);
        }
        return e;
    }
}
