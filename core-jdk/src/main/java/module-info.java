/**
 * Telltale's implementation. Exports nothing to applications: they compile against {@code
 * dev.telltale.api}. Uses only the JDK.
 */
module dev.telltale.core {
    requires transitive dev.telltale.api;
    requires jdk.jfr;

    exports dev.telltale.monitor;

    uses dev.telltale.spi.Backend;

    provides dev.telltale.internal.EngineFactory with dev.telltale.core.CoreEngineFactory;
}
