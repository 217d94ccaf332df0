package org.sgdlab.theory.scaleinv;

import java.util.List;
import org.sgdlab.precision.Arithmetic;

/**
 * The scale-invariant loss L(w) = Σ aᵢwᵢ² / Σ wᵢ² (the Rayleigh quotient of diag(a); any symmetric A reduces to this by
 * a rotation, under which GD is equivariant), written once over an {@link Arithmetic} so one run can be repeated in
 * float64, double-double and 60-digit decimals.
 *
 * <pre>
 *   ∇L(w) = 2(a⊙w − L(w)·w) / ‖w‖²,      ρ = max_{‖w‖=1} ‖∇²L(w)‖₂ = 2(max aᵢ − min aᵢ)
 * </pre>
 * (ρ of 002 Def. 13.4.1; derivation in docs/normalization.md: in the basis (w, tangent space) the Hessian at a unit w is
 * [[0, −gᵀ], [−g, P·2(A − L)·P]], whose norm is at most 2(max a − min a) by the Bhatia–Davis inequality, with equality
 * at the extreme eigenvectors.)
 *
 * @param <T> the number type
 */
final class RayleighQuotient<T> {
    private final Arithmetic<T> ar;
    private final List<T> a;
    private final double[] aDouble;
    private final T two;

    /** {@code a} (read only) taken exactly into {@code ar}. */
    RayleighQuotient(Arithmetic<T> ar, double[] a) {
        this.ar = ar;
        this.aDouble = a.clone();
        this.a = java.util.Arrays.stream(a).mapToObj(ar::of).toList();
        this.two = ar.of(2);
    }

    Arithmetic<T> arithmetic() {
        return ar;
    }

    int dimension() {
        return aDouble.length;
    }

    /** ρ = 2(max aᵢ − min aᵢ). */
    double rho() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : aDouble) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return 2 * (hi - lo);
    }

    T value(List<T> w) {
        T num = ar.of(0);
        T den = ar.of(0);
        for (int i = 0; i < w.size(); i++) {
            T sq = ar.multiply(w.get(i), w.get(i));
            num = ar.add(num, ar.multiply(a.get(i), sq));
            den = ar.add(den, sq);
        }
        return ar.divide(num, den);
    }

    /** ∇L(w) (a new list; {@code w} is not modified). */
    List<T> gradient(List<T> w) {
        T num = ar.of(0);
        T den = ar.of(0);
        for (int i = 0; i < w.size(); i++) {
            T sq = ar.multiply(w.get(i), w.get(i));
            num = ar.add(num, ar.multiply(a.get(i), sq));
            den = ar.add(den, sq);
        }
        T l = ar.divide(num, den);
        T k = ar.divide(two, den);
        java.util.ArrayList<T> g = new java.util.ArrayList<>(w.size());
        for (int i = 0; i < w.size(); i++) {
            g.add(ar.multiply(k, ar.subtract(ar.multiply(a.get(i), w.get(i)), ar.multiply(l, w.get(i)))));
        }
        return g;
    }

    /**
     * The float64 fast path of {@link #gradient} on primitive arrays, the same operations in the same order (so the same
     * bits as the generic path over {@link Arithmetic#FLOAT64}): ∇L(w) into {@code out}, returns L(w) ({@code w} read only).
     */
    static double gradient(double[] a, double[] w, double[] out) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.length; i++) {
            double sq = w[i] * w[i];
            num = num + a[i] * sq;
            den = den + sq;
        }
        double l = num / den;
        double k = 2.0 / den;
        for (int i = 0; i < w.length; i++) {
            out[i] = k * (a[i] * w[i] - l * w[i]);
        }
        return l;
    }

    /** Eigenvalues 0, 1/(d−1), …, 1 (as doubles): ρ = 2. */
    static double[] evenSpectrum(int d) {
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = (double) i / (d - 1);
        }
        return a;
    }
}
