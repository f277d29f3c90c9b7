package dev.telltale.backend.amqp;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens {@code amqp:amqp://user:password@host:port/vhost} (or {@code amqps://}) spec stores on
 * RabbitMQ 3.9 or later: {@link AmqpSpecStore}. Properties ({@code
 * telltale.probe.store.amqp.<key>}): {@code exchange} and {@code queue} (the stream), both {@value
 * #DEFAULT_NAME} by default; {@code max-age} (as RabbitMQ writes it: {@code 7D}, {@code 12h};
 * default {@value #DEFAULT_MAX_AGE}, longer than any spec lives under the manager's default
 * {@code max-lifespan} of 24 h; empty keeps everything) and {@code max-length-bytes} (unset by
 * default), the stream's retention. RabbitMQ refuses to declare an existing stream with other
 * arguments, so changing them means deleting the stream first. Opening does no network I/O: the
 * exchange and the stream are declared, if missing, on the first call.
 */
public final class AmqpSpecStoreProvider implements SpecStoreProvider {

    static final String DEFAULT_NAME = "telltale.specs";
    static final String DEFAULT_MAX_AGE = "7D";
    private static final String PREFIX = "telltale.probe.store.amqp.";
    /** The settings, {@code telltale.probe.store.amqp.*}, as {@link #keys()} declares them. */
    static final List<ConfigKey> KEYS = List.of(
            new ConfigKey(PREFIX + "exchange", ConfigKey.Type.STRING, DEFAULT_NAME,
                    "the durable fanout exchange an amqp: spec store publishes specs and statuses to; declared when missing"),
            new ConfigKey(PREFIX + "queue", ConfigKey.Type.STRING, DEFAULT_NAME,
                    "the durable stream bound to that exchange, which every process reads from its first offset; declared when missing"),
            new ConfigKey(PREFIX + "max-age", ConfigKey.Type.STRING, DEFAULT_MAX_AGE,
                    "the stream's retention by age (x-max-age), longer than any spec lives under the default telltale.probe.manager.max-lifespan; empty keeps everything"),
            new ConfigKey(PREFIX + "max-length-bytes", ConfigKey.Type.STRING, "",
                    "the stream's retention by size (x-max-length-bytes); empty sets none"));

    /** For {@link java.util.ServiceLoader}. */
    public AmqpSpecStoreProvider() {}

    @Override
    public String scheme() {
        return "amqp";
    }

    /** {@code exchange}, {@code queue}, {@code max-age} and {@code max-length-bytes}, under {@code telltale.probe.store.amqp.}. */
    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    /**
     * @throws IllegalArgumentException if {@code rest} is no AMQP URI, or a property is unknown
     *     or unusable; the message never holds the password
     */
    @Override
    public SpecStore open(String rest, SpecStoreOptions options) {
        BrokerAddress broker = BrokerAddress.parse("the amqp store address", rest);
        options.requireKnownKeys(scheme(), KEYS);
        Map<String, String> props = options.properties();
        String exchange = name(props, "exchange");
        String queue = name(props, "queue");
        Map<String, Object> arguments = new HashMap<>();
        String maxBytes = props.getOrDefault("max-length-bytes", "").strip();
        if (!maxBytes.isEmpty()) {
            try {
                arguments.put("x-max-length-bytes", Long.parseLong(maxBytes));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("telltale.probe.store.amqp.max-length-bytes '" + maxBytes
                        + "' is not a whole number of bytes");
            }
        }
        String maxAge = props.getOrDefault("max-age", DEFAULT_MAX_AGE).strip();
        if (!maxAge.isEmpty()) {
            if (!maxAge.matches("\\d+(Y|M|D|h|m|s)")) {
                throw new IllegalArgumentException("telltale.probe.store.amqp.max-age '" + maxAge
                        + "' is not a number followed by Y, M, D, h, m or s (as in 7D)");
            }
            arguments.put("x-max-age", maxAge);
        }
        StreamLog log = new StreamLog(broker, exchange, queue, arguments, options.timeout(), connectionName());
        return new AmqpSpecStore(log, "amqp:" + broker.redacted() + " (exchange '" + exchange + "', stream '" + queue + "')");
    }

    private static String name(Map<String, String> props, String key) {
        String name = props.getOrDefault(key, DEFAULT_NAME).strip();
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255 || name.startsWith("amq.")) {
            throw new IllegalArgumentException("telltale.probe.store.amqp." + key + " '" + name
                    + "' is no usable name (1-255 bytes, not starting with 'amq.')");
        }
        return name;
    }

    private static String connectionName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "telltale-specs-" + host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        return "amqp spec stores";
    }
}
