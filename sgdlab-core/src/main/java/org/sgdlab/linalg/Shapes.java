package org.sgdlab.linalg;

/** Argument checks shared by the factorizations (messages name the parameter and the value). */
final class Shapes {
    private Shapes() {
    }

    /** Throws unless {@code a.length == rows·cols}. */
    static void checkLength(String name, double[] a, int rows, int cols) {
        if (a.length != (long) rows * cols) {
            throw new IllegalArgumentException(name + " must hold a " + rows + "×" + cols + " matrix (" + (long) rows * cols
                    + " entries), got length " + a.length);
        }
    }

    /** Throws unless {@code v.length == n}. */
    static void checkVector(String name, double[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException(name + " must have length " + n + ", got " + v.length);
        }
    }

    /** Throws unless {@code v.length >= n}. */
    static void checkAtLeast(String name, double[] v, long n) {
        if (v.length < n) {
            throw new IllegalArgumentException(name + " needs at least " + n + " entries, got length " + v.length);
        }
    }

    /** Throws unless {@code n >= 0}. */
    static void checkDimension(String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + n);
        }
    }

    /** The index of the first entry of {@code a[0, n)} that is NaN or infinite, or −1. */
    static int firstNonFinite(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A relative tolerance: finite and ≥ 0 (the message names it and the value). */
    static double checkTolerance(String name, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }
}
