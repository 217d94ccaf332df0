package org.sgdlab.theory.sgd;

import java.lang.reflect.InvocationTargetException;
import org.sgdlab.data.Dataset;

/**
 * Temporary stand-in until {@code org.sgdlab.data.MnistDigits} is merged: calls
 * {@code MnistDigits.fourVsNine()} (2000 × 784 pixels in [0, 1], label −1 for a 4 and +1 for a 9)
 * reflectively, so this package compiles without it. Replace the body by a direct call after the merge.
 */
final class MnistSource {
    static final String CLASS_NAME = "org.sgdlab.data.MnistDigits";

    private MnistSource() {
    }

    /** True when the MNIST class is on the class path. */
    static boolean available() {
        try {
            Class.forName(CLASS_NAME);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code MnistDigits.fourVsNine()}, or an IllegalStateException that says the class is missing. */
    static Dataset fourVsNine() {
        try {
            Object d = Class.forName(CLASS_NAME).getMethod("fourVsNine").invoke(null);
            return (Dataset) d;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("sgd.mnist-4v9 needs " + CLASS_NAME + ".fourVsNine() (the MNIST 4-vs-9 digits), "
                    + "which is not on the class path of this build", e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + CLASS_NAME + ".fourVsNine(): " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(CLASS_NAME + ".fourVsNine() failed: " + cause, cause);
        }
    }
}
