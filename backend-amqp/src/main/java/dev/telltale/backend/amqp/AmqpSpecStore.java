package dev.telltale.backend.amqp;

import dev.telltale.spi.SpecStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * <p>Thread-safe; every call blocks for at most about the timeout and throws {@link IOException}
 * naming the broker (without its password), the exchange and the stream.
 */
final class AmqpSpecStore implements SpecStore {

    private final StreamLog log;
    private final String address;
    private final Map<String, String> lastReported = new LinkedHashMap<>();

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
    public Map<String, String> specs() throws IOException {
        return SpecKeys.specs(text());
    }

    @Override
    public Map<String, Map<String, String>> statuses() throws IOException {
        return SpecKeys.statuses(text());
    }

    private Map<String, String> text() throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        log.current().forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    @Override
    public void put(String id, String json) throws IOException {
        log.put(SpecKeys.spec(id), json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void remove(String id) throws IOException {
        String prefix = SpecKeys.applied(id, "");
        for (String key : log.current().keySet()) {
            if (key.startsWith(prefix)) {
                log.put(key, null);
            }
        }
        log.put(SpecKeys.spec(id), null);
        synchronized (lastReported) {
            lastReported.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    @Override
    public void report(String specId, String processId, String json) throws IOException {
        String key = SpecKeys.applied(specId, processId);
        synchronized (lastReported) {
            if (json.equals(lastReported.get(key))) {
                return;
            }
        }
        log.put(key, json.getBytes(StandardCharsets.UTF_8));
        synchronized (lastReported) {
            lastReported.put(key, json);
        }
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
