package org.sgdlab.blas;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.sgdlab.linalg.GemmOperands;

/**
 * {@link OpenBlasGemm}'s operand copies for one caller ({@link GemmOperands}): an off-heap copy per operand array,
 * keyed by the array's identity, offset and extent, valid until {@link #invalidateInPlace} (unless pinned) or until
 * the array is written as C. The copies' memory is kept for the next time the array is seen (a graph multiplies the
 * same buffers every pass), so a warm caller allocates nothing; it is freed with this object (JavaCPP's deallocator).
 * A handful of arrays per caller: found by a linear scan.
 */
final class NativeOperands implements GemmOperands {
    private static final class Copy {
        final double[] array;
        DoublePointer memory = new DoublePointer(0L);
        int offset;
        long extent;
        boolean valid;
        boolean pinned;

        Copy(double[] array) {
            this.array = array;
        }
    }

    private final List<Copy> copies = new ArrayList<>();
    /** Copies made (for tests: how many operands were copied in, not reused). */
    long copiesMade;

    private Copy find(double[] array) {
        for (int i = 0, n = copies.size(); i < n; i++) {
            Copy c = copies.get(i);
            if (c.array == array) {
                return c;
            }
        }
        return null;
    }

    /** The off-heap copy of {@code array[offset, offset + extent)}, made now unless a valid one exists. */
    DoublePointer operand(double[] array, int offset, long extent) {
        Copy c = find(array);
        if (c == null) {
            c = new Copy(array);
            copies.add(c);
        }
        if (!c.valid || c.offset != offset || c.extent != extent) {
            if (c.memory.isNull() || c.memory.capacity() < extent) {
                c.memory.close();
                c.memory = new DoublePointer(Math.max(1, extent));
            }
            c.memory.position(0).put(array, offset, (int) extent);
            c.offset = offset;
            c.extent = extent;
            c.valid = true;
            copiesMade++;
        }
        return c.memory.position(0);
    }

    /** {@code array} was written (as C): its copy is stale. */
    void written(double[] array) {
        Copy c = find(array);
        if (c != null) {
            c.valid = false;
        }
    }

    @Override
    public void invalidateInPlace() {
        for (int i = 0, n = copies.size(); i < n; i++) {
            Copy c = copies.get(i);
            if (!c.pinned) {
                c.valid = false;
            }
        }
    }

    @Override
    public void pinInPlace(double[] array) {
        Copy c = find(array);
        if (c == null) {
            c = new Copy(array);
            copies.add(c);
        }
        c.pinned = true;
    }
}
