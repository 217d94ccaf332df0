package org.sgdlab.data;

/**
 * Malformed or unsuitable input data. The message always names the source (file), the location
 * (line, column, byte offset or row) and the offending value, e.g.
 * {@code data.csv: line 7, column "x2": not a number: "abc"}.
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String location;

    public DataFormatException(String source, String location, String problem) {
        super(source + ": " + location + ": " + problem);
        this.source = source;
        this.location = location;
    }

    public DataFormatException(String source, String location, String problem, Throwable cause) {
        super(source + ": " + location + ": " + problem, cause);
        this.source = source;
        this.location = location;
    }

    /** The file or data source the problem is in. */
    public String source() {
        return source;
    }

    /** Where in the source: "line 7", "byte offset 16", "row 3", ... */
    public String location() {
        return location;
    }
}
