package org.sgdlab.train.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The content of a checkpoint: named fields in insertion order, each a {@code double[]}, {@code long[]}, {@code int[]},
 * {@link Long}, {@link Double}, {@link Boolean} or {@link String}. Names are paths such as {@code optimizer/0/m}.
 * {@link #put} records a {@link Checkpointable}'s fields (copies); {@link #restore} writes them back into an object of
 * the same shape, and fails with a {@link CheckpointException} naming the first field that is missing, extra, of
 * another type or of another length.
 */
public final class FieldMap {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** An empty map. */
    public FieldMap() {
    }

    /** Records the fields of {@code part} under {@code prefix/} (copies; {@code part} is not modified). */
    public FieldMap put(String prefix, Checkpointable part) {
        part.fields(new Recorder(prefix + "/"));
        return this;
    }

    /** Sets one field (arrays are copied). */
    public FieldMap set(String name, Object value) {
        Objects.requireNonNull(value, name);
        Object v = value;
        if (v instanceof double[] a) {
            v = a.clone();
        } else if (v instanceof long[] a) {
            v = a.clone();
        } else if (v instanceof int[] a) {
            v = a.clone();
        } else if (v instanceof Integer i) {
            v = (long) i;
        } else if (!(v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String)) {
            throw new IllegalArgumentException("field " + name + ": unsupported type " + v.getClass().getName());
        }
        if (values.putIfAbsent(name, v) != null) {
            throw new IllegalArgumentException("field " + name + " is recorded twice");
        }
        return this;
    }

    /** The fields in order (unmodifiable; arrays are the stored ones, do not modify them). */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A string field; {@code what} names the checkpoint in errors. */
    public String string(String name, String what) {
        return get(name, String.class, what);
    }

    public long longValue(String name, String what) {
        return get(name, Long.class, what);
    }

    public double[] doubles(String name, String what) {
        return get(name, double[].class, what).clone();
    }

    /** The names under {@code prefix/}. */
    public Set<String> namesUnder(String prefix) {
        Set<String> s = new LinkedHashSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix + "/")) {
                s.add(k);
            }
        }
        return s;
    }

    private <T> T get(String name, Class<T> type, String what) {
        Object v = values.get(name);
        if (v == null) {
            throw new CheckpointException(what + " has no field " + name);
        }
        if (!type.isInstance(v)) {
            throw new CheckpointException(what + ": field " + name + " is a " + typeName(v) + ", expected a "
                    + type.getSimpleName());
        }
        return type.cast(v);
    }

    /**
     * Restores the fields under {@code prefix/} into {@code part} (modified in place). Fails, naming the field, when the
     * checkpoint and {@code part} disagree on any field's presence, type or length; {@code what} names the part in errors
     * (e.g. "the optimizer state of adam(lr=0.01)").
     */
    public void restore(String prefix, Checkpointable part, String what) {
        Restorer r = new Restorer(prefix + "/", what);
        part.fields(r);
        Set<String> extra = namesUnder(prefix);
        extra.removeAll(r.used);
        if (!extra.isEmpty()) {
            throw new CheckpointException("the checkpoint holds fields " + extra + " that " + what + " does not have");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FieldMap other) || !other.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {other.values.get(e.getKey())})) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    static String typeName(Object v) {
        if (v instanceof double[] a) {
            return "double[" + a.length + "]";
        }
        if (v instanceof long[] a) {
            return "long[" + a.length + "]";
        }
        if (v instanceof int[] a) {
            return "int[" + a.length + "]";
        }
        return v.getClass().getSimpleName();
    }

    private final class Recorder implements StateFields {
        private final String prefix;

        Recorder(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void doubles(String name, double[] v) {
            set(prefix + name, v);
        }

        @Override
        public void longs(String name, long[] v) {
            set(prefix + name, v);
        }

        @Override
        public void ints(String name, int[] v) {
            set(prefix + name, v);
        }

        @Override
        public long longValue(String name, long v) {
            set(prefix + name, v);
            return v;
        }

        @Override
        public double doubleValue(String name, double v) {
            set(prefix + name, v);
            return v;
        }

        @Override
        public boolean flag(String name, boolean v) {
            set(prefix + name, v);
            return v;
        }

        @Override
        public void nested(String name, Checkpointable part) {
            part.fields(new Recorder(prefix + name + "/"));
        }
    }

    private final class Restorer implements StateFields {
        private final String prefix;
        private final String what;
        private final Set<String> used;

        Restorer(String prefix, String what) {
            this(prefix, what, new LinkedHashSet<>());
        }

        private Restorer(String prefix, String what, Set<String> used) {
            this.prefix = prefix;
            this.what = what;
            this.used = used;
        }

        private <T> T take(String name, Class<T> type) {
            String key = prefix + name;
            Object v = values.get(key);
            if (v == null) {
                throw new CheckpointException("the checkpoint has no field " + key + ", which " + what + " needs");
            }
            if (!type.isInstance(v)) {
                throw new CheckpointException("field " + key + " of the checkpoint is a " + typeName(v) + "; " + what
                        + " needs a " + type.getSimpleName());
            }
            used.add(key);
            return type.cast(v);
        }

        private void sameLength(String name, int saved, int here) {
            if (saved != here) {
                throw new CheckpointException("field " + prefix + name + " has length " + saved + " in the checkpoint but "
                        + here + " in " + what + " (a different shape)");
            }
        }

        @Override
        public void doubles(String name, double[] v) {
            double[] s = take(name, double[].class);
            sameLength(name, s.length, v.length);
            System.arraycopy(s, 0, v, 0, v.length);
        }

        @Override
        public void longs(String name, long[] v) {
            long[] s = take(name, long[].class);
            sameLength(name, s.length, v.length);
            System.arraycopy(s, 0, v, 0, v.length);
        }

        @Override
        public void ints(String name, int[] v) {
            int[] s = take(name, int[].class);
            sameLength(name, s.length, v.length);
            System.arraycopy(s, 0, v, 0, v.length);
        }

        @Override
        public long longValue(String name, long v) {
            return take(name, Long.class);
        }

        @Override
        public double doubleValue(String name, double v) {
            return take(name, Double.class);
        }

        @Override
        public boolean flag(String name, boolean v) {
            return take(name, Boolean.class);
        }

        @Override
        public void nested(String name, Checkpointable part) {
            part.fields(new Restorer(prefix + name + "/", what, used));
        }
    }
}
