package dev.telltale.backend.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Manual assignment of every partition of the source's topics, for a source without a consumer
 * group: what exists when the source opens starts where {@code from} says, and partitions found
 * later (every {@value #INTERVAL_MS} ms at most) start at their beginning. Used by the polling
 * thread only.
 */
final class Partitions {

    static final long INTERVAL_MS = 2000;
    private static final long MIN_WAIT_MS = 50;
    private static final long MAX_WAIT_MS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final ConsumerSettings settings;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long nextDiscovery;

    Partitions(Consumer<byte[], byte[]> consumer, ConsumerSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
    }

    /**
     * Assigns what exists now, positioned per {@code from}; topics that do not exist yet are
     * picked up by {@link #discover}.
     *
     * @throws IOException if the brokers do not answer within {@code open-timeout}
     */
    void assignAtOpen() throws IOException {
        try {
            assigned.addAll(find(settings.openTimeout()));
            consumer.assign(assigned);
            if (settings.earliest()) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
                for (TopicPartition partition : assigned) {
                    consumer.position(partition); // fixes "latest" now, not at the first poll
                }
            }
        } catch (TimeoutException e) {
            throw new IOException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                    + settings.openTimeout().toMillis() + " ms (open-timeout): " + e.getMessage(), e);
        }
        nextDiscovery = System.nanoTime() + INTERVAL_MS * 1_000_000;
    }

    /**
     * Looks for new partitions if it is time to, spending at most about {@code budgetNanos} (at
     * least {@value #MIN_WAIT_MS} ms, at most {@value #MAX_WAIT_MS} ms, per topic).
     *
     * @return whether any partition is assigned (polling the consumer makes sense)
     */
    boolean discover(long budgetNanos) {
        if (System.nanoTime() - nextDiscovery >= 0) {
            long waitMs = Math.max(MIN_WAIT_MS, Math.min(MAX_WAIT_MS, budgetNanos / 1_000_000));
            try {
                Set<TopicPartition> fresh = find(Duration.ofMillis(waitMs));
                fresh.removeAll(assigned);
                if (!fresh.isEmpty()) {
                    assigned.addAll(fresh);
                    consumer.assign(assigned);
                    consumer.seekToBeginning(fresh);
                }
            } catch (TimeoutException e) {
                // brokers away for now: look again next time
            }
            nextDiscovery = System.nanoTime() + INTERVAL_MS * 1_000_000;
        }
        return !assigned.isEmpty();
    }

    /** Nanoseconds until the next look for new partitions. */
    long nanosToNextDiscovery() {
        return Math.max(0, nextDiscovery - System.nanoTime());
    }

    private Set<TopicPartition> find(Duration wait) {
        Set<TopicPartition> found = new HashSet<>();
        for (String topic : settings.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, wait);
            if (infos != null) {
                for (PartitionInfo info : infos) {
                    found.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
        }
        return found;
    }
}
