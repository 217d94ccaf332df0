package org.sgdlab.train.checkpoint;

/**
 * The one small interface through which a stateful object (an optimizer {@link org.sgdlab.optim.State}, a sampler, a
 * random stream, a stateful probe) exposes what must survive a crash. The object names each of its persistent fields
 * once, in {@link Checkpointable#fields}; the same method then serves both directions:
 * <ul>
 *   <li>when saving, every call records a copy of the value and returns it unchanged;</li>
 *   <li>when restoring, every call overwrites the array in place with the saved one (same length required) or returns
 *   the saved scalar, which the object stores back, e.g. {@code step = f.longValue("step", step)}.</li>
 * </ul>
 * So save and restore cannot disagree about order or content. Scratch buffers whose content does not survive a step
 * are not fields. Names are local to the object; {@link #nested} prefixes them with the part's name.
 */
public interface StateFields {
    /** An array of doubles; restored in place (the saved array must have the same length). */
    void doubles(String name, double[] values);

    /** An array of longs; restored in place. */
    void longs(String name, long[] values);

    /** An array of ints; restored in place. */
    void ints(String name, int[] values);

    /** A long: returns {@code value} when saving, the saved value when restoring. */
    long longValue(String name, long value);

    /** A double (bits kept exactly, NaN payloads included): returns {@code value} or the saved value. */
    double doubleValue(String name, double value);

    /** A boolean: returns {@code value} or the saved value. */
    boolean flag(String name, boolean value);

    /** The fields of {@code part}, under the prefix {@code name/}. */
    void nested(String name, Checkpointable part);
}
