/**
 * Telltale for tests. The in-memory backend, {@code memory}, is found through {@link
 * java.util.ServiceLoader} like every backend; it is never the default while {@code file} is
 * present.
 */
module dev.telltale.junit {
    requires transitive dev.telltale.api;
    requires transitive org.junit.jupiter.api;
    requires dev.telltale.core;

    provides dev.telltale.spi.Backend with dev.telltale.junit.internal.MemoryBackend;
}
