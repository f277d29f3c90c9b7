package dev.telltale.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.spi.Backend;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory backend through a real pipeline: its bound, its keys, its registration. */
class MemoryBackendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryStore store = MemoryStore.named("backend-test-" + UUID.randomUUID());
    private Telltale telltale;

    @AfterEach
    void close() {
        if (telltale != null) {
            telltale.close();
        }
        MemoryStore.release(store);
    }

    private Telltale pipeline(Map<String, String> settings) {
        Telltale.Builder builder = Telltale.builder().readEnvironment(false).shutdownHook(false)
                .healthInterval(Duration.ZERO).backend("memory").set("telltale.memory.store", store.name());
        settings.forEach(builder::set);
        telltale = builder.build();
        return telltale;
    }

    @Test
    void capacity_exceeded_keepsTheNewestAndCountsTheRest() {
        Emitter e = pipeline(Map.of("telltale.memory.capacity", "3")).emitter("bound");
        for (int i = 1; i <= 5; i++) {
            e.emit("n", Map.of("i", i));
        }
        assertTrue(telltale.flush(WAIT));

        assertEquals(List.of(3L, 4L, 5L), store.events().stream().map(ev -> ev.field("i")).toList());
        assertEquals(2, store.evicted());
        assertEquals(5, store.added());
        assertEquals(3, store.capacity());
        assertEquals(5, telltale.stats().published(), "evicted events were published");
    }

    @Test
    void capacity_default_isAHundredThousand() {
        pipeline(Map.of()).emitter("bound").emit("n", Map.of());
        assertTrue(telltale.flush(WAIT));

        assertEquals(100_000, store.capacity());
        assertEquals("100000", MemoryBackend.CAPACITY.defaultValue());
    }

    @Test
    void capacity_outOfRange_isRefusedNamingTheKeyAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipeline(Map.of("telltale.memory.capacity", "0")));

        assertTrue(e.getMessage().contains("telltale.memory.capacity"), e.getMessage());
        assertTrue(e.getMessage().contains("from 1 to 1073741824"), e.getMessage());
    }

    @Test
    void events_publishedThroughThePipeline_areDecodedAsEmitted() {
        Emitter e = pipeline(Map.of()).emitter("shop.orders", "src-1", Map.of("tenant", "acme"));
        e.emit("order.placed", Map.of("id", 1, "ok", true));
        assertTrue(telltale.flush(WAIT));

        Event event = store.events().get(0);
        assertEquals("order.placed", event.kind());
        assertEquals("src-1", event.source());
        assertEquals(Map.of("tenant", "acme"), event.headers());
        assertEquals(Map.of("id", 1L, "ok", true), event.fields());
    }

    @Test
    void defaultBackend_fileAndMemoryPresent_isFile(@TempDir Path dir) {
        try (Telltale unchosen = Telltale.builder().readEnvironment(false).shutdownHook(false)
                .set("telltale.file.path", dir.resolve("events.jsonl").toString()).build()) {
            unchosen.emitter("x").emit("x", Map.of());
            assertTrue(unchosen.flush(WAIT));

            assertEquals("file", unchosen.stats().backend());
        }
    }

    @Test
    void openSource_always_throwsSayingWhereEventsAreRead() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new MemoryBackend().openSource(null, Subscription.all()));

        assertTrue(e.getMessage().contains("TelltaleRecorder.events()"), e.getMessage());
    }

    @Test
    void serviceLoader_onTheClassPath_findsTheMemoryBackend() {
        Set<String> names = ServiceLoader.load(Backend.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());

        assertTrue(names.contains("memory"), names.toString());
        assertTrue(names.contains("file"), names.toString());
    }

    @Test
    void moduleDescriptor_providesTheBackendAndExportsOnlyThePublicPackage() throws Exception {
        Path classes = Path.of(MemoryBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new AssertionError("no module-info.class in " + classes, e);
        }

        assertEquals("dev.telltale.junit", module.name());
        assertEquals(Set.of("dev.telltale.junit"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        ModuleDescriptor.Provides provides = module.provides().iterator().next();
        assertEquals(1, module.provides().size());
        assertEquals(Backend.class.getName(), provides.service());
        assertEquals(List.of(MemoryBackend.class.getName()), provides.providers());
    }

    @Test
    void keys_allUnderTheBackendsPrefix() {
        MemoryBackend backend = new MemoryBackend();

        assertEquals("memory", backend.name());
        assertEquals(List.of("telltale.memory.store", "telltale.memory.capacity"),
                backend.keys().stream().map(k -> k.name()).toList());
        assertEquals(List.of(), backend.subscriptionOptions());
        assertInstanceOf(MemoryBackend.class, ServiceLoader.load(Backend.class).stream()
                .map(ServiceLoader.Provider::get).filter(b -> b.name().equals("memory")).findFirst().orElseThrow());
    }
}
