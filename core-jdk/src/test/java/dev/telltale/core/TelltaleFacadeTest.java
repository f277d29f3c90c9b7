package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void emitter_withoutSource_getsARandomUuid() {
        MemoryBackend.register("facade-2", new RecordingBackend("memory"));
        try (Telltale telltale = builder("facade-2").build()) {
            String a = telltale.emitter("x").source();
            String b = telltale.emitter("x").source();
            assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a);
            assertTrue(!a.equals(b));
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
