package org.sgdlab.sde;

/**
 * An autonomous Itô SDE dX = b(X)dt + σ(X)dW in ℝ^d driven by an m-dimensional Wiener process W (002 eq. 12.1).
 * The methods must not keep shared scratch: the path simulator calls one instance from several threads.
 */
public interface Sde {
    /** d. */
    int dimension();

    /** m, the dimension of W. */
    int noiseDimension();

    /** out ← b(x) (length d); {@code x} read only. */
    void drift(double[] x, double[] out);

    /** out ← σ(x)·dw (length d) for dw of length m; {@code x} and {@code dw} read only. */
    void diffusionTimes(double[] x, double[] dw, double[] out);

    /** A one-line description. */
    String describe();
}
