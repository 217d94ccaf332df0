package org.sgdlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgdlab.probe.Probe;

/**
 * The probes `sgdlab train --probes` asks for: comma-separated names, each with optional settings after colons,
 * {@code name[:key=value[:key=value]]}, e.g. {@code loss,sharpness:every=10,weight_norm}. The only setting today is
 * the sharpness probe's {@code every=K}: record every probe every K steps (a linear step grid) instead of on the
 * log-spaced grid.
 */
final class ProbeRequests {
    /** One requested probe. */
    record Request(String name, Map<String, String> settings) {
    }

    /** The settings each probe accepts. */
    private static final Map<String, Set<String>> SETTINGS = Map.of("sharpness", Set.of("every"));

    private final List<Request> requests;

    private ProbeRequests(List<Request> requests) {
        this.requests = requests;
    }

    /** Parses the --probes values (null: nothing requested, every default probe is recorded). */
    static ProbeRequests parse(List<String> values) {
        if (values == null) {
            return new ProbeRequests(null);
        }
        List<Request> out = new ArrayList<>();
        for (String v : values) {
            String[] parts = v.strip().split(":", -1);
            String name = parts[0];
            if (name.isEmpty()) {
                throw new Main.UsageException("--probes: empty probe name in \"" + v + "\"");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    throw new Main.UsageException("--probes: \"" + v + "\": settings are key=value, got \"" + parts[i] + "\"");
                }
                String key = parts[i].substring(0, eq);
                if (!SETTINGS.getOrDefault(name, Set.of()).contains(key)) {
                    throw new Main.UsageException("--probes: " + name + " has no setting \"" + key + "\""
                            + (SETTINGS.containsKey(name) ? "; it has " + SETTINGS.get(name) : ""));
                }
                settings.put(key, parts[i].substring(eq + 1));
            }
            out.add(new Request(name, settings));
        }
        return new ProbeRequests(out);
    }

    /** True when --probes was given. */
    boolean explicit() {
        return requests != null;
    }

    /** True when {@code name} was requested. */
    boolean asks(String name) {
        return requests != null && requests.stream().anyMatch(r -> r.name().equals(name));
    }

    /** K of {@code sharpness:every=K}, or null. */
    Long sharpnessEvery() {
        if (requests == null) {
            return null;
        }
        for (Request r : requests) {
            String every = r.settings().get("every");
            if (every != null) {
                try {
                    long k = Long.parseLong(every);
                    if (k >= 1) {
                        return k;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new Main.UsageException("--probes: " + r.name() + ":every must be a positive integer, got \"" + every + "\"");
            }
        }
        return null;
    }

    /**
     * The probes to record: without --probes, {@code defaults}; with it, the requested ones in the order given, found
     * among {@code defaults} and {@code onRequest} (probes recorded only when asked for, e.g. the costly sharpness), each
     * followed by its companions named {@code name_…} (sharpness_residual, weight_norm_W1, …) unless those are asked for
     * by name. A name found in neither is a usage error listing what is available.
     */
    List<Probe> select(List<Probe> defaults, List<Probe> onRequest) {
        if (requests == null) {
            return defaults;
        }
        List<Probe> all = new ArrayList<>(defaults);
        all.addAll(onRequest);
        List<Probe> chosen = new ArrayList<>();
        for (Request r : requests) {
            Probe match = all.stream().filter(p -> p.name().equals(r.name())).findFirst().orElseThrow(() ->
                    new Main.UsageException("--probes: \"" + r.name() + "\" is not available here; available: "
                            + all.stream().map(Probe::name).toList()));
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
            // its companions: sharpness brings sharpness_residual, weight_norm the per-block weight_norm_B
            for (Probe p : all) {
                if (p.name().startsWith(r.name() + "_") && !chosen.contains(p) && !asks(p.name())) {
                    chosen.add(p);
                }
            }
        }
        return chosen;
    }
}
