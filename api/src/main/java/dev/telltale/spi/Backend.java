package dev.telltale.spi;

import java.util.List;

/**
 * A backend: where events go, and where the monitor reads them back. Implementations are found
 * with {@link java.util.ServiceLoader}: declare {@code provides dev.telltale.spi.Backend with
 * ...} in {@code module-info.java} and list the class in {@code
 * META-INF/services/dev.telltale.spi.Backend} for class-path users. An implementation needs a
 * public no-argument constructor and should do no work in it.
 *
 * <p>Telltale picks the backend named by {@code telltale.backend}; when that is unset, the
 * {@code file} backend if present, else the only backend found, else none (JFR only).
 */
public interface Backend {

    /** The name users select this backend by: lower case, for example {@code file}. */
    String name();

    /**
     * Every configuration key this backend reads, all under {@code telltale.<name>.}, with types
     * and defaults. Values are checked against them before the pipeline starts, and keys under
     * the prefix that are not listed are reported as unknown unless {@link
     * #acceptsUnlistedKeys()}.
     */
    List<ConfigKey> keys();

    /**
     * Whether keys under {@code telltale.<name>.} that {@link #keys()} does not list are passed
     * through to the client library (read them with {@link BackendConfig#withPrefix}) rather
     * than reported as unknown. Default false.
     */
    default boolean acceptsUnlistedKeys() {
        return false;
    }

    /**
     * The batch size this backend works best with, used when {@code telltale.batch.size} is not
     * configured; 0, the default, means none (the key's own default). A broker that confirms each
     * batch in one round trip publishes more per second with larger batches.
     */
    default int preferredBatchSize() {
        return 0;
    }

    /**
     * The options {@link #openSource} understands, with their types and defaults, all under
     * {@code telltale.<name>.}. Telltale resolves a subscription's options against them before it
     * calls {@code openSource}: a consumer may name each in full ({@code telltale.file.follow}) or
     * by its short name, the part after the prefix ({@code follow}); unknown or malformed options
     * fail there, naming the option. The monitor's help lists them.
     */
    List<ConfigKey> subscriptionOptions();

    /**
     * Opens the publishing side. Called on the publisher thread; may block, bounded.
     *
     * @throws Exception if the backend cannot be reached now; the pipeline retries with backoff
     */
    Sink openSink(BackendConfig config) throws Exception;

    /**
     * Opens the consuming side for {@code subscription}. Its options were resolved already: {@code
     * config}'s typed getters answer every key of {@link #subscriptionOptions()} (the value given,
     * else the default), and {@code subscription.options()} holds the options given, by full
     * name, each value checked against its type. Checks beyond the type (a range, a set of words)
     * are the backend's.
     *
     * @throws IllegalArgumentException if an option's value is unusable; the message names it
     * @throws Exception if the backend cannot be reached
     */
    Source openSource(BackendConfig config, Subscription subscription) throws Exception;
}
