package org.sgdlab.data;

/**
 * A data file that cannot be used at all: it does not exist, is a directory, cannot be read, or is
 * too large to hold in memory. A {@link DataFormatException} (so callers that report bad input catch
 * both), with location {@code "cannot open"}, {@code "cannot read"} or {@code "too large"}, e.g.
 * {@code data/a_y.npy: cannot open: no such file (the targets of data/a.npy are read from it)}.
 */
public class DataFileException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String source, String location, String problem) {
        super(source, location, problem);
    }

    public DataFileException(String source, String location, String problem, Throwable cause) {
        super(source, location, problem, cause);
    }
}
