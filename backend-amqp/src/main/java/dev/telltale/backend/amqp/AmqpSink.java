package dev.telltale.backend.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.util.BitSet;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes each batch to the exchange with publisher confirms: every envelope is sent with
 * {@code basicPublish}, then the sink waits once, at most {@code telltale.amqp.confirm-timeout},
 * for the broker to confirm them all.
 *
 * <p><b>Published</b> means confirmed: the broker has taken responsibility for the message (for
 * a persistent message in a durable queue, written it to disk; for a message no queue is bound
 * for, discarded it as unroutable). Envelopes over {@code max-message-size} are not sent and come
 * back as {@code tooLarge}; messages the broker nacks come back as {@code failed}. Neither is
 * retried.
 *
 * <p><b>Failures</b> make {@link #publish} throw, so the pipeline retries: the connection is down
 * (the client reconnects every {@code recovery-interval}), the broker blocked the connection (a
 * memory or disk alarm), the channel closed before every confirm arrived, or the confirm timeout
 * passed. Confirms are tracked message by message (delivery tag to position in the batch): when
 * the broker had answered some messages before the failure, {@code publish} throws a {@link
 * PartialPublishException} that settles them (and the too-large ones), so that only the
 * unanswered messages are retried and, if the attempts run out, counted as lost. A message the
 * broker took but whose confirm was lost with the connection is still retried, so delivery stays
 * at least once. A channel closed by a channel error is replaced, and the exchange declared again,
 * at the next call. When the client recovers the connection, or the broker unblocks it, {@link
 * #readyToRetry()} turns true and the publisher thread is unparked, so the pipeline ends its
 * backoff and publishing resumes at once.
 *
 * <p><b>Threading.</b> Not thread-safe: the pipeline's publisher thread calls it. The client's
 * own threads (from {@link BackendConfig#threadFactory}) deliver confirms, blocked notices and
 * recovery. Every wait is bounded: publishing by the confirm timeout (a batch already being
 * written when the broker blocks the connection can wait longer, until the alarm clears or the
 * pipeline abandons it at close), {@link #close} by about a second.
 */
final class AmqpSink implements Sink {

    static final String HOST_HEADER = "telltale-host";
    static final String PID_HEADER = "telltale-pid";
    private static final int CLOSE_MILLIS = 1000;

    private final AmqpSettings settings;
    private final Connection connection;
    private final ConfirmTracker confirms = new ConfirmTracker();
    private final String host;
    private final String pid;
    private volatile String blockedReason;
    /** The thread that calls publish (the pipeline's publisher), to wake from its backoff. */
    private volatile Thread publisher;
    /** Whether the connection came back (recovered, unblocked) since the last publish began. */
    private volatile boolean backAgain;
    private Channel channel;
    private boolean closed;

    private AmqpSink(AmqpSettings settings, Connection connection, String host, long pid) {
        this.settings = settings;
        this.connection = connection;
        this.host = host;
        this.pid = Long.toString(pid);
    }

    /**
     * Connects, opens a channel in confirm mode and declares the exchange.
     *
     * @throws IOException if the broker cannot be reached or refuses the login or the exchange;
     *     the message names the broker without its password
     */
    static AmqpSink open(AmqpSettings settings, BackendConfig config) throws IOException {
        ConnectionFactory factory = Connections.factory(settings, config.threadFactory("amqp"), Integer.MAX_VALUE);
        Connection connection = Connections.open(factory, settings,
                "telltale-" + config.host() + "-" + config.pid());
        AmqpSink sink = new AmqpSink(settings, connection, config.host(), config.pid());
        try {
            sink.listen();
            sink.ensureChannel();
            return sink;
        } catch (IOException | RuntimeException e) {
            Connections.closeQuietly(connection, CLOSE_MILLIS);
            throw e;
        }
    }

    private void listen() {
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReason = reason == null ? "no reason given" : reason;
            }

            @Override
            public void handleUnblocked() {
                blockedReason = null;
                backAgain();
            }
        });
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    blockedReason = null; // a new connection starts unblocked; the broker says again if not
                    backAgain();
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                }
            });
        }
    }

    /**
     * Publishes {@code batch} and waits for its confirms.
     *
     * @return the envelopes too large to send and those the broker nacked
     * @throws PartialPublishException if the batch must be retried but some of it is settled: the
     *     broker confirmed or nacked some messages before the failure, or some are too large
     * @throws IOException if the whole batch must be retried: connection down or blocked, channel
     *     closed, confirms not all in within the timeout, and nothing of it settled
     * @throws InterruptedException if the publisher thread is interrupted while waiting
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public Outcome publish(List<Envelope> batch) throws IOException, PartialPublishException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("the AMQP sink for " + settings.broker() + " is closed");
        }
        publisher = Thread.currentThread();
        backAgain = false;
        int[] sending = new int[batch.size()];
        int n = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).payload().length <= settings.maxMessageSize()) {
                sending[n++] = i;
            }
        }
        int tooLarge = batch.size() - n;
        if (n == 0) {
            return outcome(tooLarge, 0);
        }
        try {
            ensureChannel();
        } catch (IOException e) {
            throw partly(e, batch.size(), sending, n, null);
        }
        return send(batch, sending, n);
    }

    /**
     * Sends the {@code n} envelopes at the positions {@code sending} (those that fit) and waits
     * for their confirms.
     */
    private Outcome send(List<Envelope> batch, int[] sending, int n)
            throws IOException, PartialPublishException, InterruptedException {
        Channel ch = channel;
        confirms.begin(ch.getNextPublishSeqNo(), n);
        Date now = new Date();
        try {
            for (int k = 0; k < n; k++) {
                Envelope envelope = batch.get(sending[k]);
                ch.basicPublish(settings.exchange(), envelope.routingKey(), false, properties(envelope, now),
                        envelope.payload());
            }
        } catch (IOException | RuntimeException e) {
            ConfirmTracker.Result sofar = confirms.abandon();
            throw partly(Secrets.wrap(settings.broker(), "publishing to " + where() + " failed", e), batch.size(),
                    sending, n, sofar);
        }
        ConfirmTracker.Result result = confirms.await(System.nanoTime() + settings.confirmTimeout().toNanos());
        if (result.shutdown() != null) {
            throw partly(Secrets.wrap(settings.broker(), "the channel to " + where() + " closed before the broker "
                    + "confirmed " + result.outstanding() + " of " + n + " messages", result.shutdown()),
                    batch.size(), sending, n, result);
        }
        if (result.outstanding() > 0) {
            throw partly(new IOException("the broker at " + where() + " answered " + (n - result.outstanding()) + " of "
                    + n + " messages within telltale.amqp.confirm-timeout (" + settings.confirmTimeout().toMillis()
                    + "ms); the others are retried"), batch.size(), sending, n, result);
        }
        return outcome(batch.size() - n, result.nacked().cardinality());
    }

    /**
     * The failure of a batch of {@code size} envelopes, {@code n} of them sent from the positions
     * {@code sending}: a {@link PartialPublishException} settling the envelopes not sent (too
     * large) and those the broker answered in {@code result} (null: none), or, when nothing is
     * settled, {@code cause} itself, thrown.
     */
    private PartialPublishException partly(IOException cause, int size, int[] sending, int n,
            ConfirmTracker.Result result) throws IOException {
        BitSet settled = new BitSet(size);
        settled.set(0, size);
        for (int k = 0; k < n; k++) {
            settled.clear(sending[k]);
        }
        int tooLarge = settled.cardinality();
        int nacked = 0;
        if (result != null) {
            BitSet acked = result.acked();
            for (int k = acked.nextSetBit(0); k >= 0 && k < n; k = acked.nextSetBit(k + 1)) {
                settled.set(sending[k]);
            }
            BitSet refused = result.nacked();
            for (int k = refused.nextSetBit(0); k >= 0 && k < n; k = refused.nextSetBit(k + 1)) {
                settled.set(sending[k]);
                nacked++;
            }
        }
        if (settled.isEmpty()) {
            throw cause;
        }
        int published = settled.cardinality() - tooLarge - nacked;
        return new PartialPublishException(cause.getMessage() + " (of " + size + " messages, " + published
                + " confirmed and " + (tooLarge + nacked) + " refused are settled; only the other "
                + (size - settled.cardinality()) + " are retried)", cause, settled, outcome(tooLarge, nacked));
    }

    private Outcome outcome(int tooLarge, int nacked) {
        if (tooLarge == 0 && nacked == 0) {
            return Outcome.ALL_PUBLISHED;
        }
        StringBuilder reason = new StringBuilder();
        if (tooLarge > 0) {
            reason.append(tooLarge).append(" larger than telltale.amqp.max-message-size (")
                    .append(settings.maxMessageSize()).append(" bytes)");
        }
        if (nacked > 0) {
            reason.append(reason.length() > 0 ? ", " : "").append(nacked).append(" nacked by the broker at ").append(where());
        }
        return new Outcome(tooLarge, nacked, reason.toString());
    }

    private AMQP.BasicProperties properties(Envelope envelope, Date now) {
        Map<String, Object> headers = new HashMap<>(envelope.headers().size() + 3);
        headers.putAll(envelope.headers());
        headers.put(HOST_HEADER, host);
        headers.put(PID_HEADER, pid);
        return new AMQP.BasicProperties.Builder()
                .contentType(Envelope.CONTENT_TYPE)
                .deliveryMode(settings.persistent() ? 2 : 1)
                .timestamp(now)
                .type(envelope.headers().get(Envelope.KIND_HEADER))
                .appId("telltale")
                .headers(headers)
                .build();
    }

    /** Tells the pipeline, if it is backing off after a failure, to try again now. */
    private void backAgain() {
        backAgain = true;
        Thread t = publisher;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** True once the connection was recovered or unblocked since the last {@code publish} began. */
    @Override
    public boolean readyToRetry() {
        return backAgain;
    }

    /** Makes sure a usable channel is open, or throws saying why there is none. */
    private void ensureChannel() throws IOException {
        if (!connection.isOpen()) {
            throw new IOException("the connection to " + where() + " is down; reconnecting every "
                    + settings.recoveryInterval().toMillis() + "ms" + reason(connection.getCloseReason()));
        }
        String blocked = blockedReason;
        if (blocked != null) {
            throw new IOException("the broker at " + where() + " blocks publishing: " + settings.broker().mask(blocked));
        }
        if (channel != null && channel.isOpen()) {
            return;
        }
        Channel opened;
        try {
            opened = connection.createChannel();
            if (opened == null) {
                throw new IOException("the broker at " + where() + " allows no more channels");
            }
            opened.confirmSelect();
            opened.addConfirmListener(confirms);
            opened.addShutdownListener(confirms);
            declareExchange(opened);
        } catch (IOException | RuntimeException e) {
            String closed = Connections.closeReason(e);
            throw Secrets.wrap(settings.broker(), "cannot open a channel to " + settings.broker().redacted()
                    + " and declare exchange '" + settings.exchange() + "' (" + settings.exchangeType()
                    + (settings.durable() ? ", durable" : ", not durable") + ")"
                    + (closed == null ? "" : ": " + settings.broker().mask(closed)), e);
        }
        channel = opened;
    }

    private void declareExchange(Channel ch) throws IOException {
        if (settings.predefinedExchange()) {
            if (!settings.exchange().isEmpty()) {
                ch.exchangeDeclarePassive(settings.exchange());
            }
            return;
        }
        ch.exchangeDeclare(settings.exchange(), settings.exchangeType(), settings.durable());
    }

    private String where() {
        return settings.broker().redacted() + " exchange '" + settings.exchange() + "'";
    }

    private String reason(com.rabbitmq.client.ShutdownSignalException cause) {
        if (cause == null) {
            return "";
        }
        String text = Connections.closeReason(cause);
        return " (" + settings.broker().mask(text != null ? text : String.valueOf(cause.getMessage())) + ")";
    }

    /** Closes the connection, waiting about a second at most. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connections.closeQuietly(connection, CLOSE_MILLIS);
    }

    @Override
    public String toString() {
        return "AmqpSink{" + where() + (closed ? ", closed" : "") + "}";
    }
}
