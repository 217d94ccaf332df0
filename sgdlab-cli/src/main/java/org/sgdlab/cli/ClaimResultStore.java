package org.sgdlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.sgdlab.report.ClaimResult;
import org.sgdlab.report.Provenance;
import org.sgdlab.theory.Budget;
import org.sgdlab.train.checkpoint.CheckpointFile;
import org.sgdlab.train.checkpoint.FieldMap;

/**
 * The results of `sgdlab check`, one file per claim as each claim completes, so that `sgdlab check --resume` skips
 * the claims a previous (possibly interrupted) check already ran with the same configuration: the same claim id,
 * budget, seed and sgdlab version and commit, hashed into each file's {@code config_hash}. Files are written atomically
 * in the checkpoint format ({@link CheckpointFile}); a missing, unreadable or differently configured one means the claim
 * runs again.
 *
 * <p>The folder is {@code <out>.claims}, beside the report folder: the report writer replaces {@code --out} as a whole
 * at the end and refuses folders holding files it did not write, so results kept inside it could not survive an
 * interrupted check.
 */
final class ClaimResultStore {
    private static final String HASH = "meta/config_hash";
    private static final String RESULT = "result";

    private final Path dir;
    private final Budget budget;
    private final long seed;

    ClaimResultStore(Path out, Budget budget, long seed) {
        Path abs = out.toAbsolutePath().normalize();
        this.dir = abs.resolveSibling(abs.getFileName() + ".claims");
        this.budget = budget;
        this.seed = seed;
    }

    /** The store's folder. */
    Path folder() {
        return dir;
    }

    /** The file of claim {@code id}. */
    Path file(String id) {
        return dir.resolve(id + ".claim");
    }

    /** The hash of what a claim's result depends on: id, budget, seed, sgdlab version and git commit. */
    String configHash(String id) {
        Provenance p = Provenance.capture(seed, java.util.Map.of(), java.time.Instant.EPOCH);
        String config = String.join("\u0000", id, budget.name().toLowerCase(Locale.ROOT), Long.toString(seed), p.version(),
                p.gitCommit());
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Records {@code r} (its claim just completed). */
    void save(ClaimResult r) throws IOException {
        FieldMap m = new FieldMap();
        m.set("meta/format", "sgdlab check claim result");
        m.set(HASH, configHash(r.id()));
        m.set("meta/claim", r.id());
        m.set("meta/budget", budget.name().toLowerCase(Locale.ROOT));
        m.set("meta/seed", seed);
        RecordFields.put(m, RESULT, r);
        CheckpointFile.writeFile(file(r.id()), m);
    }

    /**
     * The result a previous check recorded for claim {@code id} with this configuration, or null (none, another
     * configuration, or unreadable: then {@code why} says so when not null).
     */
    ClaimResult previous(String id, StringBuilder why) {
        Path f = file(id);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            FieldMap m = CheckpointFile.readFile(f);
            if (!configHash(id).equals(m.string(HASH, f.toString()))) {
                why.append("its saved result is of another budget, seed or sgdlab build");
                return null;
            }
            ClaimResult r = (ClaimResult) RecordFields.get(m, RESULT, ClaimResult.class);
            if (r == null || !r.id().equals(id)) {
                why.append(f).append(" holds another claim");
                return null;
            }
            return r;
        } catch (IOException | IllegalArgumentException e) {
            why.append("its saved result cannot be read (").append(e.getMessage()).append(")");
            return null;
        }
    }
}
