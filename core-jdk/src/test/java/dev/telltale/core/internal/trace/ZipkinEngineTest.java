package dev.telltale.core.internal.trace;

import static dev.telltale.core.internal.trace.FakeZipkin.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.Backends;
import dev.telltale.core.CoreEngine;
import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Schema;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanKind;
import dev.telltale.trace.Tracer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reporter plugged into an engine through {@link SpanSinks}, configured by its keys. */
class ZipkinEngineTest {

    private FakeZipkin zipkin;
    private final RecordingBackend backend = new RecordingBackend();
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        zipkin = new FakeZipkin();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        zipkin.close();
    }

    private Engine engine(String... settings) {
        Map<String, String> map = new HashMap<>();
        map.put("telltale.health.interval", "0");
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        engine = CoreEngine.start(map, false, false, Backends.of(List.of(backend), m -> { }));
        return engine;
    }

    @Test
    void zipkinUrl_set_finishedSpansReachZipkin() throws Exception {
        engine("telltale.trace.zipkin.url", zipkin.url().toString(), "telltale.trace.zipkin.interval", "10ms");
        Tracer tracer = engine.tracing().tracer("orders", null);
        String traceId;
        try (Span server = tracer.span("get /orders", SpanKind.SERVER)) {
            traceId = server.context().traceIdHex();
            try (Span child = tracer.span("query-db")) {
                child.tag("rows", 12);
            }
        }

        assertTrue(await(() -> zipkin.spans().size() == 2), () -> zipkin.spans().toString());
        Map<String, Object> child = zipkin.spans().get(0);
        Map<String, Object> server = zipkin.spans().get(1);
        assertEquals("query-db", child.get("name"));
        assertEquals(Map.of("rows", "12"), child.get("tags"));
        assertEquals(server.get("id"), child.get("parentId"));
        assertEquals(traceId, server.get("traceId"));
        assertEquals("SERVER", server.get("kind"));
        assertEquals(Map.of("serviceName", "orders"), server.get("localEndpoint"));
    }

    @Test
    void engine_zipkinHealthEvents_publishedThroughItsPipeline() throws Exception {
        engine("telltale.trace.zipkin.url", zipkin.url().toString(), "telltale.trace.zipkin.interval", "10ms",
                "telltale.health.interval", "50ms", "telltale.flush.interval", "10ms");
        engine.tracing().tracer("orders", null).span("op").close();

        assertTrue(await(() -> backend.receivedText().stream()
                .anyMatch(t -> t.contains("\"telltale.health\"") && t.contains("\"backend\":\"zipkin\"")
                        && t.contains("\"published\":1") && t.contains("\"source\":\"zipkin-"))),
                () -> backend.receivedText().toString());
    }

    @Test
    void engineClose_sendsWhatIsQueued() {
        engine("telltale.trace.zipkin.url", zipkin.url().toString(), "telltale.trace.zipkin.interval", "1h");
        Tracer tracer = engine.tracing().tracer("orders", null);
        for (int i = 0; i < 3; i++) {
            tracer.span("op").close();
        }

        engine.close();

        assertEquals(3, zipkin.spans().size());
    }

    @Test
    void noUrl_noZipkinSink() {
        Config config = Config.defaults(new Schema(CoreKeys.ALL, List.of(), Set.of()));
        assertNull(ZipkinSink.fromConfig(config));
    }

    @Test
    void badUrlInCode_refusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine("telltale.trace.zipkin.url", "localhost:9411"));
        assertTrue(e.getMessage().contains("telltale.trace.zipkin.url"), e.getMessage());
    }

    @Test
    void attachedReporter_healthEventsGoThroughThePipeline() throws Exception {
        Engine e = engine("telltale.flush.interval", "10ms");
        FinishedSpanSource spans = new FinishedSpanSource();
        Map<String, String> map = new HashMap<>();
        map.put("telltale.trace.zipkin.url", zipkin.url().toString());
        map.put("telltale.trace.zipkin.interval", "10ms");
        map.put("telltale.health.interval", "20ms");
        Config config = dev.telltale.core.internal.config.ConfigLoader.load(
                dev.telltale.core.internal.config.Sources.read(map, false, m -> { }),
                new Schema(CoreKeys.ALL, List.of(), Set.of()), m -> { });
        ZipkinSink sink = ZipkinSink.fromConfig(config);
        try {
            sink.attach(e);
            sink.accept(spans.next());

            assertTrue(await(() -> backend.receivedText().stream()
                    .anyMatch(t -> t.contains("\"telltale.health\"") && t.contains("\"backend\":\"zipkin\"")
                            && t.contains("\"published\":1"))), () -> backend.receivedText().toString());
        } finally {
            sink.close();
        }
    }

    /** Finished spans with increasing ids. */
    private static final class FinishedSpanSource {
        private long n;

        dev.telltale.trace.FinishedSpan next() {
            return Spans.span(++n);
        }
    }
}
