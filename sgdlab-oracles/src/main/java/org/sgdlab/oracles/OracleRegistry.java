package org.sgdlab.oracles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Oracle entries by name, in the order they were added: the storage of {@link OracleCatalog} and of the catalogs of
 * modules above this one (the kernel oracles), so that {@code sgdlab solve} and {@code sgdlab list oracles} look them up
 * alike.
 */
public final class OracleRegistry {
    private final Map<String, OracleEntry> byName = new LinkedHashMap<>();

    /**
     * Adds {@code e}.
     *
     * @throws IllegalStateException if an entry of that name exists
     */
    public void add(OracleEntry e) {
        if (byName.putIfAbsent(e.name(), e) != null) {
            throw new IllegalStateException("duplicate oracle " + e.name());
        }
    }

    /** All entries in the order they were added. */
    public List<OracleEntry> all() {
        return List.copyOf(byName.values());
    }

    /** The names in the order they were added. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The entry called {@code name}, or null. */
    public OracleEntry find(String name) {
        return byName.get(name);
    }
}
