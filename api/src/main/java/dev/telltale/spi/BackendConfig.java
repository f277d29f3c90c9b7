package dev.telltale.spi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * What the pipeline gives a backend when it opens a {@link Sink} or {@link Source}: the resolved
 * configuration of the backend's own keys, the identity of this process, and a way to make
 * threads that Telltale treats as its own.
 *
 * <p>The typed getters read keys the backend declared in {@link Backend#keys()} and, in the
 * configuration given to {@link Backend#openSource}, its {@link Backend#subscriptionOptions()}
 * too; their values were checked before the pipeline started (or the source was opened), so they
 * do not fail for a declared key. Backends never parse values themselves.
 */
public interface BackendConfig {

    /**
     * The value of {@code key}: the configured one (for a subscription option, the one given)
     * or the declared default.
     *
     * @throws IllegalArgumentException if the backend did not declare {@code key}
     */
    String string(String key);

    /** {@link #string} parsed as {@link ConfigKey.Type#BOOLEAN}. */
    boolean bool(String key);

    /** {@link #string} parsed as {@link ConfigKey.Type#INTEGER}. */
    int integer(String key);

    /** {@link #string} parsed as {@link ConfigKey.Type#DURATION}. */
    Duration duration(String key);

    /** {@link #string} parsed as {@link ConfigKey.Type#SIZE}, in bytes. */
    long size(String key);

    /**
     * Every configured key that starts with {@code prefix}, with the prefix removed, for
     * passing client properties through (for example {@code telltale.kafka.linger.ms} as {@code
     * linger.ms}). Only explicitly configured values, no defaults, and never subscription
     * options.
     */
    Map<String, String> withPrefix(String prefix);

    /**
     * The pipeline's {@code telltale.flush.timeout}: how long its {@code close()} waits for the
     * backend before it counts what is left as dropped. A backend's own close need not wait
     * longer.
     */
    Duration flushTimeout();

    /** The host name stamped on this process's events. */
    String host();

    /** This process's id. */
    long pid();

    /**
     * A factory for daemon threads named {@code telltale-<name>-N}. Events emitted on these
     * threads (for example by a log bridge fed by the backend client's own logging) are refused
     * and counted as suppressed, so they cannot loop back into the pipeline.
     */
    ThreadFactory threadFactory(String name);

    /**
     * Declares that threads whose names start with {@code prefix} belong to the backend's client
     * library (which creates them itself), with the same effect as {@link #threadFactory}.
     * Declaring a prefix again, or one that a declared prefix already covers, has no further
     * effect, so a backend may declare its threads at every attempt to open its sink.
     */
    void internalThreads(String prefix);
}
