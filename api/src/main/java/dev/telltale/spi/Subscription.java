package dev.telltale.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a consumer wants from a backend: routing-key patterns and backend-specific options (each
 * backend lists the options it understands in {@link Backend#subscriptionOptions()}).
 *
 * @param patterns topic patterns (see {@link TopicPattern}); an envelope is wanted when any
 *     matches. Empty means every envelope.
 * @param options option name to value, for example {@code follow=true} for the file backend;
 *     names in full or short, as the consumer gave them. The subscription a backend's {@link
 *     Backend#openSource} receives holds them by full name, checked (see there).
 */
public record Subscription(List<TopicPattern> patterns, Map<String, String> options) {

    /**
     * Freezes both collections.
     *
     * @throws NullPointerException if a component is null
     */
    public Subscription {
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns == null"));
        options = Map.copyOf(Objects.requireNonNull(options, "options == null"));
    }

    /** Every envelope, no options. */
    public static Subscription all() {
        return new Subscription(List.of(), Map.of());
    }

    /** Whether {@code routingKey} is wanted: true when there are no patterns or one matches. */
    public boolean wants(String routingKey) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(routingKey)) {
                return true;
            }
        }
        return false;
    }
}
