/**
 * Telltale's file backend: events as JSON lines in size-rotated files, and a reader for the
 * monitor that can follow them. Exports nothing; it is found through {@link
 * java.util.ServiceLoader} as the {@code file} backend.
 */
module dev.telltale.backend.file {
    requires dev.telltale.api;

    provides dev.telltale.spi.Backend with dev.telltale.backend.file.FileBackend;
}
