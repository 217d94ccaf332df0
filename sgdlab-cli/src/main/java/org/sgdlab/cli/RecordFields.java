package org.sgdlab.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.probe.Trace;
import org.sgdlab.train.checkpoint.CheckpointException;
import org.sgdlab.train.checkpoint.FieldMap;

/**
 * Stores a record (a {@link org.sgdlab.report.ClaimResult} with its traces, plots and source statement) as fields of a
 * {@link FieldMap} and rebuilds it, component by component, through the record's canonical constructor. Driven by the
 * record's own components rather than a hand-kept list, so a component added to a result record is stored without
 * further code, or refused by name when its type is not one of those below.
 *
 * <p>Types: String, boolean/Boolean, double/Double, int, long, enums (by name), {@link Duration} (nanoseconds),
 * {@link Trace} (name, columns, rows), records of these, and {@code List}s and {@code Map<String, …>}s of them. A null
 * value is an absent field; a list or map stores its size under {@code path/#}.
 */
final class RecordFields {
    private RecordFields() {
    }

    /** Writes {@code value} under {@code path} into {@code out}. */
    static void put(FieldMap out, String path, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Double || value instanceof Long) {
            out.set(path, value);
        } else if (value instanceof Integer i) {
            out.set(path, (long) i);
        } else if (value instanceof Enum<?> e) {
            out.set(path, e.name());
        } else if (value instanceof Duration d) {
            out.set(path, d.toNanos());
        } else if (value instanceof Trace t) {
            out.set(path + "/name", t.name());
            put(out, path + "/columns", t.columns());
            int width = t.columns().size();
            double[] rows = new double[t.size() * width];
            for (int r = 0; r < t.size(); r++) {
                System.arraycopy(t.row(r), 0, rows, r * width, width);
            }
            out.set(path + "/rows", rows);
        } else if (value instanceof List<?> list) {
            out.set(path + "/#", (long) list.size());
            for (int i = 0; i < list.size(); i++) {
                put(out, path + "/" + i, list.get(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            out.set(path + "/#", (long) map.size());
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.set(path + "/" + i + "/key", (String) e.getKey());
                put(out, path + "/" + i + "/value", e.getValue());
                i++;
            }
        } else if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    put(out, path + "/" + c.getName(), c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
                }
            }
        } else {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getName() + " at " + path);
        }
    }

    /** Rebuilds the value of type {@code type} stored under {@code path} (null when absent). */
    static Object get(FieldMap in, String path, Type type) {
        Class<?> raw = raw(type);
        Object v = in.values().get(path);
        if (raw == String.class || raw == Boolean.class || raw == boolean.class || raw == Double.class || raw == double.class
                || raw == Long.class || raw == long.class) {
            return v == null ? null : expect(v, box(raw), path);
        }
        if (raw == Integer.class || raw == int.class) {
            return v == null ? null : Math.toIntExact((Long) expect(v, Long.class, path));
        }
        if (raw.isEnum()) {
            return v == null ? null : enumValue(raw, (String) expect(v, String.class, path), path);
        }
        if (raw == Duration.class) {
            return v == null ? null : Duration.ofNanos((Long) expect(v, Long.class, path));
        }
        if (raw == Trace.class) {
            if (!in.has(path + "/name")) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) get(in, path + "/columns", listOf(String.class));
            Trace t = new Trace((String) expect(in.values().get(path + "/name"), String.class, path), columns.subList(1, columns.size()));
            double[] rows = (double[]) expect(in.values().get(path + "/rows"), double[].class, path + "/rows");
            for (int r = 0; r < rows.length; r += columns.size()) {
                t.add(Arrays.copyOfRange(rows, r, r + columns.size()));
            }
            return t;
        }
        if (raw == List.class) {
            if (!in.has(path + "/#")) {
                return null;
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            long n = (Long) expect(in.values().get(path + "/#"), Long.class, path);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(get(in, path + "/" + i, element));
            }
            return list;
        }
        if (raw == Map.class) {
            if (!in.has(path + "/#")) {
                return null;
            }
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            long n = (Long) expect(in.values().get(path + "/#"), Long.class, path);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put((String) expect(in.values().get(path + "/" + i + "/key"), String.class, path),
                        get(in, path + "/" + i + "/value", valueType));
            }
            return map;
        }
        if (raw.isRecord()) {
            if (in.namesUnder(path).isEmpty()) {
                return null;
            }
            RecordComponent[] cs = raw.getRecordComponents();
            Object[] args = new Object[cs.length];
            Class<?>[] types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                args[i] = get(in, path + "/" + cs[i].getName(), cs[i].getGenericType());
                if (args[i] == null && types[i].isPrimitive()) {
                    throw new CheckpointException("the stored " + raw.getSimpleName() + " at " + path + " has no " + cs[i].getName());
                }
            }
            try {
                Constructor<?> canonical = raw.getDeclaredConstructor(types);
                return canonical.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new CheckpointException("cannot rebuild the stored " + raw.getSimpleName() + " at " + path + ": " + e, e);
            }
        }
        throw new IllegalArgumentException("cannot rebuild a " + type.getTypeName() + " at " + path);
    }

    private static Object expect(Object v, Class<?> type, String path) {
        if (!type.isInstance(v)) {
            throw new CheckpointException("the stored field " + path + " is " + (v == null ? "missing" : "a " + v.getClass().getSimpleName())
                    + ", expected a " + type.getSimpleName());
        }
        return v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name, String path) {
        try {
            return Enum.valueOf((Class<? extends Enum>) type, name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("the stored field " + path + " is " + name + ", not a " + type.getSimpleName());
        }
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static Class<?> box(Class<?> c) {
        return c == boolean.class ? Boolean.class : c == double.class ? Double.class : c == long.class ? Long.class : c;
    }

    private static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}
