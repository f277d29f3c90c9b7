package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.spi.Envelope;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import dev.telltale.trace.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Finished spans through a real engine: {@code span} events, JFR {@code dev.telltale.Span}, configuration. */
@Timeout(60)
class TracingPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    @TempDir
    Path dir;

    private RecordingBackend backend;
    private Telltale telltale;

    private Telltale start(String... settings) {
        String channel = "tracing-" + CHANNELS.incrementAndGet();
        backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
        Telltale.Builder b = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO);
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        telltale = b.build();
        return telltale;
    }

    @AfterEach
    void stop() {
        if (telltale != null) {
            telltale.close();
        }
    }

    private List<Event> events(String kind) {
        assertTrue(telltale.flush(WAIT));
        List<Event> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            Event event = EventCodec.decode(e.payload(), 0, e.payload().length);
            if (event.kind().equals(kind)) {
                out.add(event);
            }
        }
        return out;
    }

    @Test
    void finishedSpans_areSpanEvents_withIdsNameKindDurationTagsAndError() {
        Tracer tracer = Tracing.of(start("telltale.trace.service", "orders")).tracer();
        SpanContext root;
        SpanContext child;
        try (Span span = tracer.span("GET /orders", SpanKind.SERVER)) {
            root = span.context();
            try (Span db = tracer.span("query-db")) {
                child = db.context();
                db.tag("rows", 3).annotate("cache miss").remote("postgres", "127.0.0.1", 5432);
                db.error(new IllegalStateException("timeout"));
            }
        }
        List<Event> spans = events("span");
        assertEquals(2, spans.size());
        Event db = spans.get(0);
        assertEquals("telltale.trace", db.routingKey());
        assertEquals("orders", db.source());
        assertEquals(1, db.seq());
        assertEquals(2, spans.get(1).seq());
        Map<String, Object> f = db.fields();
        assertEquals(child.traceIdHex(), f.get("traceId"));
        assertEquals(child.spanIdHex(), f.get("spanId"));
        assertEquals(root.spanIdHex(), f.get("parentId"));
        assertEquals("query-db", f.get("name"));
        assertEquals("LOCAL", f.get("kind"));
        assertEquals("orders", f.get("service"));
        assertEquals(Map.of("rows", "3"), f.get("tags"));
        assertEquals("java.lang.IllegalStateException: timeout", f.get("error"));
        assertEquals(Map.of("serviceName", "postgres", "ip", "127.0.0.1", "port", 5432L), f.get("remote"));
        assertEquals("cache miss", ((Map<?, ?>) ((List<?>) f.get("annotations")).get(0)).get("value"));
        assertTrue(((Number) f.get("durationNanos")).longValue() >= 0);
        assertTrue(((Number) f.get("startMicros")).longValue() > 1_600_000_000_000_000L);
        Map<String, Object> server = spans.get(1).fields();
        assertEquals("SERVER", server.get("kind"));
        assertFalse(server.containsKey("parentId"), "a root has no parentId");
        assertFalse(server.containsKey("error"));
    }

    @Test
    void unsampledSpans_sendNothing() {
        Tracer tracer = Tracing.of(start("telltale.trace.sampler", "never")).tracer("quiet");
        try (Span span = tracer.span("x")) {
            span.tag("k", "v");
        }
        assertEquals(List.of(), events("span"));
    }

    @Test
    void traceEventsFalse_keepsSpansOutOfThePipeline() {
        Tracer tracer = Tracing.of(start("telltale.trace.events", "false")).tracer("quiet");
        tracer.span("x").close();
        assertEquals(List.of(), events("span"));
    }

    @Test
    void contextBornInsideASpan_carriesItsIds_andTheSpanNamesTheContext() {
        Telltale t = start();
        Tracer tracer = Tracing.of(t).tracer("shop");
        SpanContext ids;
        String contextId;
        try (Span span = tracer.span("checkout")) {
            ids = span.context();
            try (Context ctx = Context.builder().telltale(t).name("shop.cart").fields(Map.of("items", 2)).start()) {
                contextId = ctx.id();
            }
        }
        Event born = events("context.born").get(0);
        assertEquals(ids.traceIdHex(), born.fields().get("traceId"));
        assertEquals(ids.spanIdHex(), born.fields().get("spanId"));
        assertEquals(2L, ((Number) born.fields().get("items")).longValue());
        Event span = events("span").get(0);
        assertEquals(Map.of("context.shop.cart", contextId), span.fields().get("tags"));
    }

    @Test
    void contextBornOutsideAnySpan_hasNoTraceFields() {
        Telltale t = start();
        try (Context ctx = Context.builder().telltale(t).name("plain").start()) {
            assertTrue(ctx.id().length() > 0);
        }
        Event born = events("context.born").get(0);
        assertNull(born.fields().get("traceId"));
    }

    @Test
    void badSamplerInCode_failsTheBuild_namingTheKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start("telltale.trace.sampler", "sometimes"));
        assertTrue(e.getMessage().contains("telltale.trace.sampler") && e.getMessage().contains("sometimes"), e.getMessage());
        telltale = null;
    }

    @Test
    void badSamplerFromTheEnvironment_isReported_andEveryTraceSampled() {
        String key = "telltale.trace.sampler";
        String old = System.getProperty(key);
        System.setProperty(key, "rate:many");
        try (LogCapture log = new LogCapture()) {
            String channel = "tracing-" + CHANNELS.incrementAndGet();
            backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
            telltale = Telltale.builder().readEnvironment(true).shutdownHook(false).backend("memory")
                    .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO).build();
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("telltale.trace.sampler")
                    && m.contains("rate:many")), log.all().toString());
            try (Span span = Tracing.of(telltale).tracer("svc").span("x")) {
                assertTrue(span.isRecording());
            }
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void jfrRecording_holdsASpanEvent_withIdsAndTheEndingThread() throws Exception {
        Path file = dir.resolve("spans.jfr");
        SpanContext ids;
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.Span");
            recording.start();
            Tracer tracer = Tracing.of(start("telltale.backend", "memory")).tracer("jfr-svc");
            waitForJfr(tracer);
            try (Span parent = tracer.span("parent"); Span span = tracer.span("in-jfr")) {
                ids = span.context();
                span.error(new RuntimeException("boom"));
            }
            recording.stop();
            recording.dump(file);
        }
        RecordedEvent e = RecordingFile.readAllEvents(file).stream()
                .filter(r -> r.getEventType().getName().equals("dev.telltale.Span"))
                .filter(r -> "in-jfr".equals(r.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no dev.telltale.Span in-jfr"));
        assertEquals(ids.traceIdHex(), e.getString("traceId"));
        assertEquals(ids.spanIdHex(), e.getString("spanId"));
        assertEquals(SpanContext.hex(ids.parentId()), e.getString("parentId"));
        assertEquals("LOCAL", e.getString("kind"));
        assertEquals("jfr-svc", e.getString("service"));
        assertEquals("java.lang.RuntimeException: boom", e.getString("error"));
        assertEquals(Thread.currentThread().getName(), e.getThread().getJavaName());
        assertFalse(e.getDuration().isNegative());
        // the span event reuses the JFR record's id texts: still this span's ids
        Map<String, Object> f = events("span").stream().filter(ev -> "in-jfr".equals(ev.fields().get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no span event in-jfr")).fields();
        assertEquals(ids.traceIdHex(), f.get("traceId"));
        assertEquals(ids.spanIdHex(), f.get("spanId"));
        assertEquals(SpanContext.hex(ids.parentId()), f.get("parentId"));
    }

    @Test
    void noRecording_noJfrSpanBegun() {
        Tracer tracer = Tracing.of(start()).tracer("svc");
        try (Span span = tracer.span("x")) {
            assertEquals(null, jfrOf(span));
        }
    }

    /** Until the engine's JFR set-up has run, spans begin no JFR event; wait for it (bounded). */
    private static void waitForJfr(Tracer tracer) {
        Await.until(() -> {
            try (Span probe = tracer.spanBuilder("jfr-probe").startDetached()) {
                return jfrOf(probe) != null;
            }
        }, WAIT, () -> "JFR set up, so that spans begin a dev.telltale.Span");
    }

    private static Object jfrOf(Span span) {
        try {
            java.lang.reflect.Field f = span.getClass().getDeclaredField("jfr");
            f.setAccessible(true);
            return f.get(span);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
