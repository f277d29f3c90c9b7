package dev.telltale.backend.amqp;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitor's subscription options, checked: which queue to consume, its arguments, the
 * prefetch and the header bindings. Each option may be given in full ({@code
 * telltale.amqp.prefetch}) or by its short name ({@code prefetch}).
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
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

    /**
     * Reads the options of {@code subscription}.
     *
     * @throws IllegalArgumentException if an option is unknown or its value malformed; the
     *     message names the option
     */
    static QueueOptions from(Subscription subscription) {
        Map<ConfigKey, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : subscription.options().entrySet()) {
            ConfigKey key = find(option.getKey());
            if (given.put(key, option.getValue().strip()) != null) {
                throw new IllegalArgumentException("option " + AmqpKeys.shortName(key) + " is given twice");
            }
        }
        String queue = given.getOrDefault(AmqpKeys.QUEUE, "");
        boolean named = !queue.isEmpty();
        Map<String, Object> arguments = new LinkedHashMap<>();
        argument(arguments, TTL_ARGUMENT, AmqpKeys.MESSAGE_TTL, given, named, durationMillis(AmqpKeys.MESSAGE_TTL, given));
        argument(arguments, EXPIRES_ARGUMENT, AmqpKeys.EXPIRES, given, named, durationMillis(AmqpKeys.EXPIRES, given));
        argument(arguments, MAX_LENGTH_ARGUMENT, AmqpKeys.MAX_LENGTH, given, named,
                integer(AmqpKeys.MAX_LENGTH, given, 0, Integer.MAX_VALUE));
        String extra = given.getOrDefault(AmqpKeys.QUEUE_ARGUMENTS, "");
        KeyValues.parse("option queue-arguments", extra).forEach((name, value) -> {
            if (value.isEmpty()) {
                arguments.remove(name);
            } else {
                arguments.put(name, typed(value));
            }
        });
        int prefetch = (int) integer(AmqpKeys.PREFETCH, given, 1, 65535);
        Map<String, String> headers = KeyValues.parse("option headers", given.getOrDefault(AmqpKeys.HEADERS, ""));
        String match = given.getOrDefault(AmqpKeys.X_MATCH, AmqpKeys.X_MATCH.defaultValue()).toLowerCase(Locale.ROOT);
        if (!match.equals("all") && !match.equals("any")) {
            throw new IllegalArgumentException("option x-match must be all or any, was '" + match + "'");
        }
        return new QueueOptions(queue, Collections.unmodifiableMap(arguments), prefetch, headers, match.equals("all"));
    }

    private static ConfigKey find(String name) {
        for (ConfigKey key : AmqpKeys.OPTIONS) {
            if (key.name().equals(name) || AmqpKeys.shortName(key).equals(name)) {
                return key;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ConfigKey key : AmqpKeys.OPTIONS) {
            known.append(known.length() == 0 ? "" : ", ").append(AmqpKeys.shortName(key));
        }
        throw new IllegalArgumentException("unknown option for the amqp backend: '" + name + "' (known: " + known + ")");
    }

    /** Adds a limit argument: on the default queue unless 0; on a named queue only if given and not 0. */
    private static void argument(Map<String, Object> arguments, String name, ConfigKey key, Map<ConfigKey, String> given,
            boolean named, long value) {
        if (value > 0 && (!named || given.containsKey(key))) {
            arguments.put(name, value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value);
        }
    }

    private static long durationMillis(ConfigKey key, Map<ConfigKey, String> given) {
        String text = given.getOrDefault(key, key.defaultValue());
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("option " + AmqpKeys.shortName(key)
                    + " must be a duration such as 250ms, 60s, 5m or 0, was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        if (millis > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("option " + AmqpKeys.shortName(key) + " must be under 49 days, was '"
                    + text + "'");
        }
        return millis;
    }

    private static long integer(ConfigKey key, Map<ConfigKey, String> given, long min, long max) {
        String text = given.getOrDefault(key, key.defaultValue());
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + AmqpKeys.shortName(key) + " must be a whole number from "
                    + min + " to " + max + ", was '" + text + "'");
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
