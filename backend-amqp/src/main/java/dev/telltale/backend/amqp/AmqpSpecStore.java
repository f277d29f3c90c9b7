package dev.telltale.backend.amqp;

import dev.telltale.spi.SpecLog;
import java.io.IOException;
import java.util.Map;

/**
 * The probe manager's specs on RabbitMQ: messages to a durable fanout exchange, kept by a durable
 * stream queue bound to it, and read by every process from the stream's first offset, folded by
 * key ({@link StreamLog}). Key {@code spec/<id>} holds a spec's JSON, {@code
 * applied/<id>/<processId>} a process's status for it; a tombstone removes either. A process that
 * starts late reads the whole stream and so gets the current specs and statuses.
 *
 * <p>A stream is not compacted: every message stays until the stream's retention (the {@code
 * max-age} and {@code max-length-bytes} properties; 7 days by default) removes the oldest segments.
 * So this store writes as little as it can: a status equal to the one it last wrote for the same
 * spec and process is not written again. {@link #remove} writes one tombstone for the spec and one
 * for each status reported for it; a status reported after its spec was removed is not listed.
 *
 * <p>The key layout, the folds and the status de-duplication are {@link SpecLog}'s. Thread-safe;
 * every call blocks for at most about the timeout and throws {@link IOException} naming the broker
 * (without its password), the exchange and the stream.
 */
final class AmqpSpecStore extends SpecLog {

    private final StreamLog log;
    private final String address;

    AmqpSpecStore(StreamLog log, String address) {
        this.log = log;
        this.address = address;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public long revision() {
        return log.revision();
    }

    @Override
    protected Map<String, byte[]> current() throws IOException {
        return log.current();
    }

    @Override
    protected void write(String key, byte[] value) throws IOException {
        log.put(key, value);
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public String toString() {
        return address;
    }
}
