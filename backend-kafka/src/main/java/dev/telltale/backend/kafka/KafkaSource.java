package dev.telltale.backend.kafka;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.JsonMember;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * The monitor's side: a consumer of the default topic and every mapped topic, returning the
 * records whose routing key the subscription wants. Filtering happens here, on the client: Kafka
 * has no server-side filter, so every record of the topics is fetched.
 *
 * <p><b>Assignment.</b> Without a group every partition is read with manual assignment and
 * nothing is committed: {@code from=latest} starts at the partitions' ends as they are when the
 * source opens, {@code from=earliest} at their beginnings. Partitions that appear later (a topic
 * created by the first event published to it, partitions added) are found within about five
 * seconds and read from their beginning, so no event published after the source opened is
 * missed. With a group the topics are subscribed to, and {@code from} applies only where the group
 * has no committed offset; events published before the group's first assignment (a few seconds)
 * are not shown with {@code from=latest}.
 *
 * <p><b>Commits.</b> With a group, the source commits only what it has handed on: the records
 * {@link #poll} returned (and those the subscription did not want), not the ones the consumer
 * fetched ahead. It commits them asynchronously every {@value #COMMIT_EVERY_MILLIS} ms while
 * polling, synchronously when partitions are taken away and when it closes, so a monitor that
 * stops and comes back with the same group continues right after the last envelope it returned
 * and loses none (Kafka's own automatic commits would commit what was fetched, up to {@code
 * max.poll.records} records more, which the next monitor of the group would never see).
 *
 * <p><b>Envelopes.</b> The routing key is the {@code telltale-routing-key} header, or for records
 * without it the payload's top-level {@code routingKey}, or {@code ""}. Headers are decoded as
 * UTF-8; of repeated headers the last wins. {@link #position()} is {@code topic-partition@offset}.
 *
 * <p><b>Threading.</b> One thread at a time polls. {@link #close} may be called from any thread:
 * it wakes a blocked {@link #poll}, which returns null and closes the consumer itself (Kafka's
 * consumer may only be used by one thread at a time).
 */
final class KafkaSource implements Source {

    static final long COMMIT_EVERY_MILLIS = 5000;

    private final ConsumerSettings settings;
    private final Subscription subscription;
    private final Consumer<byte[], byte[]> consumer;
    private final Partitions partitions;
    private final Object lock = new Object();
    private Iterator<ConsumerRecord<byte[], byte[]>> buffered = Collections.emptyIterator();
    /** With a group: per partition, the offset after the last record handed on and not yet committed. */
    private final Map<TopicPartition, OffsetAndMetadata> handedOn = new HashMap<>();
    private long nextCommit = System.nanoTime();
    private String position = "";
    private boolean polling;
    private boolean closed;
    private boolean consumerClosed;

    private KafkaSource(ConsumerSettings settings, Subscription subscription, Consumer<byte[], byte[]> consumer) {
        this.settings = settings;
        this.subscription = subscription;
        this.consumer = consumer;
        this.partitions = settings.group() == null ? new Partitions(consumer, settings) : null;
    }

    /**
     * Creates the consumer and assigns it (without a group) or subscribes it (with one).
     *
     * @throws IOException if the brokers do not answer within {@code open-timeout}
     * @throws IllegalArgumentException if Kafka refuses the consumer's configuration
     */
    static KafkaSource open(ConsumerSettings settings, Subscription subscription) throws IOException {
        Consumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(settings.properties());
        } catch (KafkaException e) {
            throw new IllegalArgumentException("Kafka refused the consumer configuration (telltale.kafka.* keys): "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
        try {
            KafkaSource source = new KafkaSource(settings, subscription, consumer);
            if (source.partitions == null) {
                checkReachable(consumer, settings);
                consumer.subscribe(settings.topics(), source.new CommitOnRevoke());
            } else {
                source.partitions.assignAtOpen();
            }
            return source;
        } catch (IOException | RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    private static void checkReachable(Consumer<byte[], byte[]> consumer, ConsumerSettings settings) throws IOException {
        try {
            consumer.listTopics(settings.openTimeout());
        } catch (TimeoutException e) {
            throw new IOException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                    + settings.openTimeout().toMillis() + " ms (open-timeout): " + e.getMessage(), e);
        }
    }

    @Override
    public Envelope poll(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + nanos(timeout); // may wrap; only differences are used
        synchronized (lock) {
            if (closed) {
                return null;
            }
            polling = true;
        }
        try {
            boolean polled = false;
            while (true) {
                Envelope next = nextWanted();
                if (next != null) {
                    return next;
                }
                long left = deadline - System.nanoTime();
                if (isClosed() || left <= 0 && polled) {
                    return null;
                }
                polled = true;
                if (partitions != null && !partitions.discover(left)) {
                    pause(Math.min(Math.max(0, left), partitions.nanosToNextDiscovery()));
                    continue;
                }
                commitHandedOn(false);
                buffered = consumer.poll(Duration.ofNanos(Math.max(0, left))).iterator();
            }
        } catch (WakeupException e) {
            return null; // close() woke us
        } catch (InterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while polling Kafka at " + settings.bootstrapServers());
        } catch (KafkaException e) {
            throw new IOException("reading from Kafka at " + settings.bootstrapServers() + " failed"
                    + (position.isEmpty() ? "" : " after " + position) + ": " + e.getMessage(), e);
        } finally {
            boolean closeNow;
            synchronized (lock) {
                polling = false;
                closeNow = closed;
            }
            if (closeNow) {
                closeConsumer();
            }
        }
    }

    /** The next buffered record the subscription wants, as an envelope, or null. */
    private Envelope nextWanted() {
        while (buffered.hasNext()) {
            ConsumerRecord<byte[], byte[]> record = buffered.next();
            if (partitions == null) {
                handedOn.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                byte[] value = header.value();
                headers.put(header.key(), value == null ? "" : new String(value, StandardCharsets.UTF_8));
            }
            byte[] payload = record.value() == null ? new byte[0] : record.value();
            String routingKey = headers.get(KafkaSink.ROUTING_KEY_HEADER);
            if (routingKey == null) {
                routingKey = JsonMember.ROUTING_KEY.string(payload);
            }
            if (routingKey == null) {
                routingKey = "";
            }
            if (subscription.wants(routingKey)) {
                position = record.topic() + "-" + record.partition() + "@" + record.offset();
                String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                return new Envelope(routingKey, key, headers, payload);
            }
        }
        return null;
    }

    /**
     * Commits the offsets handed on (with a group): asynchronously at most every {@value
     * #COMMIT_EVERY_MILLIS} ms unless {@code now}, then synchronously within {@code open-timeout}.
     * A failed commit means the next consumer of the group sees those records again (at least
     * once), so it is not an error here.
     */
    private void commitHandedOn(boolean now) {
        if (handedOn.isEmpty() || !now && System.nanoTime() - nextCommit < 0) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(handedOn);
        handedOn.clear();
        nextCommit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMIT_EVERY_MILLIS);
        try {
            if (now) {
                consumer.commitSync(offsets, settings.openTimeout());
            } else {
                consumer.commitAsync(offsets, null);
            }
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // not committed: the group's next consumer reads these records again
        }
    }

    /** Commits what was handed on before the group takes partitions away, and forgets what was fetched ahead. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (!revoked.isEmpty()) {
                commitHandedOn(true);
                buffered = Collections.emptyIterator(); // refetched by whoever gets the partitions, from the commit
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        }
    }

    private void pause(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        synchronized (lock) {
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** True once closed: a live subscription never ends by itself. */
    @Override
    public boolean ended() {
        return isClosed();
    }

    @Override
    public String position() {
        return position;
    }

    /**
     * Stops consuming. From another thread while {@link #poll} runs, wakes it and leaves the
     * closing to it; otherwise closes the consumer (committing offsets, with a group) within
     * {@code open-timeout}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            if (polling) {
                consumer.wakeup();
                return;
            }
        }
        closeConsumer();
    }

    private void closeConsumer() {
        synchronized (lock) {
            if (consumerClosed) {
                return;
            }
            consumerClosed = true;
        }
        try {
            commitHandedOn(true);
        } catch (KafkaException e) {
            // closing anyway: the group's next consumer reads the uncommitted records again
        }
        consumer.close(CloseOptions.timeout(settings.openTimeout()));
    }

    @Override
    public String toString() {
        return "KafkaSource{" + settings.bootstrapServers() + " " + settings.topics()
                + (settings.group() == null ? "" : " group " + settings.group()) + " at " + position + "}";
    }

    /** {@code timeout} in nanoseconds, 0 if negative; one too long to count (146 years and more) waits as long as it takes. */
    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.getSeconds() >= Long.MAX_VALUE / 2 / 1_000_000_000L ? Long.MAX_VALUE / 2 : timeout.toNanos();
    }
}
