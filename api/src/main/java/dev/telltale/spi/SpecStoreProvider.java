package dev.telltale.spi;

import java.io.IOException;
import java.util.List;

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

    /**
     * The settings this provider reads, each under {@code telltale.probe.store.<scheme>.} ({@code
     * telltale.probe.store.kafka.topic}), with its type, default and meaning. Telltale puts them in
     * its configuration schema, so that each is listed in the README's configuration table, its
     * value is checked against its type, and its {@code TELLTALE_*} environment variable maps back
     * to its exact name ({@code TELLTALE_PROBE_STORE_AMQP_MAX_AGE} to {@code max-age}). A key under
     * the prefix that is not listed is still passed to {@link #open} as given; from the environment
     * its underscores become dots. A provider whose keys are not under its prefix, or malformed,
     * has them ignored, with a warning. Default: none.
     */
    default List<ConfigKey> keys() {
        return List.of();
    }
}
