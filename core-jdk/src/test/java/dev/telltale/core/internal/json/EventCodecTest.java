package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final Instant TIME = Instant.parse("2026-11-21T23:37:58.123456789Z");

    private final EventCodec codec = new EventCodec(JsonLimits.DEFAULT);

    private static Event event(Map<String, String> headers, Map<String, Object> fields) {
        return Event.builder().kind("probe.hit").routingKey("probe.hit.orders").source("probe-1").seq(1).time(TIME)
                .thread("main").host("h").pid(42).headers(headers).fields(fields).build();
    }

    @Test
    void encode_membersInDocumentedOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("order", "A-1");
        fields.put("amount", 12.5);

        String json = new String(codec.encode(event(Map.of("k", "v"), fields)), StandardCharsets.UTF_8);

        assertEquals("{\"kind\":\"probe.hit\",\"routingKey\":\"probe.hit.orders\",\"source\":\"probe-1\",\"seq\":1,"
                + "\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"main\",\"host\":\"h\",\"pid\":42,"
                + "\"headers\":{\"k\":\"v\"},\"fields\":{\"order\":\"A-1\",\"amount\":12.5}}", json);
    }

    @Test
    void encode_emptyHeadersOmittedEmptyFieldsKept() {
        String json = new String(codec.encode(event(Map.of(), Map.of())), StandardCharsets.UTF_8);

        assertEquals("{\"kind\":\"probe.hit\",\"routingKey\":\"probe.hit.orders\",\"source\":\"probe-1\",\"seq\":1,"
                + "\"time\":\"2026-11-21T23:37:58.123456789Z\",\"thread\":\"main\",\"host\":\"h\",\"pid\":42,"
                + "\"fields\":{}}", json);
    }

    @Test
    void encode_returnsExactSizeIndependentCopies() {
        byte[] first = codec.encode(event(Map.of(), Map.of("n", 1L)));
        byte[] copy = first.clone();

        byte[] second = codec.encode(event(Map.of(), Map.of("n", 22222L)));

        assertArrayEquals(copy, first);
        assertEquals(first.length + 4, second.length);
        assertEquals('}', second[second.length - 1]);
    }

    @Test
    void roundTrip_stringNumberBooleanNullAndNestedFields_equalEvent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("s", "text \"quoted\" \u2028 \uD83D\uDE00");
        fields.put("long", Long.MIN_VALUE);
        fields.put("double", 0.1 + 0.2);
        fields.put("negZero", -0.0);
        fields.put("bool", true);
        fields.put("nothing", null);
        fields.put("nested", Map.of("list", List.of(1L, "two", Map.of())));
        Event original = Event.builder().kind("k").routingKey("a.b").source("src").seq(Long.MAX_VALUE)
                .time(Instant.ofEpochSecond(-1, 999_999_999)).thread("thread \u00e9").host("host").pid(-1)
                .headers(Map.of("h1", "v1", "h2", "")).fields(fields).build();

        byte[] json = codec.encode(original);

        assertEquals(original, EventCodec.decode(json, 0, json.length));
        assertEquals(original, EventCodec.decode(new String(json, StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z", "9999-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-06-15T12:00:00.5Z",
        "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
    void roundTrip_timeAcrossYears_exact(String instant) {
        Event original = Event.builder().kind("k").routingKey("r").source("s").seq(1).time(Instant.parse(instant))
                .thread("t").host("h").pid(1).build();

        byte[] json = codec.encode(original);

        assertEquals(original, EventCodec.decode(json, 0, json.length));
    }

    @Test
    void decode_unknownMembersIgnoredAndHeadersOptional() {
        Event decoded = EventCodec.decode("{\"extra\":[1],\"kind\":\"k\",\"routingKey\":\"r\",\"source\":\"s\",\"seq\":3,"
                + "\"time\":\"2026-01-01T00:00:00Z\",\"thread\":\"t\",\"host\":\"h\",\"pid\":9,\"fields\":{\"a\":1}}");

        assertEquals(Event.builder().kind("k").routingKey("r").source("s").seq(3)
                .time(Instant.parse("2026-01-01T00:00:00Z")).thread("t").host("h").pid(9).fields(Map.of("a", 1L))
                .build(), decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind", "routingKey", "source", "seq", "time", "thread", "host", "pid"})
    void decode_missingMember_namesIt(String member) {
        Map<String, Object> parsed = JsonReader.parseObject(new String(codec.encode(event(Map.of(), Map.of()))));
        parsed.remove(member);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(parsed));

        assertEquals("event member \"" + member + "\" is missing", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kind       | 1               | event member "kind" must be a string but was Long
            routingKey | null            | event member "routingKey" must be a string but was null
            source     | ["s"]           | event member "source" must be a string but was ArrayList
            seq        | "1"             | event member "seq" must be an integer of at most 64 bits but was String
            seq        | 1.5             | event member "seq" must be an integer of at most 64 bits but was Double
            pid        | 99999999999999999999 | event member "pid" must be an integer of at most 64 bits but was BigInteger
            time       | 1700000000      | event member "time" must be a string but was Long
            time       | "yesterday"     | event member "time" must be an ISO-8601 instant but was "yesterday"
            thread     | {}              | event member "thread" must be a string but was LinkedHashMap
            headers    | []              | event member "headers" must be an object but was ArrayList
            headers    | {"a":"b","n":1} | event member "headers" must be an object of strings, but "n" is Long
            fields     | "x"             | event member "fields" must be an object but was String
            fields     | null            | event member "fields" must be an object but was null
            """)
    void decode_wronglyTypedMember_namesIt(String member, String json, String message) {
        Map<String, Object> parsed = JsonReader.parseObject(new String(codec.encode(event(Map.of(), Map.of()))));
        parsed.put(member, JsonReader.parse(json));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(parsed));

        assertEquals(message, e.getMessage());
    }

    @Test
    void decode_notJson_throwsJsonException() {
        byte[] bytes = "{\"kind\":".getBytes(StandardCharsets.US_ASCII);

        assertEquals(8, assertThrows(JsonException.class, () -> EventCodec.decode(bytes, 0, bytes.length)).offset());
        assertThrows(JsonException.class, () -> EventCodec.decode("[]"));
    }

    @Test
    void encode_fieldsBeyondBudget_cutButMetadataWholeAndWithinMaxBytes() {
        JsonLimits limits = Json.limits(16, 1000, 1000, 600);
        EventCodec small = new EventCodec(limits);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("item-" + i);
        }
        Event original = event(Map.of("trace", "abc"), Map.of("many", many));

        byte[] json = small.encode(original);
        Event decoded = EventCodec.decode(json, 0, json.length);

        assertTrue(json.length <= 600, "size " + json.length);
        assertEquals(original.kind(), decoded.kind());
        assertEquals(original.time(), decoded.time());
        assertEquals(original.headers(), decoded.headers());
        List<?> written = (List<?>) decoded.field("many");
        assertEquals(Map.of("$cut", "size"), written.get(written.size() - 1));
    }

    @Test
    void encode_metadataAloneBeyondBudget_envelopeWholeFieldsCut_longerThanMaxBytes() {
        EventCodec tiny = new EventCodec(Json.limits(16, 1000, 1000, 20));
        Event original = Event.builder().kind("kind-that-is-rather-long").routingKey("r").source("s").seq(1).time(TIME)
                .thread("t").host("h").pid(1).headers(Map.of("a", "b")).fields(Map.of("f", 1)).build();

        byte[] json = tiny.encode(original);
        Event decoded = EventCodec.decode(json, 0, json.length);

        assertTrue(json.length > 20, "the publisher's sign that the event cannot fit");
        assertEquals("kind-that-is-rather-long", decoded.kind());
        assertEquals("r", decoded.routingKey());
        assertEquals(TIME, decoded.time());
        assertEquals(Map.of("a", "b"), decoded.headers());
        assertEquals(Map.of("$cut", "size"), decoded.fields());
    }

    @Test
    void encode_loneSurrogate_readBackAsReplacementCharacter() {
        Event original = event(Map.of(), Map.of("s", "a\uD800b\uDC00"));

        byte[] json = codec.encode(original);

        assertEquals("a\uFFFDb\uFFFD", EventCodec.decode(json, 0, json.length).field("s"));
    }

    @Test
    void encode_depthLimitCountsEventAndFieldsObjects() {
        EventCodec shallow = new EventCodec(Json.limits(3, 1000, 1000, 10_000));

        byte[] json = shallow.encode(event(Map.of(), Map.of("a", List.of(List.of(1)))));

        assertEquals(Map.of("a", List.of(Map.of("$cut", "depth", "$type", List.of(1).getClass().getName()))),
                EventCodec.decode(json, 0, json.length).fields());
    }

    @Test
    void encode_hostileFieldValues_neverThrowsAndStaysDecodable() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cyclic", cyclic);
        fields.put("broken", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        });
        fields.put("nan", Double.NaN);
        fields.put("big", BigInteger.TEN.pow(30));

        byte[] json = codec.encode(event(Map.of(), fields));
        Map<String, Object> decoded = EventCodec.decode(json, 0, json.length).fields();

        assertEquals(List.of(Map.of("$cut", "cycle", "$type", "java.util.ArrayList")), decoded.get("cyclic"));
        assertEquals("NaN", decoded.get("nan"));
        assertEquals(BigInteger.TEN.pow(30), decoded.get("big"));
        assertTrue(((Map<?, ?>) decoded.get("broken")).containsKey("$error"));
    }

    @Test
    void randomEvents_alwaysDecodableWithinDocumentedBound() {
        for (int seed = 0; seed < 2000; seed++) {
            java.util.Random random = new java.util.Random(seed);
            JsonLimits limits = Json.limits(1 + random.nextInt(12), 1 + random.nextInt(200),
                    1 + random.nextInt(10), 1 + random.nextInt(random.nextBoolean() ? 100 : 3000));
            JsonWriterPropertyTest.Graphs graphs = new JsonWriterPropertyTest.Graphs(random);
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                fields.put("f" + i, graphs.value(0));
            }
            String text = "x".repeat(random.nextInt(300));
            Event original = Event.builder().kind("kind" + text).routingKey("r").source("s" + text)
                    .seq(random.nextLong()).time(Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)))
                    .thread("t").host("h" + text).pid(random.nextLong())
                    .headers(random.nextBoolean() ? Map.of() : Map.of("h", text)).fields(fields).build();

            byte[] json = new EventCodec(limits).encode(original);
            Event decoded = EventCodec.decode(json, 0, json.length);
            int bare = new EventCodec(limits).encode(original.toBuilder().fields(Map.of()).build())
                    .length; // the envelope, then "fields":{}}

            if (limits.maxDepth() >= 2 && bare + 13 <= limits.maxBytes()) {
                assertTrue(json.length <= limits.maxBytes(), "seed " + seed + ": " + json.length);
            }
            assertTrue(json.length <= Math.max(limits.maxBytes(), bare + 64), "seed " + seed + ": " + json.length);
            assertEquals(original.seq(), decoded.seq(), "seed " + seed);
            assertEquals(original.time(), decoded.time(), "seed " + seed);
            assertEquals(original.pid(), decoded.pid(), "seed " + seed);
        }
    }

    @Test
    void encodeTo_callersBudgetStillAppliesAfterTheEvent() {
        JsonWriter w = new JsonWriter(Json.limits(16, 100_000, 1000, 2000));
        w.beginArray();
        codec.encodeTo(event(Map.of(), Map.of("n", 1L)), w);

        w.string("x".repeat(3000)).string("y").endArray();

        assertTrue(w.size() <= 2000, "size " + w.size());
        List<?> parsed = (List<?>) JsonReader.parse(w.toString());
        assertTrue(((String) parsed.get(1)).contains("…[+"), parsed.toString());
    }

    @Test
    void encodeTo_writesEventsIntoACallersDocument() {
        JsonWriter w = new JsonWriter(JsonLimits.DEFAULT);
        Event first = event(Map.of(), Map.of("n", 1L));
        Event second = event(Map.of("x", "y"), Map.of("n", 2L));

        w.beginArray();
        codec.encodeTo(first, w);
        codec.encodeTo(second, w);
        w.endArray();

        List<?> parsed = (List<?>) JsonReader.parse(w.toString());
        assertEquals(Arrays.asList(first, second), parsed.stream()
                .map(m -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) m;
                    return EventCodec.decode(map);
                }).toList());
    }
}
