package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engines;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import dev.telltale.spi.Envelope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Probes through a real engine and pipeline, as an application sees them: {@link Telltale} and its backend. */
@Timeout(60)
class ProbesPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    interface Prices {
        long price(String sku, int quantity);
    }

    static int square(int x) {
        return x * x;
    }

    private static final MethodHandle SQUARE;

    static {
        try {
            SQUARE = MethodHandles.lookup().findStatic(ProbesPipelineTest.class, "square",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path dir;

    private final List<Telltale> started = new ArrayList<>();
    private RecordingBackend backend;

    @AfterEach
    void closeAll() {
        started.forEach(Telltale::close);
    }

    private Telltale start(TestInfo test, String... settings) {
        String channel = "probes-" + test.getDisplayName() + "-" + started.size();
        backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
        Telltale.Builder b = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO)
                .flushInterval(Duration.ofMillis(10));
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        Telltale t = b.build();
        started.add(t);
        return t;
    }

    /** The events the backend holds, decoded; the envelope's routing key and key must be the event's. */
    private List<Event> received() {
        List<Event> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            Event event = EventCodec.decode(e.payload(), 0, e.payload().length);
            assertEquals(event.routingKey(), e.routingKey());
            assertEquals(event.source(), e.key());
            assertEquals(event.kind(), e.headers().get(Envelope.KIND_HEADER));
            out.add(event);
        }
        return out;
    }

    private List<Event> received(Predicate<Event> p) {
        return received().stream().filter(p).toList();
    }

    private static Predicate<Event> kind(String kind) {
        return e -> e.kind().equals(kind);
    }

    private static Predicate<Event> instrument(String name) {
        return e -> name.equals(e.field("instrument"));
    }

    private void awaitEvents(Predicate<Event> p, int n) {
        Await.until(() -> received(p).size() >= n, WAIT,
                () -> n + " such events; kinds seen: " + received().stream().map(Event::kind).toList());
    }

    @Test
    void probeEvents_reachTheBackend_routedByProbe_withGapFreeSeqPerProbe(TestInfo test) throws Throwable {
        Telltale telltale = start(test);
        Probes probes = Probes.of(telltale);
        assertSame(probes, telltale.probes());
        Prices prices = probes.proxy(Prices.class, (sku, quantity) -> 10L * quantity);
        MethodHandle square = probes.handle("square", SQUARE);

        Probe onProxy = probes.attach(Target.method(Prices.class, "price"));
        onProxy.add(InstrumentSpec.log("priced", "args[0]").rateLimit(0).build());
        onProxy.add(InstrumentSpec.counter("calls").build());
        Probe onHandle = probes.attach(Target.handle("square"));
        onHandle.add(InstrumentSpec.log("squared", "result").event(ProbeEvent.RETURN).rateLimit(0).build());
        for (int i = 0; i < 20; i++) {
            assertEquals(10L * i, prices.price("sku-" + i, i));
            assertEquals(i * i, (int) square.invokeExact(i));
        }
        onProxy.stop();
        onProxy.start();
        assertTrue(onProxy.remove("priced"));
        onProxy.detach();
        onHandle.detach();
        assertTrue(telltale.flush(WAIT));

        List<Event> events = received(e -> e.routingKey().equals("telltale.probe"));
        Map<String, List<Event>> bySource = events.stream().collect(Collectors.groupingBy(Event::source));
        assertEquals(Set.of(onProxy.id(), onHandle.id()), bySource.keySet());
        for (Map.Entry<String, List<Event>> e : bySource.entrySet()) {
            List<Long> seqs = e.getValue().stream().map(Event::seq).sorted().toList();
            assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs,
                    "seq of " + e.getKey() + " is 1..n without gaps");
            assertTrue(e.getValue().stream().allMatch(ev -> e.getKey().equals(ev.field("probe"))));
        }
        List<Event> proxyEvents = bySource.get(onProxy.id());
        assertEquals(20, proxyEvents.stream().filter(kind("probe.log")).count());
        assertEquals(List.of("probe.attached", "probe.added", "probe.added"), proxyEvents.stream()
                .filter(e -> e.seq() <= 3).sorted((a, b) -> Long.compare(a.seq(), b.seq())).map(Event::kind).toList());
        Event last = proxyEvents.stream().max((a, b) -> Long.compare(a.seq(), b.seq())).orElseThrow();
        assertEquals("probe.detached", last.kind());
        assertEquals("detached", last.field("reason"));
        for (String k : List.of("probe.stopped", "probe.started", "probe.removed", "probe.metric")) {
            assertTrue(proxyEvents.stream().anyMatch(kind(k)), k + " among " + proxyEvents);
        }
        List<Event> handleLogs = bySource.get(onHandle.id()).stream().filter(kind("probe.log")).toList();
        assertEquals(20, handleLogs.size());
        assertEquals(LongStream.range(0, 20).map(i -> i * i).boxed().collect(Collectors.toSet()),
                handleLogs.stream().map(e -> e.field("value")).collect(Collectors.toSet()));
        assertEquals("handle:square", handleLogs.get(0).field("target"));
    }

    @Test
    void close_publishesLastReportsAndDetached_beforeThePipelineCloses(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Prices prices = probes.proxy(Prices.class, (sku, quantity) -> quantity);
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        probe.add(InstrumentSpec.timer("latency").build());
        for (int i = 0; i < 7; i++) {
            prices.price("a", i);
        }
        telltale.close();

        assertFalse(probe.attached());
        List<Event> mine = received(e -> probe.id().equals(e.source()));
        Event calls = mine.stream().filter(kind("probe.metric").and(instrument("calls"))).findFirst()
                .orElseThrow(() -> new AssertionError("no last report of calls in " + mine));
        assertEquals(true, calls.field("last"));
        assertEquals(7L, calls.field("count"));
        assertEquals(7L, calls.field("total"));
        Event latency = mine.stream().filter(kind("probe.metric").and(instrument("latency"))).findFirst()
                .orElseThrow(() -> new AssertionError("no last report of latency in " + mine));
        assertEquals(true, latency.field("last"));
        assertEquals(7L, latency.field("count"));
        assertEquals(2, mine.stream().filter(kind("probe.removed")).count());
        Event last = mine.stream().max((a, b) -> Long.compare(a.seq(), b.seq())).orElseThrow();
        assertEquals("probe.detached", last.kind());
        assertEquals("pipeline closed", last.field("reason"));
        assertEquals(mine.size(), last.seq(), "every event of the probe reached the backend");
        assertEquals(0, telltale.stats().dropped(), telltale.stats().toString());
        assertThrows(IllegalStateException.class, () -> probes.attach(Target.method(Prices.class, "price")));
    }

    @Test
    void reportInterval_100ms_publishesMetricsAtThatCadence(TestInfo test) {
        Telltale telltale = start(test, "telltale.probe.report-interval", "100ms");
        Probes probes = telltale.probes();
        Prices prices = probes.proxy(Prices.class, (sku, quantity) -> quantity);
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        prices.price("a", 1);
        // the default interval, 10 s, would give none within the wait
        awaitEvents(kind("probe.metric").and(e -> !e.fields().containsKey("last")), 2);
        List<Event> metrics = received(kind("probe.metric"));
        assertEquals(1L, metrics.stream().mapToLong(e -> (Long) e.field("count")).sum(),
                "each hit lands in exactly one interval: " + metrics);
        assertTrue(metrics.stream().allMatch(e -> Long.valueOf(1).equals(e.field("total"))), metrics.toString());
    }

    @Test
    void lifespanEnd_expiredAndDetachedFromTheTimerThread_reachTheBackend(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Prices prices = probes.proxy(Prices.class, (sku, quantity) -> quantity);
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("brief").lifespan(Duration.ofMillis(50)).build());
        prices.price("a", 1);
        awaitEvents(kind("probe.detached"), 1);
        Event expired = received(kind("probe.expired")).get(0);
        assertEquals("brief", expired.field("instrument"));
        assertEquals(1L, expired.field("hits"));
        assertTrue(expired.thread().startsWith("telltale-probes-"), expired.thread());
        assertEquals("no instruments left", received(kind("probe.detached")).get(0).field("reason"));
        assertEquals(0, telltale.stats().suppressed(), "no probe event was refused as one of Telltale's own");
    }

    @Test
    void reportInterval_below10ms_refusedInCode_namingKeyAndFloor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Telltale.builder()
                .readEnvironment(false).shutdownHook(false).backend("none")
                .set("telltale.probe.report-interval", "9ms").build());
        assertTrue(e.getMessage().contains("telltale.probe.report-interval"), e.getMessage());
        assertTrue(e.getMessage().contains("10ms"), e.getMessage());
    }

    @Test
    void disabledPipeline_probesAreTheTargets_andAttachFails() {
        try (Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false)
                .set("telltale.enabled", "false").build()) {
            Probes probes = telltale.probes();
            Prices real = (sku, quantity) -> quantity;
            assertSame(real, probes.proxy(Prices.class, real));
            assertSame(SQUARE, probes.handle("square", SQUARE));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> probes.attach(Target.method(Prices.class, "price")));
            assertTrue(e.getMessage().contains("telltale.enabled=false"), e.getMessage());
        }
    }

    @Test
    void jfr_counterAndTimer_commitProbeMetricRecords_timerFiguresAsDurations(TestInfo test) throws Throwable {
        Path file = dir.resolve("probes.jfr");
        String counterProbe;
        String timerProbe;
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.ProbeMetric");
            recording.start();
            Telltale telltale = start(test, "telltale.probe.report-interval", "50ms");
            CoreEngine engine = (CoreEngine) Engines.of(telltale);
            Await.until(engine::jfrReady, WAIT, () -> "JFR's event types registered by the engine's own thread");
            Probes probes = telltale.probes();
            Prices prices = probes.proxy(Prices.class, (sku, quantity) -> {
                long end = System.nanoTime() + 50_000; // a measurable call
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return 3L * quantity;
            });
            MethodHandle square = probes.handle("square", SQUARE);
            Probe counted = probes.attach(Target.handle("square")).add(InstrumentSpec.counter("squares").build());
            Probe timed = probes.attach(Target.method(Prices.class, "price")).add(InstrumentSpec.timer("latency").build());
            counterProbe = counted.id();
            timerProbe = timed.id();
            for (int i = 0; i < 5; i++) {
                assertEquals(i * i, (int) square.invokeExact(i));
                assertEquals(3L * i, prices.price("a", i));
            }
            awaitEvents(kind("probe.metric").and(instrument("squares")), 1);
            telltale.close(); // the last reports go to JFR too
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> records = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.ProbeMetric")).toList();

        List<RecordedEvent> counter = records.stream().filter(e -> counterProbe.equals(e.getString("probe"))).toList();
        assertFalse(counter.isEmpty(), "no ProbeMetric of the counter among " + records);
        for (RecordedEvent e : counter) {
            assertEquals("handle:square", e.getString("target"));
            assertEquals("squares", e.getString("instrument"));
            assertEquals("counter", e.getString("type"));
            assertEquals(Duration.ZERO, e.getDuration("timerMax"), "a counter has no timer figures");
        }
        assertEquals(5, counter.stream().mapToLong(e -> e.getLong("count")).sum(), "each hit in one interval");
        assertEquals(5, counter.stream().mapToLong(e -> e.getLong("total")).max().orElseThrow());

        List<RecordedEvent> timer = records.stream().filter(e -> timerProbe.equals(e.getString("probe"))).toList();
        assertFalse(timer.isEmpty(), "no ProbeMetric of the timer among " + records);
        assertEquals(5, timer.stream().mapToLong(e -> e.getLong("count")).sum());
        for (String field : List.of("timerMin", "timerMean", "timerP50", "timerP99", "timerMax")) {
            assertEquals(Timespan.class.getName(), timer.get(0).getEventType().getField(field).getContentType(), field);
        }
        RecordedEvent busy = timer.stream().filter(e -> e.getLong("count") > 0).findFirst().orElseThrow();
        assertEquals(Target.method(Prices.class, "price").toString(), busy.getString("target"));
        assertEquals("timer", busy.getString("type"));
        Duration min = busy.getDuration("timerMin");
        Duration max = busy.getDuration("timerMax");
        assertTrue(min.compareTo(Duration.ofNanos(45_000)) >= 0, "min " + min + " of calls that spin 50 µs");
        assertTrue(max.compareTo(min) >= 0 && busy.getDuration("timerP50").compareTo(min) >= 0, busy.toString());
        assertEquals(0.0, busy.getDouble("max"), "a timer's figures are in the timer fields");
        Map<String, Long> countsByInstrument = new TreeMap<>();
        records.forEach(e -> countsByInstrument.merge(e.getString("instrument"), e.getLong("count"), Long::sum));
        assertEquals(Map.of("latency", 5L, "squares", 5L), countsByInstrument);
    }
}
