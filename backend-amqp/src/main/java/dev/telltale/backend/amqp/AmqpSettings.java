package dev.telltale.backend.amqp;

import com.rabbitmq.client.Address;
import dev.telltale.spi.BackendConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checked configuration of the {@code amqp} backend, shared by its sink and its source. The
 * {@link #toString()} of every component keeps the password out.
 *
 * @param broker the parsed {@code telltale.amqp.uri}
 * @param addresses hosts and ports that replace the URI's, empty for the URI's own
 * @param exchange the exchange name
 * @param exchangeType how the exchange is declared
 * @param durable whether the exchange is declared durable
 * @param persistent whether messages are sent with delivery mode 2
 * @param confirmTimeout the longest wait for a batch's confirms
 * @param maxMessageSize the largest body sent, in bytes
 * @param connectionTimeout the longest wait for a connection, handshake or declaration
 * @param recoveryInterval the wait between reconnection attempts
 * @param clientProperties extra client properties
 */
record AmqpSettings(
        BrokerAddress broker,
        List<Address> addresses,
        String exchange,
        String exchangeType,
        boolean durable,
        boolean persistent,
        Duration confirmTimeout,
        long maxMessageSize,
        Duration connectionTimeout,
        Duration recoveryInterval,
        Map<String, String> clientProperties) {

    private static final Set<String> EXCHANGE_TYPES = Set.of("topic", "direct", "fanout", "headers");
    private static final int MAX_NAME_BYTES = 255;

    /**
     * Reads and checks every key of the backend.
     *
     * @throws IllegalArgumentException naming the key whose value is unusable (never quoting the
     *     password)
     */
    static AmqpSettings from(BackendConfig config) {
        BrokerAddress broker = BrokerAddress.parse(AmqpKeys.URI.name(), config.string(AmqpKeys.URI.name()));
        String exchange = config.string(AmqpKeys.EXCHANGE.name()).strip();
        if (exchange.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(AmqpKeys.EXCHANGE.name() + " is longer than 255 bytes");
        }
        String type = config.string(AmqpKeys.EXCHANGE_TYPE.name()).strip().toLowerCase(Locale.ROOT);
        if (!EXCHANGE_TYPES.contains(type) && !type.startsWith("x-")) {
            throw new IllegalArgumentException(AmqpKeys.EXCHANGE_TYPE.name()
                    + " must be topic, direct, fanout, headers or a plugin's x- type, was '" + type + "'");
        }
        String mode = config.string(AmqpKeys.DELIVERY_MODE.name()).strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("persistent") && !mode.equals("transient")) {
            throw new IllegalArgumentException(AmqpKeys.DELIVERY_MODE.name()
                    + " must be persistent or transient, was '" + mode + "'");
        }
        return new AmqpSettings(broker,
                addresses(config.string(AmqpKeys.ADDRESSES.name())),
                exchange, type,
                config.bool(AmqpKeys.DURABLE.name()),
                mode.equals("persistent"),
                config.duration(AmqpKeys.CONFIRM_TIMEOUT.name()),
                config.size(AmqpKeys.MAX_MESSAGE_SIZE.name()),
                config.duration(AmqpKeys.CONNECTION_TIMEOUT.name()),
                config.duration(AmqpKeys.RECOVERY_INTERVAL.name()),
                KeyValues.parse(AmqpKeys.CLIENT_PROPERTIES.name(), config.string(AmqpKeys.CLIENT_PROPERTIES.name())));
    }

    private static List<Address> addresses(String text) {
        List<Address> out = new ArrayList<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                Address address = Address.parseAddress(trimmed);
                if (address.getHost().isEmpty() || address.getPort() > 65535) {
                    throw new IllegalArgumentException("bad host or port");
                }
                out.add(address);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(AmqpKeys.ADDRESSES.name() + " must be host:port entries separated "
                        + "by commas; '" + trimmed + "' is not one", e);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the exchange is one the broker predefines or reserves, which must not be declared. */
    boolean predefinedExchange() {
        return exchange.isEmpty() || exchange.startsWith("amq.");
    }
}
