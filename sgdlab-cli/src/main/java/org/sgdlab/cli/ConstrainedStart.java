package org.sgdlab.cli;

import org.sgdlab.geometry.Manifold;
import org.sgdlab.geometry.MirrorDescent;
import org.sgdlab.geometry.Potentials;
import org.sgdlab.geometry.RiemannianStep;
import org.sgdlab.optim.Chain;
import org.sgdlab.optim.Transform;

/**
 * Optimizers that run on a constraint set (the Riemannian ones on their manifold, exponentiated gradient on the
 * probability simplex) refuse a start off it. `sgdlab train` then starts from the nearest admissible point of the
 * initialization instead and says so: the manifold's projection (w/‖w‖ for the spheres, the orthonormal factor for
 * Stiefel), and |w|/‖w‖₁ for the simplex (its center, the uniform vector, from zeros).
 */
final class ConstrainedStart {
    /** The start to use and, when it differs from the initialization, a note for stderr (else null). */
    record Start(double[] params, String note) {
    }

    private ConstrainedStart() {
    }

    /** The start of {@code opt} from {@code w0} (read only). */
    static Start of(Transform opt, double[] w0) {
        Manifold manifold = manifold(opt);
        if (manifold != null) {
            if (manifold.violation(w0) <= 1e-10) {
                return new Start(w0, null);
            }
            boolean zero = true;
            for (double v : w0) {
                zero &= v == 0;
            }
            if (zero) {
                throw new Main.UsageException(opt.describe() + " runs on " + manifold.describe() + ", and the initialization is 0, "
                        + "which has no projection onto it: give a random initialization (e.g. --init random for the linear "
                        + "model)");
            }
            return new Start(manifold.project(w0), opt.describe() + " runs on " + manifold.describe()
                    + ": the initialization is projected onto it");
        }
        if (onSimplex(opt)) {
            double l1 = 0;
            boolean inside = true;
            for (double v : w0) {
                l1 += Math.abs(v);
                inside &= v >= 0;
            }
            if (inside && Math.abs(l1 - 1) <= 1e-9) {
                return new Start(w0, null);
            }
            double[] w = new double[w0.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = l1 == 0 ? 1.0 / w.length : Math.abs(w0[i]) / l1;
            }
            return new Start(w, opt.describe() + " runs on the probability simplex: it starts from "
                    + (l1 == 0 ? "the uniform vector 1/p (the initialization is 0)" : "|w0|/‖w0‖₁"));
        }
        return new Start(w0, null);
    }

    /** The manifold of a Riemannian step, looked for through chains; null for other transforms. */
    private static Manifold manifold(Transform t) {
        if (t instanceof RiemannianStep r) {
            return r.manifold();
        }
        if (t instanceof Chain c) {
            for (Transform part : c.parts()) {
                Manifold m = manifold(part);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static boolean onSimplex(Transform t) {
        if (t instanceof MirrorDescent md) {
            return md.potential() == Potentials.negativeEntropy();
        }
        if (t instanceof Chain c) {
            for (Transform part : c.parts()) {
                if (onSimplex(part)) {
                    return true;
                }
            }
        }
        return false;
    }
}
