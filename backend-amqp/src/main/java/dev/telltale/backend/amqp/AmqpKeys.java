package dev.telltale.backend.amqp;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.ConfigKey.Type;
import java.util.List;

/** The configuration keys and subscription options of the {@code amqp} backend, with their defaults. */
final class AmqpKeys {

    static final String PREFIX = "telltale.amqp.";

    static final ConfigKey URI = key("uri", Type.STRING, "amqp://guest:guest@127.0.0.1:5672/%2F",
            "The broker, amqp://user:password@host:port/vhost (amqps:// for TLS, port 5671 by default); "
                    + "the password never appears in logs or errors.");
    static final ConfigKey ADDRESSES = key("addresses", Type.STRING, "",
            "Comma-separated host:port list that replaces the URI's host and port (a cluster); "
                    + "connections try them in order.");
    static final ConfigKey EXCHANGE = key("exchange", Type.STRING, "telltale",
            "The exchange events are published to; declared if missing (names starting with amq. are used as they are).");
    static final ConfigKey EXCHANGE_TYPE = key("exchange-type", Type.STRING, "topic",
            "The type the exchange is declared with: topic, direct, fanout or headers.");
    static final ConfigKey DURABLE = key("durable", Type.BOOLEAN, "true",
            "Whether the exchange is declared durable (it survives a broker restart).");
    static final ConfigKey DELIVERY_MODE = key("delivery-mode", Type.STRING, "persistent",
            "persistent (written to disk by durable queues) or transient.");
    static final ConfigKey CONFIRM_TIMEOUT = key("confirm-timeout", Type.DURATION, "5s",
            "The longest wait for the broker to confirm a batch; after it the messages not yet confirmed "
                    + "are retried.")
            .between("1ms", "2147483647ms");
    static final ConfigKey MAX_MESSAGE_SIZE = key("max-message-size", Type.SIZE, "128MiB",
            "Events larger than this are not sent and are counted as too-large (RabbitMQ 3.8-3.13 refuse "
                    + "bodies over 128MiB by default, 4.x over 16MiB). Keep it at or below the broker's max_message_size: "
                    + "a larger body makes the broker close the channel, and the unconfirmed rest of its batch is "
                    + "retried, then dropped.")
            .atLeast("1");
    static final ConfigKey CONNECTION_TIMEOUT = key("connection-timeout", Type.DURATION, "10s",
            "The longest wait for a TCP connection, for each answer of the AMQP handshake (a silent broker is given up on "
                    + "after this long, as the error says), or for a declaration.")
            .between("1ms", "2147483647ms");
    static final ConfigKey RECOVERY_INTERVAL = key("recovery-interval", Type.DURATION, "5s",
            "The wait between attempts to reconnect after an established connection was lost; publishing "
                    + "resumes as soon as one succeeds, so within about this long of the broker's return.")
            .between("1ms", "2147483647ms");
    static final ConfigKey CLIENT_PROPERTIES = key("client-properties", Type.STRING, "",
            "Extra client properties shown by the broker for the connection, as k=v,k2=v2.");

    static final ConfigKey QUEUE = key("queue", Type.STRING, "",
            "Monitor option: consume this durable queue (declared if missing) instead of an exclusive, "
                    + "auto-delete one; the TTL, expiry and length limit then apply only if set.");
    static final ConfigKey MESSAGE_TTL = key("message-ttl", Type.DURATION, "60s",
            "Monitor option: x-message-ttl of the monitor's queue; 0 sets none.");
    static final ConfigKey EXPIRES = key("expires", Type.DURATION, "5m",
            "Monitor option: x-expires of the monitor's queue (deleted after being unused this long); 0 sets none.");
    static final ConfigKey MAX_LENGTH = key("max-length", Type.INTEGER, "100000",
            "Monitor option: x-max-length of the monitor's queue (the oldest messages are dropped beyond it); 0 sets none.");
    static final ConfigKey QUEUE_ARGUMENTS = key("queue-arguments", Type.STRING, "",
            "Monitor option: more queue arguments as k=v,k2=v2 (whole numbers are sent as numbers); "
                    + "an empty value removes an argument.");
    static final ConfigKey PREFETCH = key("prefetch", Type.INTEGER, "256",
            "Monitor option: the most messages delivered and not yet acknowledged (1 to 65535).");
    static final ConfigKey HEADERS = key("headers", Type.STRING, "",
            "Monitor option: bind by message headers instead of routing keys, as k=v,k2=v2.");
    static final ConfigKey X_MATCH = key("x-match", Type.STRING, "all",
            "Monitor option: with headers, whether all of them must match or any one.");

    static final List<ConfigKey> KEYS = List.of(URI, ADDRESSES, EXCHANGE, EXCHANGE_TYPE, DURABLE, DELIVERY_MODE,
            CONFIRM_TIMEOUT, MAX_MESSAGE_SIZE, CONNECTION_TIMEOUT, RECOVERY_INTERVAL, CLIENT_PROPERTIES);
    static final List<ConfigKey> OPTIONS = List.of(QUEUE, MESSAGE_TTL, EXPIRES, MAX_LENGTH, QUEUE_ARGUMENTS,
            PREFETCH, HEADERS, X_MATCH);

    private AmqpKeys() {}

    private static ConfigKey key(String name, Type type, String defaultValue, String description) {
        return new ConfigKey(PREFIX + name, type, defaultValue, description);
    }

    /** The key's name without {@code telltale.amqp.}. */
    static String shortName(ConfigKey key) {
        return key.name().substring(PREFIX.length());
    }
}
