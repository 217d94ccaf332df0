package org.sgdlab.probe;

import java.util.function.BiFunction;
import org.sgdlab.linalg.Kernels;
import org.sgdlab.objective.EmpiricalRisk;

/** The standard probes. Each allocates its buffers once, when created. */
public final class Probes {
    private Probes() {
    }

    /** The objective value f(w). */
    public static Probe loss() {
        return Probe.of("loss", (t, w, f) -> f.value(w));
    }

    /** log L(w) by log-sum-exp (margin losses; finite where L underflows). */
    public static Probe logLoss() {
        return Probe.of("log_loss", (t, w, f) -> ((EmpiricalRisk) f).logValue(w));
    }

    /** ‖w‖₂. */
    public static Probe norm() {
        return Probe.of("norm", (t, w, f) -> Kernels.norm2(w));
    }

    /** ‖∇f(w)‖₂. */
    public static Probe gradientNorm(int dimension) {
        double[] g = new double[dimension];
        return Probe.of("grad_norm", (t, w, f) -> {
            f.gradient(w, g);
            return Kernels.norm2(g);
        });
    }

    /** ‖w − ref‖₂ / ‖ref‖₂. */
    public static Probe relativeDistanceTo(String name, double[] ref) {
        double[] r = ref.clone();
        return Probe.of(name, (t, w, f) -> Angles.relativeDistance(w, r));
    }

    /** The angle (radians) between w and ref, accurate near 0 ({@link Angles#between}). */
    public static Probe angleTo(String name, double[] ref) {
        double[] r = ref.clone();
        return Probe.of(name, (t, w, f) -> Angles.between(w, r));
    }

    /** minᵢ yᵢ(⟨w, xᵢ⟩ + b), the smallest (functional) margin. */
    public static Probe minMargin() {
        return Probe.of("min_margin", (t, w, f) -> ((EmpiricalRisk) f).minMargin(w));
    }

    /** minᵢ yᵢ(⟨w, xᵢ⟩ + b) / ‖w‖: the normalized (geometric) margin of the current iterate. */
    public static Probe normalizedMargin() {
        return Probe.of("normalized_margin", (t, w, f) -> {
            EmpiricalRisk r = (EmpiricalRisk) f;
            int d = r.model().features();
            double[] wOnly = java.util.Arrays.copyOf(w, d);
            return r.minMargin(w) / Kernels.norm2(wOnly);
        });
    }

    /** A probe computing ‖P(w)‖ / ‖w‖ for a projector P, e.g. the component of w in null(X). */
    public static Probe relativeComponent(String name, BiFunction<double[], double[], double[]> projector, int dimension) {
        double[] out = new double[dimension];
        return Probe.of(name, (t, w, f) -> {
            double nw = Kernels.norm2(w);
            double np = Kernels.norm2(projector.apply(w, out));
            return nw == 0 ? np : np / nw;
        });
    }
}
