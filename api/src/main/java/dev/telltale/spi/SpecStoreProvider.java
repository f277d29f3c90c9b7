package dev.telltale.spi;

import java.io.IOException;

/**
 * Opens {@link SpecStore}s for one address scheme: {@code memory}, {@code file}, {@code kafka},
 * {@code amqp}. An address is {@code scheme:rest} ({@code file:/var/specs.json}, {@code
 * kafka:broker:9092}, {@code amqp:amqp://user:pass@host/vhost}); Telltale picks the provider whose
 * {@link #scheme()} is the part before the first {@code :}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: declare {@code provides
 * dev.telltale.spi.SpecStoreProvider with ...} in {@code module-info.java} and list the class in
 * {@code META-INF/services/dev.telltale.spi.SpecStoreProvider}. A public no-argument constructor
 * that does no work.
 */
public interface SpecStoreProvider {

    /** The scheme this provider opens: lower-case letters, for example {@code kafka}. */
    String scheme();

    /**
     * Opens the store at {@code rest}, the address after {@code scheme:}. May block, for at most
     * {@code options.timeout()}; a store that is unreachable now may instead open and fail on
     * each call until it is reachable.
     *
     * @throws IllegalArgumentException if {@code rest} is no address of this scheme; the message says what is expected
     * @throws IOException if the store cannot be opened; the message names it
     */
    SpecStore open(String rest, SpecStoreOptions options) throws IOException;
}
