package dev.telltale.core.internal.snapshot;

import java.util.Map;

/** What a snapshot says about local variables. */
final class LiveLocals {

    /** Locals were not read: the throwing frames are gone by the time a caught exception is saved. */
    static final Map<String, Object> NOT_READ = Map.of("read", false, "reason",
            "locals are not read: a caught or uncaught exception's throwing frames are gone when it is saved");

    private LiveLocals() {}
}
