package dev.telltale.backend.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares what the monitor consumes from: the exchange (as the sink would), the queue and its
 * bindings.
 *
 * <p><b>Routing keys.</b> On a topic exchange each pattern becomes a binding key ({@code #} when
 * there are none); on a direct exchange each pattern is an exact key. Fanout and headers exchanges
 * route by other means, so there the queue takes everything and the source filters.
 *
 * <p><b>Headers.</b> On a headers exchange the queue is bound with the headers and {@code
 * x-match}. On a topic or fanout exchange, when the broker supports exchange-to-exchange bindings
 * (RabbitMQ announces {@code exchange_exchange_bindings}), an auto-delete headers exchange named
 * {@code <exchange>.headers} is bound to the exchange with {@code #} and the queue to it with the
 * headers, so the broker filters. Otherwise (Apache Qpid Broker-J has no {@code exchange.bind})
 * the queue is bound by routing key and the source matches the headers itself.
 *
 * <p>The source also checks every routing key against the subscription's patterns, so what the
 * monitor shows follows {@link TopicPattern} exactly whatever the broker routes.
 */
final class Topology {

    /**
     * The queue declared and bound, and whether the source must match headers itself.
     *
     * @param queue the queue's name (the broker's name for a private queue)
     * @param localHeaders the header bindings the source applies, {@link HeaderMatch#NONE} when the broker does
     */
    record Declared(String queue, HeaderMatch localHeaders) {}

    static final String HEADERS_SUFFIX = ".headers";

    private Topology() {}

    /**
     * Checks what the options and patterns ask for against the exchange type, before connecting.
     *
     * @throws IllegalArgumentException if the exchange cannot be subscribed to that way
     */
    static void check(AmqpSettings settings, Subscription subscription) {
        if (settings.exchange().isEmpty()) {
            throw new IllegalArgumentException("the monitor cannot bind to the default exchange (telltale.amqp.exchange "
                    + "is empty); name an exchange");
        }
        if (settings.exchangeType().equals("direct")) {
            if (subscription.patterns().isEmpty()) {
                throw new IllegalArgumentException("exchange '" + settings.exchange() + "' is a direct exchange: "
                        + "give the routing keys to consume");
            }
            for (TopicPattern pattern : subscription.patterns()) {
                if (pattern.pattern().matches("(.*\\.)?[*#](\\..*)?")) {
                    throw new IllegalArgumentException("exchange '" + settings.exchange() + "' is a direct exchange: "
                            + "routing key '" + pattern + "' would match only itself, not as a pattern");
                }
            }
        }
    }

    /**
     * Declares the exchange, the queue and the bindings on {@code channel}.
     *
     * @throws IOException if the broker refuses a declaration (the channel is then closed)
     */
    static Declared declare(Connection connection, Channel channel, AmqpSettings settings, QueueOptions options,
            Subscription subscription) throws IOException {
        String exchange = settings.exchange();
        if (settings.predefinedExchange()) {
            channel.exchangeDeclarePassive(exchange);
        } else {
            channel.exchangeDeclare(exchange, settings.exchangeType(), settings.durable());
        }
        String queue = declareQueue(connection, channel, options);
        String type = settings.exchangeType();
        Map<String, String> headers = options.headers();
        if (type.equals("headers")) {
            channel.queueBind(queue, exchange, "", headerArguments(options));
            return new Declared(queue, HeaderMatch.NONE);
        }
        boolean routesEverything = type.equals("fanout");
        if (!headers.isEmpty() && (type.equals("topic") || routesEverything) && exchangeBindings(connection)) {
            String headersExchange = exchange + HEADERS_SUFFIX;
            channel.exchangeDeclare(headersExchange, "headers", false, true, null);
            channel.exchangeBind(headersExchange, exchange, routesEverything ? "" : "#");
            channel.queueBind(queue, headersExchange, "", headerArguments(options));
            return new Declared(queue, HeaderMatch.NONE);
        }
        for (String key : bindingKeys(type, subscription)) {
            channel.queueBind(queue, exchange, key);
        }
        return new Declared(queue, headers.isEmpty() ? HeaderMatch.NONE : new HeaderMatch(headers, options.matchAll()));
    }

    private static String declareQueue(Connection connection, Channel channel, QueueOptions options) throws IOException {
        if (options.privateQueue()) {
            return channel.queueDeclare("", false, true, true, options.arguments()).getQueue();
        }
        if (!queueExists(connection, options.queue())) {
            channel.queueDeclare(options.queue(), true, false, false, options.arguments());
        }
        return options.queue();
    }

    /** Whether {@code queue} exists, asked on a channel of its own: a failed passive declare closes it. */
    private static boolean queueExists(Connection connection, String queue) throws IOException {
        Channel probe = connection.createChannel();
        if (probe == null) {
            throw new IOException("the broker allows no more channels");
        }
        try {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            if (!connection.isOpen()) {
                throw e;
            }
            return false;
        } finally {
            if (probe.isOpen()) {
                try {
                    probe.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                    // the probe's only job is done
                }
            }
        }
    }

    private static List<String> bindingKeys(String type, Subscription subscription) {
        if (type.equals("fanout")) {
            return List.of("");
        }
        if (subscription.patterns().isEmpty()) {
            return List.of("#");
        }
        List<String> keys = new ArrayList<>();
        for (TopicPattern pattern : subscription.patterns()) {
            keys.add(pattern.pattern());
        }
        return keys;
    }

    private static Map<String, Object> headerArguments(QueueOptions options) {
        Map<String, Object> arguments = new HashMap<>(options.headers());
        arguments.put("x-match", options.matchAll() ? "all" : "any");
        return arguments;
    }

    /** Whether the broker announced exchange-to-exchange bindings (a RabbitMQ extension). */
    static boolean exchangeBindings(Connection connection) {
        Object capabilities = connection.getServerProperties().get("capabilities");
        return capabilities instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("exchange_exchange_bindings"));
    }
}
