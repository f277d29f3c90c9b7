package dev.telltale.backend.amqp;

import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.util.List;

/**
 * The {@code amqp} backend: events go to an AMQP 0-9-1 exchange (RabbitMQ, by default the topic
 * exchange {@code telltale}) with publisher confirms, and the monitor reads them back from a
 * queue bound to it by routing keys or headers.
 *
 * <p><b>Messages.</b> Each event is one message: the routing key is the event's, the body its
 * JSON, and the properties carry {@code content_type=application/json}, the delivery mode ({@code
 * telltale.amqp.delivery-mode}), a timestamp, {@code type} = the event's kind, {@code
 * app_id=telltale}, and as headers the event's headers, {@code telltale-kind}, {@code
 * telltale-host} and {@code telltale-pid} (all strings).
 *
 * <p><b>Published</b> means confirmed by the broker (see {@link AmqpSink}). Events larger than
 * {@code telltale.amqp.max-message-size} are dropped as too-large, nacked ones as backend-error;
 * a batch whose confirms do not all arrive within {@code telltale.amqp.confirm-timeout}, or that
 * meets a lost connection, is retried by the pipeline and may be delivered twice.
 *
 * <p><b>Outages.</b> {@link #openSink} throws when the broker cannot be reached; the pipeline
 * retries it with backoff and logs the first failure. Once connected, the client reconnects by
 * itself after an outage. Either way the application never waits: events queue, the oldest are
 * dropped and counted when the queue is full, and publishing resumes when the broker is back.
 *
 * <p><b>Passwords.</b> The URI's password never appears in a log line, an exception message or a
 * {@code toString()}.
 *
 * <p><b>Threading.</b> This class holds no state and is thread-safe; the sink and source document
 * their own contracts. The RabbitMQ client's threads come from {@link
 * BackendConfig#threadFactory}, so events their logging produces cannot loop back.
 */
public final class AmqpBackend implements Backend {

    static final int PREFERRED_BATCH_SIZE = 4096;

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public AmqpBackend() {
    }

    /** Returns {@code amqp}. */
    /**
     * {@value #PREFERRED_BATCH_SIZE}: each batch costs one wait for the broker's acknowledgements, so
     * larger batches publish more per second (see docs/PERFORMANCE.md).
     */
    @Override
    public int preferredBatchSize() {
        return PREFERRED_BATCH_SIZE;
    }

    @Override
    public String name() {
        return "amqp";
    }

    /** The {@code telltale.amqp.*} keys: broker, exchange, delivery, confirms, limits, timeouts. */
    @Override
    public List<ConfigKey> keys() {
        return AmqpKeys.KEYS;
    }

    /**
     * {@code queue}, {@code message-ttl}, {@code expires}, {@code max-length}, {@code
     * queue-arguments}, {@code prefetch}, {@code headers} and {@code x-match}, each under {@code
     * telltale.amqp.}; a subscription may name them in full or by the short name.
     */
    @Override
    public List<ConfigKey> subscriptionOptions() {
        return AmqpKeys.OPTIONS;
    }

    /**
     * Connects to the broker, opens a channel in confirm mode and declares the exchange. Blocks
     * at most about twice {@code telltale.amqp.connection-timeout}.
     *
     * @throws IllegalArgumentException if a value is unusable; the message names the key
     * @throws IOException if the broker cannot be reached, refuses the login or the exchange; the
     *     message names the broker, never its password
     */
    @Override
    public Sink openSink(BackendConfig config) throws IOException {
        return AmqpSink.open(AmqpSettings.from(config), config);
    }

    /**
     * Connects, declares the exchange, the queue (see {@link #subscriptionOptions()}) and its
     * bindings, and starts consuming.
     *
     * @throws IllegalArgumentException if a key or option is unusable, or the exchange type does
     *     not allow the subscription; the message names it
     * @throws IOException if the broker cannot be reached or refuses a declaration
     */
    @Override
    public Source openSource(BackendConfig config, Subscription subscription) throws IOException {
        return AmqpSource.open(AmqpSettings.from(config), subscription, config);
    }
}
