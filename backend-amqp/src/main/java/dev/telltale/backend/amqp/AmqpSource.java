package dev.telltale.backend.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's subscription: a consumer on a queue bound to the exchange (see {@link Topology}),
 * handing out one {@link Envelope} per message whose routing key (and, where the broker could not
 * filter, headers) the subscription wants. Headers come back as strings.
 *
 * <p><b>Acknowledgement.</b> A message is acknowledged once it has been handed on: after {@link
 * #poll} returned it and the caller came back for the next one, or closed the source. Acks are
 * sent together (one {@code basic.ack} with {@code multiple}) when half the prefetch is handed
 * on, or when {@code poll} is about to wait. Messages the subscription does not want are
 * acknowledged the same way. At most {@code prefetch} messages are delivered and unacknowledged;
 * those not yet handed on when the source closes go back to a named queue for the next consumer.
 *
 * <p><b>Outages.</b> The connection recovers by itself (every {@code recovery-interval}),
 * redeclaring a private queue (under a new name) and its bindings; messages published while it
 * was away are lost for a private queue, and kept by a durable named one. A subscription the
 * broker cancels (its queue was deleted) or a channel it closes makes {@code poll} throw.
 *
 * <p><b>Threading.</b> One thread at a time may call {@link #poll} and {@link #position}; {@link
 * #close} may be called from any thread and makes a waiting {@code poll} return null at once.
 */
final class AmqpSource implements Source {

    private static final int CLOSE_MILLIS = 1000;
    private static final Object CLOSED = new Object();

    private final Connection connection;
    private final Channel channel;
    private final Subscription subscription;
    private final HeaderMatch localHeaders;
    private final BrokerAddress broker;
    private final int ackEvery;
    private final BlockingQueue<Object> deliveries = new LinkedBlockingQueue<>();
    private final Object ackLock = new Object();
    private volatile String queue;
    private volatile boolean closed;
    private volatile IOException failure;
    private long returnedTag = -1; // the delivery tag of the envelope poll returned last, until the caller is back
    private long handedTag = -1; // the delivery tag of the last message handed on and not acknowledged
    private int handed; // messages handed on and not acknowledged
    private String position = "";

    /** A message as the consumer received it. */
    private record Delivery(long tag, String routingKey, Map<String, String> headers, byte[] body) {}

    private AmqpSource(Connection connection, Channel channel, Subscription subscription, Topology.Declared declared,
            BrokerAddress broker, int prefetch) {
        this.connection = connection;
        this.channel = channel;
        this.subscription = subscription;
        this.localHeaders = declared.localHeaders();
        this.broker = broker;
        this.queue = declared.queue();
        this.ackEvery = Math.max(1, prefetch / 2);
    }

    /**
     * Connects, declares the queue and bindings, and starts consuming.
     *
     * @throws IllegalArgumentException if an option is unknown or malformed, or the exchange
     *     type does not allow the subscription
     * @throws IOException if the broker cannot be reached or refuses a declaration; the message
     *     names the broker (without its password) and what was refused
     */
    static AmqpSource open(AmqpSettings settings, Subscription subscription, BackendConfig config) throws IOException {
        QueueOptions options = QueueOptions.from(config, subscription);
        Topology.check(settings, subscription);
        int maxBody = (int) Math.min(Integer.MAX_VALUE, Math.max(settings.maxMessageSize(), 64L << 20));
        ConnectionFactory factory = Connections.factory(settings, config.threadFactory("amqp-monitor"), maxBody);
        Connection connection = Connections.open(factory, settings,
                "telltale-monitor-" + config.host() + "-" + config.pid());
        try {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new IOException("the broker at " + settings.broker().redacted() + " allows no more channels");
            }
            Topology.Declared declared = Topology.declare(connection, channel, settings, options, subscription);
            channel.basicQos(options.prefetch());
            AmqpSource source = new AmqpSource(connection, channel, subscription, declared, settings.broker(),
                    options.prefetch());
            source.start();
            return source;
        } catch (IOException | RuntimeException e) {
            Connections.closeQuietly(connection, CLOSE_MILLIS);
            throw refused(settings, options, e);
        }
    }

    private static IOException refused(AmqpSettings settings, QueueOptions options, Exception e) {
        String reason = Connections.closeReason(e);
        String hint = "";
        if (reason != null && !options.arguments().isEmpty() && (reason.contains("argument") || reason.startsWith("406"))) {
            hint = "; queue arguments were " + options.arguments() + " (some brokers, such as Apache Qpid Broker-J, "
                    + "refuse x-message-ttl, x-expires and x-max-length: set message-ttl=0, expires=0, max-length=0 "
                    + "or queue-arguments)";
        }
        String queue = options.privateQueue() ? "a private queue" : "queue '" + options.queue() + "'";
        return Secrets.wrap(settings.broker(), "the broker at " + settings.broker().redacted() + " refused to set up "
                + queue + " bound to exchange '" + settings.exchange() + "' (" + settings.exchangeType() + ")"
                + (reason == null ? "" : ": " + settings.broker().mask(reason)) + hint, e);
    }

    private void start() throws IOException {
        if (connection instanceof AutorecoveringConnection recovering) {
            recovering.addQueueRecoveryListener((oldName, newName) -> {
                if (oldName.equals(queue)) {
                    queue = newName;
                }
            });
        }
        channel.basicConsume(queue, false, "telltale-monitor", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, com.rabbitmq.client.Envelope envelope,
                    AMQP.BasicProperties properties, byte[] body) {
                deliveries.add(new Delivery(envelope.getDeliveryTag(), envelope.getRoutingKey(),
                        strings(properties.getHeaders()), body));
            }

            @Override
            public void handleCancel(String consumerTag) {
                fail(new IOException("the broker at " + broker.redacted() + " cancelled the subscription to queue '"
                        + queue + "' (was it deleted?)"));
            }

            @Override
            public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
                if (!signal.isHardError() && !signal.isInitiatedByApplication()) {
                    String reason = Connections.closeReason(signal);
                    fail(new IOException("the broker at " + broker.redacted() + " closed the monitor's channel on queue '"
                            + queue + "'" + (reason == null ? "" : ": " + broker.mask(reason))));
                }
            }
        });
    }

    private void fail(IOException e) {
        failure = e;
        deliveries.add(CLOSED);
    }

    private static Map<String, String> strings(Map<String, Object> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(headers.size());
        headers.forEach((name, value) -> {
            if (value != null) {
                out.put(name, value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString());
            }
        });
        return out;
    }

    /**
     * The next wanted message, waiting at most {@code timeout}; acknowledges the messages handed
     * on before, the one returned by the previous call included (see the class comment).
     *
     * @return the envelope, or null if none came in time or the source is closed
     * @throws IOException if the broker cancelled the subscription or closed the channel
     */
    @Override
    public Envelope poll(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + nanos(timeout); // may wrap; only differences are used
        cameBack();
        while (!closed) {
            Object next = deliveries.poll();
            if (next == null) {
                acknowledge(); // about to wait: nothing handed on may stay unacknowledged meanwhile
                long left = deadline - System.nanoTime();
                next = left > 0 ? deliveries.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return null;
                }
            }
            if (next == CLOSED) {
                deliveries.add(CLOSED); // stays closed for the next call
                IOException failed = failure;
                if (failed != null && !closed) {
                    throw new IOException(failed.getMessage(), failed);
                }
                return null;
            }
            Delivery delivery = (Delivery) next;
            if (subscription.wants(delivery.routingKey()) && localHeaders.matches(delivery.headers())) {
                synchronized (ackLock) {
                    returnedTag = delivery.tag(); // handed on when the caller is back
                }
                position = "queue '" + queue + "', delivery " + delivery.tag();
                return new Envelope(delivery.routingKey(), delivery.headers(), delivery.body());
            }
            handedOn(delivery.tag()); // unwanted: handed on at once
            if (System.nanoTime() - deadline >= 0) {
                acknowledge(); // deliveries keep coming, none wanted: the time is up all the same
                return null;
            }
        }
        return null;
    }

    /** The caller is back: the envelope returned last is handed on. */
    private void cameBack() throws IOException {
        synchronized (ackLock) {
            if (returnedTag >= 0) {
                long tag = returnedTag;
                returnedTag = -1;
                handedOn(tag);
            }
        }
    }

    private void handedOn(long tag) throws IOException {
        synchronized (ackLock) {
            handedTag = tag;
            handed++;
            if (handed >= ackEvery) {
                acknowledge();
            }
        }
    }

    /** Acknowledges every message handed on so far. */
    private void acknowledge() throws IOException {
        synchronized (ackLock) {
            if (handed == 0) {
                return;
            }
            try {
                channel.basicAck(handedTag, true);
            } catch (com.rabbitmq.client.AlreadyClosedException e) {
                // the connection is down: the broker redelivers them (a named queue) or they are gone
            }
            handed = 0;
        }
    }

    /**
     * Drops the connection at once, acknowledging nothing more: what a killed process leaves
     * behind (for tests).
     */
    void abortConnection() {
        connection.abort(CLOSE_MILLIS);
    }

    /** Whether the source matches header bindings itself because the broker cannot (for tests and messages). */
    boolean matchesHeadersLocally() {
        return localHeaders != HeaderMatch.NONE;
    }

    @Override
    public boolean ended() {
        return closed;
    }

    /** {@code queue '<name>', delivery <tag>} of the last envelope returned; empty before the first. */
    @Override
    public String position() {
        return position;
    }

    /**
     * Acknowledges what was handed on, the envelope returned last included, cancels the
     * subscription and closes the connection (waiting about a second at most). Idempotent; a
     * waiting {@code poll} returns null.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        deliveries.add(CLOSED);
        try {
            cameBack();
            acknowledge();
        } catch (IOException | RuntimeException e) {
            // closing anyway; unacknowledged messages go back to a named queue
        }
        Connections.closeQuietly(connection, CLOSE_MILLIS);
    }

    @Override
    public String toString() {
        return "AmqpSource{" + broker.redacted() + ", queue '" + queue + "'"
                + (matchesHeadersLocally() ? ", headers matched locally" : "") + (closed ? ", closed" : "") + "}";
    }

    /** {@code timeout} in nanoseconds, 0 if negative; one too long to count (146 years and more) waits as long as it takes. */
    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.getSeconds() >= Long.MAX_VALUE / 2 / 1_000_000_000L ? Long.MAX_VALUE / 2 : timeout.toNanos();
    }
}
