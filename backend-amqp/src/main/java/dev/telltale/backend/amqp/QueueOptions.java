package dev.telltale.backend.amqp;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The monitor's subscription options, checked: which queue to consume, its arguments, the
 * prefetch and the header bindings. The core resolved the options (full or short names, types)
 * before the backend sees them; this adds the checks the types do not make (ranges, words).
 *
 * @param queue the durable queue to consume, or empty for an exclusive, auto-delete,
 *     server-named one
 * @param arguments the queue's arguments, as sent in {@code queue.declare}
 * @param prefetch the most unacknowledged deliveries
 * @param headers header bindings, empty to bind by routing key
 * @param matchAll whether every header binding must match ({@code x-match=all}) or any one
 */
record QueueOptions(String queue, Map<String, Object> arguments, int prefetch, Map<String, String> headers,
        boolean matchAll) {

    static final String TTL_ARGUMENT = "x-message-ttl";
    static final String EXPIRES_ARGUMENT = "x-expires";
    static final String MAX_LENGTH_ARGUMENT = "x-max-length";
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

    /**
     * Reads the options from the configuration {@link AmqpBackend#openSource} gets; {@code
     * subscription} says which were given.
     *
     * @throws IllegalArgumentException if an option's value is out of range or malformed; the
     *     message names the option
     */
    static QueueOptions from(BackendConfig config, Subscription subscription) {
        Map<String, String> given = subscription.options();
        String queue = config.string(AmqpKeys.QUEUE.name());
        boolean named = !queue.isEmpty();
        Map<String, Object> arguments = new LinkedHashMap<>();
        argument(arguments, TTL_ARGUMENT, AmqpKeys.MESSAGE_TTL, given, named, durationMillis(AmqpKeys.MESSAGE_TTL, config));
        argument(arguments, EXPIRES_ARGUMENT, AmqpKeys.EXPIRES, given, named, durationMillis(AmqpKeys.EXPIRES, config));
        argument(arguments, MAX_LENGTH_ARGUMENT, AmqpKeys.MAX_LENGTH, given, named,
                integer(AmqpKeys.MAX_LENGTH, config, 0, Integer.MAX_VALUE));
        String extra = config.string(AmqpKeys.QUEUE_ARGUMENTS.name());
        KeyValues.parse("option queue-arguments", extra).forEach((name, value) -> {
            if (value.isEmpty()) {
                arguments.remove(name);
            } else {
                arguments.put(name, typed(value));
            }
        });
        int prefetch = integer(AmqpKeys.PREFETCH, config, 1, 65535);
        Map<String, String> headers = KeyValues.parse("option headers", config.string(AmqpKeys.HEADERS.name()));
        String match = config.string(AmqpKeys.X_MATCH.name()).toLowerCase(Locale.ROOT);
        if (!match.equals("all") && !match.equals("any")) {
            throw new IllegalArgumentException("option x-match must be all or any, was '" + match + "'");
        }
        return new QueueOptions(queue, Collections.unmodifiableMap(arguments), prefetch, headers, match.equals("all"));
    }

    /** Adds a limit argument: on the default queue unless 0; on a named queue only if given and not 0. */
    private static void argument(Map<String, Object> arguments, String name, ConfigKey key, Map<String, String> given,
            boolean named, long value) {
        if (value > 0 && (!named || given.containsKey(key.name()))) {
            arguments.put(name, value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value);
        }
    }

    private static long durationMillis(ConfigKey key, BackendConfig config) {
        long millis = config.duration(key.name()).toMillis();
        if (millis > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("option " + AmqpKeys.shortName(key) + " must be under 49 days, was '"
                    + config.string(key.name()) + "'");
        }
        return millis;
    }

    private static int integer(ConfigKey key, BackendConfig config, int min, int max) {
        int value = config.integer(key.name());
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + AmqpKeys.shortName(key) + " must be a whole number from "
                    + min + " to " + max + ", was '" + config.string(key.name()) + "'");
        }
        return value;
    }

    /** A queue argument's value: a whole number, true or false, else the text. */
    private static Object typed(String value) {
        if (WHOLE.matcher(value).matches()) {
            long n = Long.parseLong(value);
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        return value;
    }

    /** Whether the monitor declares its own exclusive, auto-delete queue. */
    boolean privateQueue() {
        return queue.isEmpty();
    }
}
