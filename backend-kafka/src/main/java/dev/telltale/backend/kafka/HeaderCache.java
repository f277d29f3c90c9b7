package dev.telltale.backend.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Kafka headers made once and shared by every record that carries the same name and value: an
 * application has a handful of kinds, routing keys and header values, and the producer only reads
 * headers. Holds at most {@value #LIMIT} headers; beyond that, new ones are made per record. Not
 * thread-safe: the sink's publisher thread alone uses it.
 */
final class HeaderCache {

    static final int LIMIT = 4096;

    private final Map<String, Map<String, Header>> byName = new HashMap<>();
    private int size;

    /** The header {@code name: value}, UTF-8. */
    Header get(String name, String value) {
        Map<String, Header> byValue = byName.get(name);
        Header header = byValue == null ? null : byValue.get(value);
        if (header != null) {
            return header;
        }
        header = new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
        if (size < LIMIT) {
            byName.computeIfAbsent(name, n -> new HashMap<>()).put(value, header);
            size++;
        }
        return header;
    }
}
