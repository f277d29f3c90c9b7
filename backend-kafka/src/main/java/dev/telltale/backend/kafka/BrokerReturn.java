package dev.telltale.backend.kafka;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Notices the brokers' return after a publish failed while the producer had no connection to any
 * of them, so that the pipeline can end its backoff at once (see {@link
 * dev.telltale.spi.Sink#readyToRetry()}).
 *
 * <p>Kafka's producer reconnects by itself and has no connection listener, but it calls a {@link
 * ClusterResourceListener} among its serializers after each metadata response, which it can only
 * get from a broker that answers. This class is the producer's value serializer (it passes the
 * bytes through) for that reason alone. After a failure with no broker connected, the first
 * metadata response marks the brokers as back and unparks the publisher thread. A failure while
 * some broker was connected (a missing topic, one broker of several away) waits out the backoff
 * as usual, since metadata keeps arriving then.
 *
 * <p>Thread-safe: {@link #onUpdate} runs on the producer's network thread, the rest on the
 * publisher thread; nothing blocks.
 */
final class BrokerReturn implements Serializer<byte[]>, ClusterResourceListener {

    private volatile Thread publisher;
    private volatile boolean awaiting;
    private volatile boolean back;

    @Override
    public byte[] serialize(String topic, byte[] data) {
        return data;
    }

    /** Called at the start of each publish: forgets the last failure. */
    void publishing(Thread thread) {
        publisher = thread;
        awaiting = false;
        back = false;
    }

    /** Called when a publish failed: watches for the brokers' return if {@code producer} has no connection. */
    void failed(Producer<byte[], byte[]> producer) {
        awaiting = producer != null && connections(producer) == 0;
    }

    /** True once a broker answered after a publish failed with none connected. */
    boolean back() {
        return back;
    }

    @Override
    public void onUpdate(ClusterResource cluster) {
        if (!awaiting) {
            return;
        }
        awaiting = false;
        back = true;
        Thread t = publisher;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The producer's open connections (its {@code connection-count} metric); -1 if it has no such metric. */
    static int connections(Producer<byte[], byte[]> producer) {
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.name().equals("connection-count") && name.group().equals("producer-metrics")
                    && e.getValue().metricValue() instanceof Number n) {
                return n.intValue();
            }
        }
        return -1;
    }
}
