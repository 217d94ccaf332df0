package org.sgdlab.theory;

/** A claim's identity (catalog id, statement, source); subclasses implement {@link #check}. */
public abstract class BaseClaim implements Claim {
    private final String id;
    private final String title;
    private final String source;

    protected BaseClaim(String id, String title, String source) {
        this.id = id;
        this.title = title;
        this.source = source;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String source() {
        return source;
    }
}
