package dev.telltale.internal;

import dev.telltale.Event;
import java.time.Instant;
import java.util.Map;

/**
 * Makes {@link Event}s without a builder, for Telltale's own code on the application's thread
 * (where the event is the one allocation allowed). {@link Event} registers its constructor here
 * when it is initialized (the "shared secrets" pattern): the constructor stays out of the public
 * API, so {@code Event} can gain components without breaking anyone.
 */
public final class Events {

    /** {@link Event}'s constructor, with the same checks and copies as {@link Event.Builder#build()}. */
    @FunctionalInterface
    public interface Factory {
        Event create(String kind, String routingKey, String source, long seq, Instant time, String thread,
                String host, long pid, Map<String, String> headers, Map<String, ?> fields);
    }

    private static volatile Factory factory;

    private Events() {}

    /**
     * Called once, by {@link Event}'s static initializer.
     *
     * @throws IllegalStateException if a factory is registered already
     */
    public static synchronized void register(Factory f) {
        if (factory != null) {
            throw new IllegalStateException("Event's factory is registered already");
        }
        factory = f;
    }

    /**
     * A new event, as {@link Event.Builder#build()} makes it.
     *
     * @throws NullPointerException if {@code kind}, {@code routingKey}, {@code source}, {@code
     *     time}, {@code thread} or {@code host} is null
     */
    public static Event create(String kind, String routingKey, String source, long seq, Instant time,
            String thread, String host, long pid, Map<String, String> headers, Map<String, ?> fields) {
        Factory f = factory;
        if (f == null) {
            f = initialized();
        }
        return f.create(kind, routingKey, source, seq, time, thread, host, pid, headers, fields);
    }

    /** Initializes {@link Event}, which registers the factory (or waits while another thread does). */
    private static Factory initialized() {
        ClassInit.ensure(Event.class);
        return factory;
    }
}
