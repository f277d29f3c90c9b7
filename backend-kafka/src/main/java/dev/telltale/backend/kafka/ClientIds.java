package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Stable producer client ids, one per pipeline, and the internal-thread declarations made for
 * them. The pipeline opens a sink again after a failed attempt (a property Kafka refuses fails
 * every attempt); each attempt must reuse the pipeline's client id and must not declare the same
 * thread-name prefix again, or the pipeline's list of internal prefixes, checked on every emit,
 * would grow with every attempt. A pipeline is known by its {@link BackendConfig}, held weakly.
 */
final class ClientIds {

    private static final Map<BackendConfig, String> IDS = new WeakHashMap<>();
    private static final Map<BackendConfig, Set<String>> DECLARED = new WeakHashMap<>();
    private static int producers;

    private ClientIds() {
    }

    /** {@code telltale-<host>-<pid>} for the first pipeline of this process, then {@code -2}, {@code -3}... */
    static synchronized String producer(BackendConfig config) {
        return IDS.computeIfAbsent(config, c -> {
            producers++;
            return "telltale-" + c.host() + "-" + c.pid() + (producers == 1 ? "" : "-" + producers);
        });
    }

    /** Declares threads named {@code prefix...} internal to the pipeline of {@code config}, once. */
    static synchronized void declareInternal(BackendConfig config, String prefix) {
        if (DECLARED.computeIfAbsent(config, c -> new HashSet<>()).add(prefix)) {
            config.internalThreads(prefix);
        }
    }
}
