package dev.telltale.backend.amqp.broker;

import java.time.Duration;
import java.util.Map;

/**
 * The AMQP 0-9-1 broker the tests run against: the machine's RabbitMQ, or an in-process Apache
 * Qpid Broker-J where none answers (see {@link Brokers}). Tests state what they need through
 * these methods, so the same test runs on both.
 */
public interface TestBroker {

    /** {@code rabbitmq} or {@code qpid}. */
    String name();

    /** The URI with the test user's credentials, for {@code telltale.amqp.uri}. */
    String uri();

    int port();

    /**
     * Subscription options a private monitor queue needs on this broker: none on RabbitMQ; on
     * Qpid, which closes the connection on {@code x-message-ttl}, {@code x-expires} and {@code
     * x-max-length}, options that leave them out.
     */
    Map<String, String> queueOptions();

    /** Whether the broker supports exchange-to-exchange bindings (RabbitMQ does, Qpid does not). */
    boolean exchangeBindings();

    /**
     * Whether the broker tells a consumer its queue was deleted ({@code basic.cancel}, announced
     * as {@code consumer_cancel_notify}); Qpid does not.
     */
    boolean cancelsConsumers();

    /** Whether durable queues and persistent messages survive {@link #restart}. */
    boolean durableAcrossRestart();

    /**
     * Queue arguments under which the broker nacks a publish once the queue holds one message,
     * or null if it has none.
     */
    Map<String, Object> nackWhenFullArguments();

    /** Whether {@link #resourceAlarm} is possible here. */
    boolean alarms();

    /**
     * Raises or clears a resource alarm, under which the broker blocks publishing connections
     * (RabbitMQ: a disk alarm, by a free-disk limit far above the free space).
     */
    void resourceAlarm(boolean on) throws Exception;

    /** Whether {@link #stop()} and {@link #start()} are possible here. */
    boolean restartable();

    /** Stops the broker, waiting at most {@code timeout}; connections are closed. */
    void stop(Duration timeout) throws Exception;

    /** Starts the broker again and waits, at most {@code timeout}, until it accepts connections. */
    void start(Duration timeout) throws Exception;

    /** Starts the broker if a test left it stopped. */
    void ensureRunning() throws Exception;
}
