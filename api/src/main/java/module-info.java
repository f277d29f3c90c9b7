/**
 * Telltale's API: what applications and backend authors compile against.
 *
 * <p>{@code dev.telltale} holds what applications call; {@code dev.telltale.spi} holds what
 * backend authors implement. The engine behind the facade is found with {@link
 * java.util.ServiceLoader} in {@code telltale-core}; without it every call is a cheap no-op.
 */
module dev.telltale.api {
    // only Context.Builder.mirror(java.util.logging.Logger) touches it
    requires static java.logging;

    exports dev.telltale;
    exports dev.telltale.spi;
    exports dev.telltale.internal to dev.telltale.core;

    uses dev.telltale.internal.EngineFactory;
}
