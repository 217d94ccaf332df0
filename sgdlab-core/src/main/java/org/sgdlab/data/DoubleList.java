package org.sgdlab.data;

import java.util.Arrays;

/** A growable primitive double array (package-private). */
final class DoubleList {
    private double[] a = new double[64];
    private int size;

    void add(double v) {
        if (size == a.length) {
            if (a.length >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + size + " values");
            }
            a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * a.length));
        }
        a[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
