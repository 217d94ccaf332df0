package org.sgdlab.sde;

import java.util.Objects;
import org.sgdlab.linalg.Lanczos;
import org.sgdlab.objective.Objective;
import org.sgdlab.random.RandomStream;

/**
 * The ε-second-order stationary point test of 002 Def. 7.1.5 / Thm 7.2.1: x is an ε-SOSP of a ρ-Hessian-Lipschitz f when
 * ‖∇f(x)‖ ≤ ε and λ_min(∇²f(x)) ≥ −√(ρε). λ_min comes from {@link Lanczos} (smallest eigenvalue, tolerance 1e-8
 * relative, multiplicity check on) on Hessian–vector products: exact ones if given, else
 * {@link HessianVectorProduct#finiteDifferences} (stated in the result).
 */
public final class SecondOrderStationarity {
    private SecondOrderStationarity() {
    }

    /**
     * The outcome.
     *
     * @param gradientNorm   ‖∇f(x)‖
     * @param lambdaMin      the Lanczos estimate of λ_min(∇²f(x))
     * @param lambdaMinError its residual bound (some eigenvalue lies within it; plus the finite-difference error if used)
     * @param curvatureBound −√(ρε)
     * @param exactHessian   whether the HVPs were exact (false: finite differences of gradients)
     * @param converged      Lanczos converged
     * @param sosp           ‖∇f‖ ≤ ε and λ_min ≥ −√(ρε)
     */
    public record Result(double gradientNorm, double lambdaMin, double lambdaMinError, double curvatureBound,
                         boolean exactHessian, boolean converged, boolean sosp) {
    }

    /** The test with finite-difference HVPs. */
    public static Result check(Objective f, double[] x, double epsilon, double rho, long seed) {
        return check(f, x, epsilon, rho, null, seed);
    }

    /**
     * The test at x ({@code x} read only).
     *
     * @param epsilon ε &gt; 0
     * @param rho     ρ &gt; 0, the Hessian Lipschitz constant
     * @param hvp     exact HVPs, or null for finite differences of gradients
     * @param seed    the Lanczos start vector's seed
     */
    public static Result check(Objective f, double[] x, double epsilon, double rho, HessianVectorProduct hvp, long seed) {
        Objects.requireNonNull(f, "f");
        if (x.length != f.dimension()) {
            throw new IllegalArgumentException("x must have " + f.dimension() + " entries, got " + x.length);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be > 0 and finite, got " + epsilon);
        }
        if (!(rho > 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("Hessian Lipschitz constant rho must be > 0 and finite, got " + rho);
        }
        double[] g = new double[x.length];
        f.gradient(x, g);
        double gn = 0;
        for (double v : g) {
            gn += v * v;
        }
        gn = Math.sqrt(gn);
        boolean exact = hvp != null;
        HessianVectorProduct h = exact ? hvp : HessianVectorProduct.finiteDifferences(f);
        double[] xc = x.clone();
        Lanczos.Result r = Lanczos.solve((v, out) -> h.apply(xc, v, out), x.length, Lanczos.Options.smallest(1),
                new RandomStream(seed));
        double lam = r.values()[0];
        double bound = -Math.sqrt(rho * epsilon);
        return new Result(gn, lam, r.errorBound(0), bound, exact, r.converged(), gn <= epsilon && lam >= bound);
    }
}
