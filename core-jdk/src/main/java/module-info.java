/**
 * Telltale's implementation: the engine behind {@code dev.telltale.Telltale} (found through
 * {@link java.util.ServiceLoader}), and the consuming side's library, {@code
 * dev.telltale.monitor}, its one exported package. Applications that emit events compile against
 * {@code dev.telltale.api} only. Uses only the JDK.
 */
module dev.telltale.core {
    requires transitive dev.telltale.api;
    requires jdk.jfr;

    exports dev.telltale.monitor;

    uses dev.telltale.spi.Backend;

    provides dev.telltale.internal.EngineFactory with dev.telltale.core.CoreEngineFactory;
}
