package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes batches with one {@code KafkaProducer}, on the pipeline's publisher thread only.
 *
 * <p><b>What counts as published.</b> {@link #publish} sends every envelope of the batch, then
 * waits for every record's delivery callback, at most {@code delivery.timeout.ms} and a margin
 * (Kafka promises a callback within {@code delivery.timeout.ms}). A record the brokers
 * acknowledged (per {@code acks}) is published. The others:
 * <ul>
 *   <li>too large for the client's {@code max.request.size} or the topic's {@code
 *       max.message.bytes}: refused as {@code tooLarge};
 *   <li>refused by the brokers for another reason (authorization, an invalid topic), or failed
 *       after the client's own retries while other records of the batch got through: refused as
 *       {@code failed}, which the pipeline counts as {@code backend-error};
 *   <li>when <em>no</em> record of the batch got through and at least one failed because the
 *       brokers were away or busy (no metadata within {@code max.block.ms}, records expired after
 *       {@code delivery.timeout.ms}), {@code publish} throws an {@link IOException} saying so, and
 *       the pipeline backs off and retries the whole batch.
 * </ul>
 * A retried batch had nothing acknowledged, so retries rarely duplicate; a record whose request
 * reached a broker that died before answering may still have been written, so delivery is at
 * least once.
 *
 * <p><b>Blocking.</b> {@code send()} blocks at most {@code max.block.ms} (Telltale: 5 s) for
 * metadata or buffer space; after the first such timeout the rest of the batch bound for that
 * topic is not sent. The wait for callbacks is bounded as above, {@link #close} by {@code
 * telltale.kafka.close-timeout}, which is {@code telltale.flush.timeout} unless set.
 *
 * <p><b>Recovery.</b> If {@code send()} itself throws (the producer reached a state only a new
 * producer leaves), the producer is closed and the next {@code publish} makes a new one.
 */
final class KafkaSink implements Sink {

    static final String ROUTING_KEY_HEADER = "telltale-routing-key";
    static final String HOST_HEADER = "telltale-host";
    static final String PID_HEADER = "telltale-pid";
    static final String CONTENT_TYPE_HEADER = "content-type";

    private static final long WAIT_MARGIN_NANOS = Duration.ofSeconds(5).toNanos();

    private static final Header CONTENT_TYPE = new RecordHeader(CONTENT_TYPE_HEADER,
            Envelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));

    private final ProducerSettings settings;
    private final Header host;
    private final Header pid;
    private final HeaderCache headerCache = new HeaderCache();
    private Producer<byte[], byte[]> producer;

    /**
     * Creates the producer, declaring its network thread internal first.
     *
     * @throws IllegalArgumentException if Kafka rejects a property
     */
    KafkaSink(ProducerSettings settings, BackendConfig config) {
        this.settings = settings;
        this.host = new RecordHeader(HOST_HEADER, config.host().getBytes(StandardCharsets.UTF_8));
        this.pid = new RecordHeader(PID_HEADER, Long.toString(config.pid()).getBytes(StandardCharsets.UTF_8));
        config.internalThreads(settings.networkThreadPrefix()); // the core keeps a prefix once
        this.producer = settings.newProducer();
    }

    @Override
    public Outcome publish(List<Envelope> batch) throws IOException, InterruptedException {
        if (producer == null) {
            producer = settings.newProducer();
        }
        Deliveries deliveries = new Deliveries(batch.size());
        Exception broken = send(batch, deliveries);
        deliveries.await(settings.deliveryTimeout().toNanos() + WAIT_MARGIN_NANOS);
        if (broken != null) {
            Producer<byte[], byte[]> old = producer;
            producer = null;
            old.close(settings.closeTimeout());
        }
        Deliveries.Tally tally = deliveries.tally();
        if (tally.delivered() == 0 && (tally.transientFailures() > 0 || tally.unknown() > 0)) {
            throw new IOException(unavailable(tally, batch.size()), tally.firstError());
        }
        int failed = tally.transientFailures() + tally.refused() + tally.unknown();
        if (failed == 0 && tally.tooLarge() == 0) {
            return Outcome.ALL_PUBLISHED;
        }
        return new Outcome(tally.tooLarge(), failed, reason(tally));
    }

    /** Sends the batch; returns the exception that broke the producer, or null. */
    private Exception send(List<Envelope> batch, Deliveries deliveries) {
        Map<String, Exception> unreachable = null;
        Exception broken = null;
        for (int i = 0; i < batch.size(); i++) {
            Envelope envelope = batch.get(i);
            String topic = settings.routes().topic(envelope.routingKey());
            Exception skip = broken != null ? broken : unreachable == null ? null : unreachable.get(topic);
            if (skip != null) {
                deliveries.failed(i, skip);
                continue;
            }
            try {
                producer.send(record(topic, envelope), deliveries.callback(i));
            } catch (InterruptException e) {
                throw e; // the publisher thread was interrupted: let the pipeline see it
            } catch (KafkaException | IllegalStateException e) {
                broken = new Deliveries.ProducerBrokenException("the Kafka producer failed and will be replaced: " + e, e);
                deliveries.failed(i, broken);
                continue;
            }
            if (deliveries.error(i) instanceof TimeoutException timeout) {
                if (unreachable == null) {
                    unreachable = new HashMap<>();
                }
                unreachable.put(topic, timeout); // no metadata or no buffer within max.block.ms
            }
        }
        return broken;
    }

    private ProducerRecord<byte[], byte[]> record(String topic, Envelope envelope) {
        Map<String, String> own = envelope.headers();
        Header[] headers = new Header[own.size() + 4];
        int i = 0;
        for (Map.Entry<String, String> header : own.entrySet()) {
            headers[i++] = headerCache.get(header.getKey(), header.getValue());
        }
        headers[i++] = headerCache.get(ROUTING_KEY_HEADER, envelope.routingKey());
        headers[i++] = host;
        headers[i++] = pid;
        headers[i] = CONTENT_TYPE;
        byte[] key = envelope.key().isEmpty() ? null : envelope.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, envelope.payload(), new RecordHeaders(headers));
    }

    private String unavailable(Deliveries.Tally tally, int size) {
        Exception first = tally.firstError();
        String where = "Kafka at " + settings.bootstrapServers();
        if (first == null) {
            return "no acknowledgement from " + where + " for any of " + size + " records within "
                    + seconds(settings.deliveryTimeout().plusNanos(WAIT_MARGIN_NANOS));
        }
        if (first instanceof TimeoutException && String.valueOf(first.getMessage()).contains("metadata")) {
            return "cannot reach " + where + " within " + seconds(settings.maxBlock())
                    + " (max.block.ms), or the topic does not exist there and is not created automatically: "
                    + first.getMessage();
        }
        return where + " took none of " + size + " records: " + describe(first);
    }

    private static String reason(Deliveries.Tally tally) {
        Exception first = tally.firstError();
        return first == null ? "no acknowledgement in time" : describe(first);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    /**
     * Closes the producer, waiting at most {@code telltale.kafka.close-timeout} (unset: {@code
     * telltale.flush.timeout}) for records in flight.
     */
    @Override
    public void close() {
        if (producer != null) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            p.close(settings.closeTimeout());
        }
    }
}
