/**
 * Telltale for tests: a JUnit 5 extension, {@link dev.telltale.junit.TelltaleExtension}, that
 * gives each test a pipeline of its own whose events stay in memory, and a {@link
 * dev.telltale.junit.TelltaleRecorder} to assert on them. The in-memory backend behind it, {@code
 * memory}, is found through {@link java.util.ServiceLoader} like every backend; it is never the
 * default while {@code file} is present, and the extension selects it by name.
 */
module dev.telltale.junit {
    requires transitive dev.telltale.api;
    requires transitive org.junit.jupiter.api;
    requires dev.telltale.core;

    exports dev.telltale.junit;

    provides dev.telltale.spi.Backend with dev.telltale.junit.internal.MemoryBackend;
}
