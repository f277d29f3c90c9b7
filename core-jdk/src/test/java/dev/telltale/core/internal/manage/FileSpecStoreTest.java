package dev.telltale.core.internal.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import dev.telltale.tool.SpecJson;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpecStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private static String spec(String id) {
        return SpecJson.toJson(ProbeSpec.of(id, Target.handle("h"), InstrumentSpec.counter("n").build(), T0), false);
    }

    @Test
    void missingFile_isEmptyStore_andPutCreatesIt() throws Exception {
        FileSpecStore store = new FileSpecStore(dir.resolve("sub/specs.json"), Duration.ofSeconds(5));
        assertEquals(Map.of(), store.specs());
        store.put("a", spec("a"));
        assertEquals(Map.of("a", spec("a")), store.specs());
        assertTrue(Files.readString(dir.resolve("sub/specs.json")).startsWith("["));
    }

    @Test
    void reportThenRemove_statusesFollowTheSpec_andNewVersionDropsOldStatuses() throws Exception {
        FileSpecStore store = new FileSpecStore(dir.resolve("specs.json"), Duration.ofSeconds(5));
        store.put("a", spec("a"));
        store.report("a", "p1", "{\"status\":\"applied\",\"error\":null,\"at\":\"2026-12-07T10:00:01Z\"}");
        store.report("gone", "p1", "{\"status\":\"applied\",\"error\":null,\"at\":\"2026-12-07T10:00:01Z\"}");
        assertEquals(Map.of("a", Map.of("p1", "{\"status\":\"applied\",\"error\":null,\"at\":\"2026-12-07T10:00:01Z\"}")),
                store.statuses());
        assertEquals(Map.of("a", spec("a")), store.specs()); // applied is not part of the spec's text
        store.put("a", spec("a"));
        assertEquals(Map.of(), store.statuses());
        store.remove("a");
        assertEquals(Map.of(), store.specs());
    }

    @Test
    void revision_changesWhenAnotherWriterChangesTheFile() throws Exception {
        Path file = dir.resolve("specs.json");
        FileSpecStore reader = new FileSpecStore(file, Duration.ofSeconds(5));
        FileSpecStore writer = new FileSpecStore(file, Duration.ofSeconds(5));
        long before = reader.revision();
        writer.put("a", spec("a"));
        long after = reader.revision();
        assertNotEquals(before, after);
        assertEquals(after, reader.revision());
        assertEquals(List.of("a"), List.copyOf(reader.specs().keySet()));
    }

    @Test
    void malformedFile_failsWithPosition_isNotOverwritten_andManagerKeepsLastGoodSpecs() throws Throwable {
        Path file = dir.resolve("specs.json");
        FileSpecStore store = new FileSpecStore(file, Duration.ofSeconds(5));
        FakeEngine engine = new FakeEngine();
        try {
            var handle = engine.probes().handle("h", MethodHandles.identity(int.class));
            store.put("a", spec("a"));
            ProbeManager manager = new ProbeManager(engine, engine.probes(), store, "p", Governance.defaults(),
                    new TestClock(T0), Duration.ofSeconds(5));
            manager.apply();
            assertEquals(Map.of("a", "handle:h"), manager.runningTargets());
            String broken = "[{\"id\": \"a\",, }]";
            Files.writeString(file, broken);
            IOException e = assertThrows(IOException.class, store::specs);
            assertTrue(e.getMessage().contains("line 1, column") && e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            assertThrows(IOException.class, () -> store.put("b", spec("b")));
            assertEquals(broken, Files.readString(file));
            manager.apply();
            assertEquals(1, manager.failures());
            assertEquals(Map.of("a", "handle:h"), manager.runningTargets());
            assertEquals(1, (int) handle.invokeExact(1));
            assertEquals(1L, engine.probes().probe(Target.handle("h")).orElseThrow().instruments().get(0).hits());
        } finally {
            engine.close();
        }
    }

    @Test
    void concurrentStatusWriters_inSeveralStores_loseNothing() throws Exception {
        Path file = dir.resolve("specs.json");
        new FileSpecStore(file, Duration.ofSeconds(5)).put("a", spec("a"));
        int writers = 4;
        int reports = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String process = "p" + w;
                FileSpecStore own = new FileSpecStore(file, Duration.ofSeconds(20)); // as another process would
                done.add(pool.submit(() -> {
                    for (int i = 0; i < reports; i++) {
                        own.report("a", process + "-" + i, "{\"status\":\"applied\",\"error\":null,\"at\":\"2026-12-07T10:00:01Z\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers * reports, new FileSpecStore(file, Duration.ofSeconds(5)).statuses().get("a").size());
    }

    @Test
    void provider_opensByAddress_andRefusesUnknownScheme() throws Exception {
        var options = dev.telltale.spi.SpecStoreOptions.of(Duration.ofSeconds(1));
        assertEquals("file:" + dir.resolve("x.json"), SpecStores.open("file:" + dir.resolve("x.json"), options).address());
        assertEquals("memory:t", SpecStores.open("memory:t", options).address());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecStores.open("nosuch:x", options));
        assertTrue(e.getMessage().contains("no spec store for scheme 'nosuch'") && e.getMessage().contains("file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpecStores.open("specs.json", options));
    }
}
