package dev.telltale.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorySinkTest {

    private static final String EVENT = "{\"kind\":\"k\",\"routingKey\":\"r\",\"source\":\"s\",\"seq\":%d,"
            + "\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,\"fields\":{}}";

    private final MemoryStore store = MemoryStore.named("sink-test-" + UUID.randomUUID());
    private final MemorySink sink = new MemorySink(store);

    @AfterEach
    void release() {
        MemoryStore.release(store);
    }

    private static Envelope envelope(String json) {
        return new Envelope("r", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publish_validPayloads_storesTheirEventsInOrder() {
        Sink.Outcome outcome = sink.publish(List.of(envelope(EVENT.formatted(1)), envelope(EVENT.formatted(2))));

        assertSame(Sink.Outcome.ALL_PUBLISHED, outcome);
        assertEquals(List.of(1L, 2L), store.events().stream().map(e -> e.seq()).toList());
    }

    @Test
    void publish_undecodablePayload_isRefusedForGoodNamingTheMember() {
        Sink.Outcome outcome = sink.publish(List.of(envelope(EVENT.formatted(1)), envelope("{\"kind\":\"k\"}"),
                envelope("not json")));

        assertEquals(2, outcome.failed());
        assertEquals(0, outcome.tooLarge());
        assertEquals("cannot decode a payload under r: event member \"routingKey\" is missing", outcome.reason());
        assertEquals(1, store.events().size(), "the good one is kept");
    }

    @Test
    void publish_afterClose_throwsAndStoresNothing() {
        sink.close();
        sink.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.publish(List.of(envelope(EVENT.formatted(1)))));

        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertEquals(0, store.added());
    }
}
