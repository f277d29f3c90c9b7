package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.Telltale;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The public API, wired to the core through ServiceLoader as an application sees it. */
@Timeout(30)
class TelltaleFacadeTest {

    private static Telltale.Builder builder(String channel) {
        return Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO);
    }

    @Test
    void emitter_stampsEvents_withSequenceAndHeaders() {
        RecordingBackend backend = MemoryBackend.register("facade-1", new RecordingBackend("memory"));
        try (Telltale telltale = builder("facade-1").build()) {
            Emitter emitter = telltale.emitter("shop.orders", "checkout-1", Map.of("tenant", "acme"));
            emitter.emit("order.placed", Map.of("id", 1));
            emitter.emit(null, null);
            assertEquals(2, emitter.lastSeq());
            assertTrue(telltale.flush(Duration.ofSeconds(10)));
            assertEquals(2, backend.receivedCount());
            var first = backend.received().get(0);
            assertEquals("shop.orders", first.routingKey());
            assertEquals(Map.of("tenant", "acme", "telltale-kind", "order.placed"), first.headers());
            String second = new String(backend.received().get(1).payload(), StandardCharsets.UTF_8);
            assertTrue(second.contains("\"kind\":\"event\""), second);
            assertTrue(second.contains("\"seq\":2"), second);
        }
    }

    /** A map whose entries cannot be read, as when another thread modifies a HashMap meanwhile. */
    private static final class BrokenMap extends java.util.AbstractMap<String, Object> {
        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            throw new java.util.ConcurrentModificationException("modified meanwhile");
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    @Test
    void unreadableFieldsAndValues_neverLoseTheEvent_norThrow() {
        RecordingBackend backend = MemoryBackend.register("facade-broken", new RecordingBackend("memory"));
        java.util.List<Object> badSize = new java.util.ArrayList<>(java.util.List.of(1)) {
            @Override
            public int size() {
                throw new IllegalStateException("no session");
            }
        };
        CharSequence badLength = new CharSequence() {
            @Override
            public int length() {
                throw new IllegalStateException("no length");
            }

            @Override
            public char charAt(int index) {
                throw new IllegalStateException("no chars");
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                throw new IllegalStateException("no chars");
            }

            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        try (Telltale telltale = builder("facade-broken").build()) {
            Emitter emitter = telltale.emitter("shop.orders");
            emitter.emit("broken.map", new BrokenMap());
            emitter.emit("broken.size", Map.of("items", badSize));
            emitter.emit("broken.length", Map.of("name", badLength));
            assertTrue(telltale.flush(Duration.ofSeconds(10)));
            assertEquals(3, telltale.stats().offered());
            assertEquals(3, telltale.stats().published());
            java.util.List<String> out = backend.receivedText();
            assertEquals(3, out.size(), out.toString());
            assertTrue(out.get(0).contains("\"$error\":\"the fields could not be read: "
                    + "java.util.ConcurrentModificationException: modified meanwhile\""), out.get(0));
            assertTrue(out.get(1).contains("\"kind\":\"broken.size\""), out.get(1));
            assertTrue(out.get(2).contains("\"kind\":\"broken.length\""), out.get(2));
        }
    }

    @Test
    void emitter_withoutSource_getsARandomUuid() {
        MemoryBackend.register("facade-2", new RecordingBackend("memory"));
        try (Telltale telltale = builder("facade-2").build()) {
            String a = telltale.emitter("x").source();
            String b = telltale.emitter("x").source();
            assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a);
            assertNotEquals(a, b, "each emitter gets a source of its own");
        }
    }

    @Test
    void builder_unknownKey_failsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder("facade-3").set("telltale.flush.intervall", "1s").build());
        assertTrue(e.getMessage().contains("telltale.flush.intervall") && e.getMessage().contains("did you mean"),
                e.getMessage());
    }

    @Test
    void builder_unknownBackend_failsListingTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Telltale.builder().readEnvironment(false).shutdownHook(false).backend("kafak").build());
        assertTrue(e.getMessage().contains("unknown backend 'kafak'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: memory, or none for JFR only"), e.getMessage());
    }

    @Test
    void builder_malformedValue_failsNamingKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder("facade-4").set("telltale.queue.max-bytes", "lots").build());
        assertTrue(e.getMessage().contains("telltale.queue.max-bytes (set in code): 'lots' is not a size"),
                e.getMessage());
    }

    @Test
    void backendNone_isJfrOnly() {
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none").build()) {
            telltale.emitter("x").emit("k", Map.of());
            assertEquals("none", telltale.stats().backend());
        }
    }

    @Test
    void disabled_discardsEverything() {
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false)
                .set("telltale.enabled", "false").build()) {
            telltale.emitter("x").emit("k", Map.of());
            assertEquals(0, telltale.stats().offered());
        }
    }
}
