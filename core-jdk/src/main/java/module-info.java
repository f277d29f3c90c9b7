/**
 * Telltale's implementation: the engine behind {@code dev.telltale.Telltale} (found through
 * {@link java.util.ServiceLoader}), and two exported packages for the consuming side: the
 * monitor's library, {@code dev.telltale.monitor}, and what other tools need beside it, {@code
 * dev.telltale.tool} (opening a backend's source, the configuration's value syntax, JSON).
 * Applications that emit events compile against {@code dev.telltale.api} only. Uses only the JDK.
 */
module dev.telltale.core {
    requires transitive dev.telltale.api;
    requires jdk.jfr;
    requires java.management; // hang watch: thread dumps, GC time
    requires jdk.management; // hang watch: virtual threads in dumps (JDK 21+), found by reflection
    requires java.net.http; // tracing: the Zipkin reporter posts spans with java.net.http

    exports dev.telltale.monitor;
    exports dev.telltale.tool;

    uses dev.telltale.spi.Backend;
    uses dev.telltale.probe.InstrumentFactory;
    uses dev.telltale.spi.SpecStoreProvider;

    provides dev.telltale.internal.EngineFactory with dev.telltale.core.CoreEngineFactory;
    provides dev.telltale.spi.SpecStoreProvider with dev.telltale.core.internal.manage.MemorySpecStore.Provider,
            dev.telltale.core.internal.manage.FileSpecStore.Provider;
}
