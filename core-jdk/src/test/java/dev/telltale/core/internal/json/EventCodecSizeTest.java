package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte bound of a whole event: cut to fit, never longer than maxBytes unless the envelope is. */
class EventCodecSizeTest {

    private static final int MAX = 4096;
    private static final JsonLimits LIMITS = new JsonLimits(16, 16384, 1000, MAX);
    private static final JsonLimits UNBOUNDED = new JsonLimits(16, 16384, 1000, Integer.MAX_VALUE);

    @Test
    void issueReproduction_defaults_cutToOneMebibyteAndValid() {
        Event e = event(Map.of(), Map.of("big", Collections.nCopies(100, "z".repeat(16000))));

        byte[] json = new EventCodec(JsonLimits.DEFAULT).encode(e);

        assertTrue(json.length <= JsonLimits.DEFAULT.maxBytes(), "size " + json.length);
        Event back = EventCodec.decode(json, 0, json.length);
        List<?> big = assertInstanceOf(List.class, back.field("big"));
        assertTrue(big.size() > 60, "most of the strings kept: " + big.size());
        assertEquals(Map.of("$cut", "size"), big.get(big.size() - 1));
    }

    @ParameterizedTest(name = "natural size MAX{0}")
    @ValueSource(ints = {-1, 0, 1})
    void eventAroundMaxBytes_neverLonger_wholeWhenItFits(int delta) {
        Event e = eventOfNaturalSize(MAX + delta);
        byte[] natural = new EventCodec(UNBOUNDED).encode(e);
        assertEquals(MAX + delta, natural.length, "fixture");

        byte[] json = new EventCodec(LIMITS).encode(e);

        assertTrue(json.length <= MAX, "size " + json.length);
        EventCodec.decode(json, 0, json.length);
        if (delta <= 0) {
            assertArrayEquals(natural, json, "an event that fits is written whole");
        } else {
            assertTrue(text(json).contains("…[+"), text(json));
        }
    }

    @Test
    void randomShapesNearTheLimit_neverLonger_andWholeWhenTheyFit() {
        for (int seed = 0; seed < 600; seed++) {
            Random random = new Random(seed);
            Event e = event(Map.of(), randomFields(random, MAX / 4 + random.nextInt(MAX * 2)));
            byte[] natural = new EventCodec(UNBOUNDED).encode(e);

            byte[] json = new EventCodec(LIMITS).encode(e);

            assertTrue(json.length <= MAX, "seed " + seed + ": " + json.length);
            EventCodec.decode(json, 0, json.length);
            if (natural.length <= MAX) {
                assertArrayEquals(natural, json, "seed " + seed);
            }
        }
    }

    @Test
    void envelopeThatLeavesNoRoom_longerThanMaxBytes_soThePublisherDropsIt() {
        Event e = event(Map.of(), Map.of("a", 1));
        Event tooLong = Event.builder().kind("k".repeat(MAX)).routingKey("r").source("s").seq(1).time(Instant.EPOCH)
                .thread("t").host("h").pid(1).fields(Map.of("a", 1)).build();

        assertTrue(new EventCodec(LIMITS).encode(e).length <= MAX);
        byte[] json = new EventCodec(LIMITS).encode(tooLong);
        assertTrue(json.length > MAX, "size " + json.length);
        EventCodec.decode(json, 0, json.length);
    }

    @Test
    void headers_writtenWholeWhileFieldsAreCut() {
        Map<String, String> headers = Map.of("tenant", "t".repeat(1500));
        Event e = event(headers, Map.of("big", "x".repeat(10_000)));

        byte[] json = new EventCodec(LIMITS).encode(e);

        assertTrue(json.length <= MAX, "size " + json.length);
        Event back = EventCodec.decode(json, 0, json.length);
        assertEquals(headers, back.headers());
        assertTrue(((String) back.field("big")).contains("…[+"), back.fields().toString());
    }

    @Test
    void codecReused_smallEventAfterCutOne_writtenWhole() {
        EventCodec codec = new EventCodec(LIMITS);
        codec.encode(event(Map.of(), Map.of("big", "x".repeat(10_000))));

        byte[] json = codec.encode(event(Map.of(), Map.of("a", List.of(1, 2))));

        assertFalse(text(json).contains("$cut"), text(json));
        assertArrayEquals(new EventCodec(UNBOUNDED).encode(event(Map.of(), Map.of("a", List.of(1, 2)))), json);
    }

    private static Event eventOfNaturalSize(int size) {
        int empty = new EventCodec(UNBOUNDED).encode(event(Map.of(), Map.of("s", ""))).length;
        return event(Map.of(), Map.of("s", "x".repeat(size - empty)));
    }

    private static Map<String, Object> randomFields(Random random, int approximateBytes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int budget = approximateBytes;
        for (int i = 0; budget > 0 && i < 200; i++) {
            Object value = switch (random.nextInt(5)) {
                case 0 -> "v".repeat(random.nextInt(300)) + "\uD83D\uDE00";
                case 1 -> random.nextLong();
                case 2 -> list(random);
                case 3 -> Map.of("n", list(random), "d", random.nextDouble());
                default -> new byte[random.nextInt(200)];
            };
            fields.put("f" + i, value);
            budget -= JsonWriter.toJson(value, UNBOUNDED).length() + 6;
        }
        return fields;
    }

    private static List<Object> list(Random random) {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(40); i > 0; i--) {
            list.add(random.nextBoolean() ? random.nextInt() : "e\u00e9" + i);
        }
        return list;
    }

    private static Event event(Map<String, String> headers, Map<String, ?> fields) {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) fields;
        return Event.builder().kind("kind").routingKey("route.key").source("source-1").seq(1).time(Instant.EPOCH)
                .thread("main").host("host").pid(42).headers(headers).fields(f).build();
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
