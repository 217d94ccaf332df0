package org.sgdlab.tblog;

import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hyperparameter values as the HParams plugin stores them: float64, bool or string (google.protobuf.Value). */
public final class HParams {
    private HParams() {
    }

    /**
     * One hyperparameter of an experiment: its name, the HParams plugin's data type (1 string, 2 bool, 3 float64) and the
     * distinct values the sessions take, in order of first appearance.
     */
    public record Info(String name, int type, List<Object> values) {
        public Info {
            values = List.copyOf(values);
        }
    }

    /**
     * The hyperparameters of a set of sessions: every name that any configuration has (in order of first appearance),
     * with its distinct values; a name must have one kind of value (numbers, booleans or strings) throughout.
     *
     * @param configurations each session's values by name (not modified)
     * @throws IllegalArgumentException when a name has values of two kinds, or a value is not a Number, Boolean or String
     */
    public static List<Info> infos(List<? extends Map<String, ?>> configurations) {
        Map<String, Set<Object>> values = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        for (Map<String, ?> c : configurations) {
            for (Map.Entry<String, ?> e : c.entrySet()) {
                int type = typeOf(e.getKey(), e.getValue());
                Integer before = types.putIfAbsent(e.getKey(), type);
                if (before != null && before != type) {
                    throw new IllegalArgumentException("hyperparameter " + e.getKey() + " has values of two kinds: "
                            + values.get(e.getKey()).iterator().next() + " and " + e.getValue());
                }
                Object v = e.getValue() instanceof Number n ? (Object) n.doubleValue() : e.getValue();
                values.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(v);
            }
        }
        List<Info> out = new ArrayList<>();
        for (Map.Entry<String, Set<Object>> e : values.entrySet()) {
            out.add(new Info(e.getKey(), types.get(e.getKey()), new ArrayList<>(e.getValue())));
        }
        return out;
    }

    /** The value of hyperparameter {@code name}: a Number as float64, a Boolean, or a String. */
    static Value value(String name, Object v) {
        return switch (typeOf(name, v)) {
            case EventSchema.HPARAM_FLOAT64 -> Value.newBuilder().setNumberValue(((Number) v).doubleValue()).build();
            case EventSchema.HPARAM_BOOL -> Value.newBuilder().setBoolValue((Boolean) v).build();
            default -> Value.newBuilder().setStringValue((String) v).build();
        };
    }

    private static int typeOf(String name, Object v) {
        if (v instanceof Number) {
            return EventSchema.HPARAM_FLOAT64;
        }
        if (v instanceof Boolean) {
            return EventSchema.HPARAM_BOOL;
        }
        if (v instanceof String) {
            return EventSchema.HPARAM_STRING;
        }
        throw new IllegalArgumentException("hyperparameter " + name + " must be a number, a boolean or a string, got "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }
}
