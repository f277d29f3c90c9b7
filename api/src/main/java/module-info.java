/**
 * Telltale's API: what applications and backend authors compile against.
 *
 * <p>{@code dev.telltale} holds the facade and the event types applications call; each
 * capability has a package of its own ({@code dev.telltale.context}, {@code dev.telltale.probe},
 * {@code dev.telltale.snapshot} now; see RATIONALE.md for the ones to come); {@code
 * dev.telltale.spi} holds what backend authors implement. The engine behind
 * the facade is found with {@link java.util.ServiceLoader} in {@code telltale-core}; without it
 * every call is a cheap no-op.
 */
module dev.telltale.api {
    // only Context.Builder.mirror(java.util.logging.Logger) and the trace package's JUL filter and
    // formatter (TraceLogFilter, TraceLogFormatter) touch it
    requires static java.logging;
    // only dev.telltale.trace.http's filter and client wrapper touch them; their users have them
    requires static jdk.httpserver;
    requires static java.net.http;

    exports dev.telltale;
    exports dev.telltale.context;
    exports dev.telltale.probe;
    exports dev.telltale.snapshot;
    exports dev.telltale.trace;
    exports dev.telltale.trace.http;
    exports dev.telltale.spi;
    exports dev.telltale.watch;

    // The seam between the API and its implementation (Engine, Engines, Stamp, SpanHandle,
    // Events, Fields): never for applications. A new module of Telltale's own that needs it (a
    // capability whose asynchronous side lives outside the core, say) is added to this list by
    // name, e.g. "to dev.telltale.core, dev.telltale.probe.agent"; the module must then be
    // built from this repository, since this package has no compatibility promise.
    exports dev.telltale.internal to dev.telltale.core;

    uses dev.telltale.internal.EngineFactory;
}
