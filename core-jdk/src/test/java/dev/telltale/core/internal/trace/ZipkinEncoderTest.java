package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZipkinEncoderTest {

    private final ZipkinEncoder encoder = new ZipkinEncoder(16384, 64 << 10);

    private Map<String, Object> encode(FinishedSpan span) {
        ZipkinEncoder.Batch batch = new ZipkinEncoder.Batch(256);
        int size = encoder.encode(span);
        assertTrue(size > 0, "encoded");
        encoder.appendTo(batch);
        batch.finish();
        List<?> list = (List<?>) JsonReader.parse(batch.bytes(), 0, batch.size());
        assertEquals(1, list.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) list.get(0);
        return map;
    }

    @Test
    void clientSpan_everyField_mappedAsZipkinV2() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("http.method", "GET");
        tags.put("rows", "12");
        FinishedSpan span = new FinishedSpan(
                new SpanContext(0x463ac35c9f6413adL, 0x48485a3953bb6124L, 0xa2fb4a1d1a96d312L, 0x1L, 3, "k=v"),
                "GET /orders", SpanKind.CLIENT, "orders", new FinishedSpan.Endpoint("db", "10.0.0.1", 5432),
                1_700_000_000_123_456L, 2_500_400L, tags,
                List.of(new FinishedSpan.Annotation(1_700_000_000_123_500L, "retry")), "java.io.IOException: reset");

        Map<String, Object> json = encode(span);

        assertEquals("463ac35c9f6413ad48485a3953bb6124", json.get("traceId"));
        assertEquals("a2fb4a1d1a96d312", json.get("id"));
        assertEquals("0000000000000001", json.get("parentId"));
        assertEquals("CLIENT", json.get("kind"));
        assertEquals("GET /orders", json.get("name"));
        assertEquals(1_700_000_000_123_456L, ((Number) json.get("timestamp")).longValue());
        assertEquals(2_500L, ((Number) json.get("duration")).longValue());
        assertEquals(Map.of("serviceName", "orders"), json.get("localEndpoint"));
        Map<?, ?> remote = (Map<?, ?>) json.get("remoteEndpoint");
        assertEquals("db", remote.get("serviceName"));
        assertEquals("10.0.0.1", remote.get("ipv4"));
        assertEquals(5432L, ((Number) remote.get("port")).longValue());
        List<?> annotations = (List<?>) json.get("annotations");
        assertEquals(1, annotations.size());
        Map<?, ?> a = (Map<?, ?>) annotations.get(0);
        assertEquals(1_700_000_000_123_500L, ((Number) a.get("timestamp")).longValue());
        assertEquals("retry", a.get("value"));
        assertEquals(Map.of("http.method", "GET", "rows", "12", "error", "java.io.IOException: reset"),
                json.get("tags"));
    }

    @Test
    void localRootSpan_64BitTraceId_noKindNoParentNoRemote() {
        FinishedSpan span = new FinishedSpan(new SpanContext(0, 0xabcL, 0x1fL, 0, 1, ""), "work", SpanKind.LOCAL,
                "svc", null, 10, 1_000, Map.of(), List.of(), null);

        Map<String, Object> json = encode(span);

        assertEquals("0000000000000abc", json.get("traceId"));
        assertEquals("000000000000001f", json.get("id"));
        assertFalse(json.containsKey("parentId"));
        assertFalse(json.containsKey("kind"));
        assertFalse(json.containsKey("remoteEndpoint"));
        assertFalse(json.containsKey("annotations"));
        assertFalse(json.containsKey("tags"));
    }

    @Test
    void eachKind_butLocal_writtenByName() {
        for (SpanKind kind : SpanKind.values()) {
            FinishedSpan span = new FinishedSpan(new SpanContext(0, 1, 1, 0, 1, ""), "k", kind, "svc", null, 10,
                    1_000, Map.of(), List.of(), null);
            Object written = encode(span).get("kind");
            assertEquals(kind == SpanKind.LOCAL ? null : kind.name(), written, kind.name());
        }
    }

    @Test
    void errorTag_alreadySet_keptOverTheError() {
        FinishedSpan span = new FinishedSpan(new SpanContext(0, 1, 1, 0, 1, ""), "k", SpanKind.SERVER, "svc", null,
                10, 1_000, Map.of("error", "503"), List.of(), "java.lang.IllegalStateException: x");

        assertEquals(Map.of("error", "503"), encode(span).get("tags"));
    }

    @Test
    void duration_underOneMicrosecond_writtenAsOne_andRoundedOtherwise() {
        assertEquals(1, ZipkinEncoder.durationMicros(0));
        assertEquals(1, ZipkinEncoder.durationMicros(499));
        assertEquals(1, ZipkinEncoder.durationMicros(1_499));
        assertEquals(2, ZipkinEncoder.durationMicros(1_500));
        assertEquals(1_000_000, ZipkinEncoder.durationMicros(999_999_999));
    }

    @Test
    void remoteAddress_ipv6OrNeither_writtenByItsForm() {
        FinishedSpan v6 = new FinishedSpan(new SpanContext(0, 1, 1, 0, 1, ""), "k", SpanKind.CLIENT, "svc",
                new FinishedSpan.Endpoint(null, "2001:db8::1", 0), 10, 1_000, Map.of(), List.of(), null);
        assertEquals(Map.of("ipv6", "2001:db8::1"), encode(v6).get("remoteEndpoint"));

        FinishedSpan name = new FinishedSpan(new SpanContext(0, 1, 1, 0, 1, ""), "k", SpanKind.CLIENT, "svc",
                new FinishedSpan.Endpoint("db", "db.example.com", 70000), 10, 1_000, Map.of(), List.of(), null);
        assertEquals(Map.of("serviceName", "db"), encode(name).get("remoteEndpoint"));
    }

    @Test
    void ipv4_malformedForms_refused() {
        assertTrue(ZipkinEncoder.isIpv4("127.0.0.1"));
        assertTrue(ZipkinEncoder.isIpv4("255.255.255.255"));
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.", "a.b.c.d",
                "1.2.3.4 ", "0001.2.3.4"}) {
            assertFalse(ZipkinEncoder.isIpv4(bad), bad);
        }
        assertTrue(ZipkinEncoder.isIpv6("::1"));
        assertFalse(ZipkinEncoder.isIpv6("1:2:3:4:5:6:7:8:9"));
        assertFalse(ZipkinEncoder.isIpv6("fe80::1%eth0"));
    }

    @Test
    void longTagValue_cutWithTheCoresMarker() {
        ZipkinEncoder small = new ZipkinEncoder(100, 64 << 10);
        assertTrue(small.encode(Spans.withTag(1, 1_000)) > 0);
        ZipkinEncoder.Batch batch = new ZipkinEncoder.Batch(256);
        small.appendTo(batch);
        batch.finish();
        Map<?, ?> span = (Map<?, ?>) ((List<?>) JsonReader.parse(batch.bytes(), 0, batch.size())).get(0);
        String value = (String) ((Map<?, ?>) span.get("tags")).get("big");
        assertEquals("x".repeat(100) + "…[+900 chars]", value);
    }

    @Test
    void spanLargerThanTheBound_refused() {
        ZipkinEncoder bounded = new ZipkinEncoder(16384, 4096);
        assertEquals(-1, bounded.encode(Spans.withTags(1, 10, 1_000)));
        assertTrue(bounded.encode(Spans.withTags(2, 2, 1_000)) > 0);
    }

    @Test
    void batch_ofSeveralSpans_isOneJsonList() {
        ZipkinEncoder.Batch batch = new ZipkinEncoder.Batch(16);
        for (int i = 1; i <= 3; i++) {
            encoder.encode(Spans.span(i));
            encoder.appendTo(batch);
        }
        batch.finish();
        List<?> list = (List<?>) JsonReader.parse(batch.bytes(), 0, batch.size());
        assertEquals(3, list.size());
        assertEquals(3, batch.spans());
        assertEquals("op-3", ((Map<?, ?>) list.get(2)).get("name"));
        batch.clear();
        assertEquals(0, batch.size());
        assertEquals(0, batch.spans());
    }
}
