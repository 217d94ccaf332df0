package org.sgdlab.cli;

/**
 * A mistake in a spec file: names the file, the key (its path, e.g. {@code train.lr}), the line and what was expected. A
 * usage error (exit code 2), raised before any output is written.
 */
final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file     the spec file as given
     * @param key      the key's path ({@code train.lr}, {@code sweep.seed[2]}), or null for the whole file
     * @param line     1-based line, or 0 when unknown
     * @param problem  what is wrong and what was expected
     */
    SpecException(String file, String key, int line, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + (key != null ? ", key " + key : "") + ": " + problem);
    }
}
