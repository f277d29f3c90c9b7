package dev.telltale.backend.kafka;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
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
 * (Kafka promises a callback within {@code delivery.timeout.ms}). Each record is judged on its
 * own:
 * <ul>
 *   <li>acknowledged by the brokers (per {@code acks}): published;
 *   <li>too large for the client's {@code max.request.size} or the topic's {@code
 *       max.message.bytes}: refused for good, as {@code tooLarge};
 *   <li>refused by the brokers with an error that is not retriable (authorization, an invalid
 *       topic): refused for good, as {@code failed}, which the pipeline counts as {@code
 *       backend-error};
 *   <li>failed with a retriable error after the client's own retries (no metadata within {@code
 *       max.block.ms}: brokers away or the topic missing; expired after {@code
 *       delivery.timeout.ms}; not enough replicas), refused with an {@code
 *       OutOfOrderSequenceException} (nothing of it was written), failed because the producer
 *       broke, or not answered in time: not settled, to be retried.
 * </ul>
 * When nothing is left to retry, {@code publish} returns the refusals. When some records are to be
 * retried, it throws: a {@link PartialPublishException} naming the settled records (acknowledged
 * or refused for good) if there are any, so the pipeline counts them at once and retries only the
 * others, else an {@link IOException}, and the pipeline retries the whole batch. An acknowledged
 * record is therefore never sent again by Telltale; a record whose request reached a broker that
 * died before answering, or whose callback came too late, may have been written and still be
 * retried, so delivery is at least once. A retried record goes after the acknowledged records of
 * its batch, so events of one source can arrive out of {@code seq} order.
 *
 * <p><b>Blocking.</b> {@code send()} blocks at most {@code max.block.ms} (Telltale: 5 s) for
 * metadata or buffer space; after the first such timeout the rest of the batch bound for that
 * topic is not sent. The wait for callbacks is bounded as above, {@link #close} by {@code
 * telltale.kafka.close-timeout}, which is {@code telltale.flush.timeout} unless set.
 *
 * <p><b>Recovery.</b> The producer reconnects by itself. When a {@code publish} failed while it had
 * no connection to any broker, the first metadata response after that (see {@link BrokerReturn})
 * makes {@link #readyToRetry()} true and unparks the publisher thread, so the pipeline ends its
 * backoff as soon as a broker answers again. If {@code send()} itself throws (the producer reached
 * a state only a new producer leaves), the producer is closed and the next {@code publish} makes a
 * new one.
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
    private final BrokerReturn brokerReturn = new BrokerReturn();
    private Producer<byte[], byte[]> producer;
    private boolean closed;

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
        this.producer = settings.newProducer(brokerReturn);
    }

    /**
     * Sends {@code batch} and waits for every record's callback (see the class comment).
     *
     * @return the records refused for good: too large, or refused by the brokers
     * @throws PartialPublishException if some records failed transiently or were not answered in
     *     time while others were acknowledged or refused for good: it settles the latter, so that
     *     only the former are retried
     * @throws IOException if no record was settled and at least one failed transiently or was not
     *     answered in time: the whole batch is retried
     * @throws InterruptedException if the publisher thread is interrupted while waiting
     * @throws IllegalStateException if the sink is closed (it does not make a new producer then)
     */
    @Override
    public Outcome publish(List<Envelope> batch) throws IOException, PartialPublishException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("the Kafka sink for " + settings.bootstrapServers() + " is closed");
        }
        brokerReturn.publishing(Thread.currentThread());
        if (producer == null) {
            producer = settings.newProducer(brokerReturn);
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
        if (tally.unsettledCount() == 0) {
            return refusals(tally);
        }
        brokerReturn.failed(producer);
        if (tally.settledCount() == 0) {
            throw new IOException(unavailable(tally, batch.size()), tally.firstTransient());
        }
        throw new PartialPublishException(partly(tally, batch.size()), tally.firstTransient(), tally.settled(),
                refusals(tally));
    }

    /** The settled records refused for good: too large, and refused by the brokers ({@code failed}). */
    private static Outcome refusals(Deliveries.Tally tally) {
        if (tally.tooLarge() == 0 && tally.refused() == 0) {
            return Outcome.ALL_PUBLISHED;
        }
        return new Outcome(tally.tooLarge(), tally.refused(), describe(tally.firstRefusal()));
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
        Exception first = tally.firstTransient();
        String where = "Kafka at " + settings.bootstrapServers();
        if (first == null) {
            return "no acknowledgement from " + where + " for any of " + size + " records within "
                    + seconds(settings.deliveryTimeout().plusNanos(WAIT_MARGIN_NANOS));
        }
        if (isMetadataTimeout(first)) {
            return "cannot reach " + where + " within " + seconds(settings.maxBlock())
                    + " (max.block.ms), or the topic does not exist there and is not created automatically: "
                    + first.getMessage();
        }
        return where + " took none of " + size + " records: " + describe(first);
    }

    /** The message of a batch of {@code size} records that was settled only in part. */
    private String partly(Deliveries.Tally tally, int size) {
        Exception first = tally.firstTransient();
        String why = first == null
                ? tally.unknown() + " not answered within " + seconds(settings.deliveryTimeout().plusNanos(WAIT_MARGIN_NANOS))
                : isMetadataTimeout(first)
                        ? "no metadata within " + seconds(settings.maxBlock()) + " (max.block.ms) for a topic that is"
                                + " unreachable or does not exist: " + first.getMessage()
                        : describe(first);
        return "Kafka at " + settings.bootstrapServers() + " acknowledged " + tally.delivered() + " of " + size
                + " records and refused " + (tally.tooLarge() + tally.refused()) + " for good; the other "
                + tally.unsettledCount() + " are retried: " + why;
    }

    private static boolean isMetadataTimeout(Exception e) {
        return e instanceof TimeoutException && String.valueOf(e.getMessage()).contains("metadata");
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    /**
     * True once a broker answered again after the last {@code publish} failed while the producer
     * had no connection to any broker: the producer reconnected by itself, and the pipeline may
     * end its backoff. The publisher thread is unparked then.
     */
    @Override
    public boolean readyToRetry() {
        return brokerReturn.back();
    }

    /**
     * Closes the producer, waiting at most {@code telltale.kafka.close-timeout} (unset: {@code
     * telltale.flush.timeout}) for records in flight. Idempotent; {@link #publish} throws afterwards.
     */
    @Override
    public void close() {
        closed = true;
        if (producer != null) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            p.close(settings.closeTimeout());
        }
    }
}
