package dev.telltale.monitor;

/** The {@code context.*} event kinds the collator understands (see {@code docs/EVENTS.md}). */
final class Kinds {

    static final String PREFIX = "context.";
    static final String BORN = "context.born";
    static final String UPDATE = "context.update";
    static final String REMOVE = "context.remove";
    static final String LOG = "context.log";
    static final String FINISHED = "context.finished";
    static final String TRANSIENT = "context.transient";

    private Kinds() {}
}
