package org.sgdlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sgdlab.theory.ClaimCatalog;

/**
 * Built-in claims written as spec files (resources {@code /specs/ID.yaml}), for {@code sgdlab list claims --spec ID}: each
 * uses the claim's data, loss, optimizer, step size, budgets and reference, and a prediction decided by the claim's own
 * rule, so that a user starts from a working example. SpecCommandsTest runs each one and compares its verdict with the
 * claim's. Claims whose setup a spec cannot express (networks, SDEs, Monte-Carlo bounds, several optimizers compared)
 * are not exported.
 */
final class ClaimSpecs {
    /** The exportable claim ids. */
    static final List<String> EXPORTABLE = List.of("min-norm.gd", "min-norm.sgd", "max-margin.gd-logistic",
            "max-margin.exp-loss");
    static final String EXPORTABLE_TEXT = "min-norm.gd, min-norm.sgd, max-margin.gd-logistic, max-margin.exp-loss";

    private ClaimSpecs() {
    }

    /** The spec text of claim {@code id}; a usage error for unknown or non-exportable ids. */
    static String export(String id) {
        if (!EXPORTABLE.contains(id)) {
            boolean known = ClaimCatalog.all().stream().anyMatch(c -> c.id().equals(id));
            throw new Main.UsageException("--spec " + id + ": " + (known ? "this claim's setup is not expressible as a spec "
                    + "(networks, SDEs, Monte-Carlo bounds or several optimizers compared); " : "no claim has this id; ")
                    + "exportable: " + EXPORTABLE_TEXT);
        }
        try (InputStream in = ClaimSpecs.class.getResourceAsStream("/specs/" + id + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("resource /specs/" + id + ".yaml is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
