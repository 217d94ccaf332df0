package org.sgdlab.loss;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The catalog of losses by name, for the CLI and configuration. */
public final class Losses {
    private static final Map<String, Loss> BY_NAME = new LinkedHashMap<>();

    static {
        for (Loss l : new Loss[] {SquaredLoss.INSTANCE, LogisticLoss.INSTANCE, ExponentialLoss.INSTANCE,
                HingeLoss.INSTANCE, SquaredHingeLoss.INSTANCE}) {
            BY_NAME.put(l.name(), l);
        }
    }

    private Losses() {
    }

    /** The loss called {@code name} (case-insensitive). */
    public static Loss byName(String name) {
        Loss l = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (l == null) {
            throw new IllegalArgumentException("unknown loss \"" + name + "\"; choose one of " + BY_NAME.keySet());
        }
        return l;
    }

    /** All loss names. */
    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }
}
