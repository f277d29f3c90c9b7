package dev.telltale.backend.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RabbitMQ stream read as a map: every message's key maps to its latest body, a tombstone (a
 * message with the {@value #TOMBSTONE} header) removes its key. Messages go to a durable fanout
 * exchange; a durable stream queue ({@code x-queue-type=stream}, RabbitMQ 3.9 and later) bound to
 * it keeps them, and every reader consumes it from offset {@code first} and folds it by key, so a
 * process that starts late sees the same map as one that was there all along.
 *
 * <p><b>Knowing one has read everything.</b> AMQP 0-9-1 does not tell a consumer where a stream
 * ends. On connecting, the reader publishes a marker (key {@code sync/<uuid>}, ignored by the
 * fold) and counts itself caught up once its consumer receives that marker: every message
 * published before it precedes it in the stream. From then on the consumer keeps the map current
 * as messages arrive. A {@link #put} likewise returns once the consumer has read its own message
 * back, so what a process wrote, it reads.
 *
 * <p><b>Connections.</b> The client's automatic recovery is off: after a lost connection the map
 * would be rebuilt by re-reading from {@code first} while already serving, briefly bringing back
 * removed keys. Instead, the first call after a loss reconnects and reads the stream again into a
 * fresh map before answering.
 *
 * <p><b>Blocking and errors.</b> Every call blocks its caller for at most about {@code timeout}
 * (connection, handshake, RPC, confirm and catching up); failures are {@link IOException}s that
 * name the broker without its password. A timeout too long to count, {@code
 * Duration.ofSeconds(Long.MAX_VALUE)} included, is as long as it takes (the client's own
 * connection, handshake and RPC timeouts stop at {@code Integer.MAX_VALUE} ms, about 24.8 days).
 *
 * <p><b>Threading.</b> Thread-safe; calls are serialised. Deliveries arrive on the client's
 * consumer thread.
 */
final class StreamLog implements AutoCloseable {

    static final String KEY = "telltale-key";
    static final String TOMBSTONE = "telltale-tombstone";
    private static final String SYNC = "sync/";
    private static final int PREFETCH = 500;
    /** The longest wait in nanoseconds (about 146 years): {@code nanoTime()} plus it may wrap, differences stay right. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 2;

    private final BrokerAddress broker;
    private final String exchange;
    private final String queue;
    private final Map<String, Object> queueArguments;
    /** The timeout in milliseconds: at least 1 (0 would be "forever" to the client), at most {@code Long.MAX_VALUE}. */
    private final long millis;
    /** The timeout in nanoseconds for this class's own deadlines, at most {@link #FOREVER_NANOS}. */
    private final long nanos;
    private final String connectionName;

    private final Object lock = new Object();
    private Connection connection;
    private Channel publishing;
    private Map<String, byte[]> values = new LinkedHashMap<>();
    /** The id of the message the calling thread waits to see folded, or null once it was. */
    private String awaited;
    private volatile boolean synced;
    /** Bumped whenever the map changes or the connection is lost. */
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();
    private boolean closed;

    /**
     * A log that connects on first use.
     *
     * @param queueArguments extra arguments of the stream's declaration (retention: {@code
     *     x-max-length-bytes}, {@code x-max-age}); {@code x-queue-type=stream} is always added
     */
    StreamLog(BrokerAddress broker, String exchange, String queue, Map<String, Object> queueArguments,
            Duration timeout, String connectionName) {
        this.broker = broker;
        this.exchange = exchange;
        this.queue = queue;
        Map<String, Object> args = new HashMap<>(queueArguments);
        args.put("x-queue-type", "stream");
        this.queueArguments = Map.copyOf(args);
        this.millis = millis(timeout);
        this.nanos = nanos(timeout);
        this.connectionName = connectionName;
    }

    String where() {
        return broker.redacted() + " (exchange '" + exchange + "', stream '" + queue + "')";
    }

    /**
     * The map as the stream holds it: after a (re)connection, only once everything published
     * before it has been read.
     *
     * @return a copy, in the order the keys first appeared
     * @throws IOException if the broker cannot be reached, or the stream not read to the marker,
     *     within the timeout
     */
    Map<String, byte[]> current() throws IOException {
        synchronized (lock) {
            connect();
            return new LinkedHashMap<>(values);
        }
    }

    /**
     * A number that changes whenever {@link #current()} may answer differently; while not
     * connected and caught up, a new one at every call (so the caller calls {@code current()}
     * and learns why). Never blocks.
     */
    long revision() {
        return synced ? revision.get() : revision.incrementAndGet();
    }

    /**
     * Publishes {@code value} under {@code key}, or a tombstone if {@code value} is null, waits
     * for the broker's confirm, then until this store's own consumer has read it back: a {@link
     * #current()} after {@code put} returns shows it.
     *
     * @throws IOException if the broker does not confirm it, or it is not read back, within the timeout
     */
    void put(String key, byte[] value) throws IOException {
        synchronized (lock) {
            connect();
            awaitFolded(publish(key, value));
        }
    }

    /** Publishes and waits for the confirm; returns the message's id. */
    private String publish(String key, byte[] value) throws IOException {
        Map<String, Object> headers = new HashMap<>();
        headers.put(KEY, key);
        if (value == null) {
            headers.put(TOMBSTONE, true);
        }
        String id = UUID.randomUUID().toString();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(id)
                .deliveryMode(2).contentType("application/json").headers(headers).build();
        String kind = key.indexOf('/') < 0 ? key : key.substring(0, key.indexOf('/'));
        try {
            publishing.basicPublish(exchange, kind, props, value == null ? new byte[0] : value);
            publishing.waitForConfirmsOrDie(millis);
            return id;
        } catch (IOException | TimeoutException | RuntimeException e) {
            drop();
            throw Secrets.wrap(broker, "cannot publish to " + where() + " within " + millis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop();
            throw new IOException("interrupted while publishing to " + where(), e);
        }
    }

    /** Connects, declares, starts consuming from the first offset and waits for its own marker. */
    private void connect() throws IOException {
        if (closed) {
            throw new IOException("the AMQP store of " + where() + " is closed");
        }
        if (connection != null && connection.isOpen() && synced) {
            return;
        }
        drop();
        values = new LinkedHashMap<>();
        ConnectionFactory factory = factory();
        try {
            connection = factory.newConnection(connectionName);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw Secrets.wrap(broker, "cannot connect to " + broker.redacted() + " within " + millis + " ms", e);
        }
        try {
            publishing = connection.createChannel();
            publishing.exchangeDeclare(exchange, "fanout", true);
            publishing.queueDeclare(queue, true, false, false, queueArguments);
            publishing.queueBind(queue, exchange, "");
            publishing.confirmSelect();
            Channel consuming = connection.createChannel();
            consuming.basicQos(PREFETCH);
            consuming.basicConsume(queue, false, Map.of("x-stream-offset", "first"), new Fold(consuming));
            awaitFolded(publish(SYNC + UUID.randomUUID(), new byte[0]));
            synced = true;
        } catch (IOException | RuntimeException e) {
            drop();
            throw e instanceof IOException io && io.getMessage() != null && io.getMessage().contains(broker.redacted())
                    ? io : Secrets.wrap(broker, "cannot set up " + where(), e);
        }
    }

    /** Waits until the consumer has folded the message {@code id} (and so everything before it). */
    private void awaitFolded(String id) throws IOException {
        awaited = id;
        long deadline = System.nanoTime() + nanos; // may wrap; only differences are used
        try {
            while (awaited != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || connection == null || !connection.isOpen()) {
                    awaited = null;
                    drop();
                    throw new IOException("could not read " + where() + " to its end within " + millis + " ms");
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + where(), e);
        }
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        if (broker.tls()) {
            try {
                factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context in this JVM for " + broker.redacted(), e);
            }
            factory.enableHostnameVerification();
        }
        int clientMillis = (int) Math.min(Integer.MAX_VALUE, millis);
        factory.setConnectionTimeout(clientMillis);
        factory.setHandshakeTimeout(clientMillis);
        factory.setChannelRpcTimeout(clientMillis);
        factory.setShutdownTimeout(0);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setThreadFactory(THREADS);
        return factory;
    }

    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "telltale-specs-amqp-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    /** Forgets the connection (closing it quietly); the next call connects again. */
    private void drop() {
        synced = false;
        Connection c = connection;
        connection = null;
        publishing = null;
        if (c != null) {
            Connections.closeQuietly(c, (int) Math.min(Integer.MAX_VALUE, millis));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            drop();
        }
    }

    /** A positive {@code timeout} in milliseconds, at least 1; one too long to count is {@code Long.MAX_VALUE}. */
    static long millis(Duration timeout) {
        try {
            return Math.max(1, timeout.toMillis());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A positive {@code timeout} in nanoseconds; one too long to count (146 years and more) is {@link #FOREVER_NANOS}. */
    static long nanos(Duration timeout) {
        return timeout.getSeconds() >= FOREVER_NANOS / 1_000_000_000L ? FOREVER_NANOS : timeout.toNanos();
    }

    /** Folds each delivery into the map; wakes the connecting thread when its marker arrives. */
    private final class Fold extends DefaultConsumer {

        Fold(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            Map<String, Object> headers = props.getHeaders();
            Object key = headers == null ? null : headers.get(KEY);
            synchronized (lock) {
                if (key != null && getChannel().getConnection() == connection) {
                    String k = key.toString(); // a LongString on the wire
                    if (!k.startsWith(SYNC)) {
                        if (Boolean.TRUE.equals(headers.get(TOMBSTONE))) {
                            values.remove(k);
                        } else {
                            values.put(k, body);
                        }
                        revision.incrementAndGet();
                    }
                    if (awaited != null && awaited.equals(props.getMessageId())) {
                        awaited = null;
                        lock.notifyAll();
                    }
                }
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
            synchronized (lock) {
                if (getChannel().getConnection() == connection) {
                    synced = false; // the next call reconnects and reads everything again
                    revision.incrementAndGet();
                }
                lock.notifyAll();
            }
        }
    }
}
