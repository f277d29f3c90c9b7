package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.Event;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonReader;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The monitor's fast event decoding agrees with {@link EventCodec#decode(Map)} on everything. */
class EventDecodingTest {

    private final EventDecoding decoding = new EventDecoding();

    @Test
    void canonicalTimes_parseAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // from 1970 to about 2300, days in order and at random, so the cached day is both hit and missed
            long seconds = i % 2 == 0 ? 1_700_000_000L + i * 7_919L : (long) (random.nextDouble() * 10_400_000_000L);
            Instant t = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            String text = Lines.time(t);
            assertEquals(Instant.parse(text), decoding.time(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, EventDecoding.SMALL, EventDecoding.SMALL + 1, 200})
    void fields_fewOrMany_keepTheirOrderAndValues_asTheCodecGivesThem(int count) {
        StringBuilder fields = new StringBuilder("{");
        for (int i = count; i > 0; i--) { // names out of sorted order, to see the order kept
            fields.append(i == count ? "" : ",").append("\"f").append(i).append("\":").append(i % 3 == 0 ? "null" : i);
        }
        String line = Lines.event("context.update", "shop.request", "c1", 2, Lines.T0, fields.append('}').toString());
        Map<String, Object> doc = JsonReader.parseObject(line);

        Event fast = decoding.decode(doc);
        Event codec = EventCodec.decode(doc);

        assertEquals(codec.fields(), fast.fields());
        assertEquals(java.util.List.copyOf(codec.fields().keySet()), java.util.List.copyOf(fast.fields().keySet()));
        assertEquals(count == 0 ? null : (Object) (count % 3 == 0 ? null : (long) count), fast.field("f" + count));
        assertThrows(UnsupportedOperationException.class, () -> fast.fields().put("x", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T23:37:58Z", "2026-11-21T23:37:58.123Z", "2026-11-21T23:37:58.123456789+01:00",
        "+10000-01-01T00:00:00.000000000Z", "2026-02-29T00:00:00.000000000Z", "2026-11-21T24:00:00.000000000Z",
        "2026-11-21T23:60:00.000000000Z", "2026-11-21T23:37:60.000000000Z", "2026-13-01T00:00:00.000000000Z",
        "2026-1a-01T00:00:00.000000000Z", "2026-11-21 23:37:58.123456789Z", "2026-11-21T23:37:58.12345678xZ"})
    void otherTexts_areLeftToTheCodec(String text) {
        assertNull(decoding.time(text));
        String line = Lines.event("x", "a", "s", 1, Lines.T0, "{}").replace(Lines.time(Lines.T0), text);
        Map<String, Object> doc = JsonReader.parseObject(line);
        IllegalArgumentException expected = null;
        Event want = null;
        try {
            want = EventCodec.decode(doc);
        } catch (IllegalArgumentException e) {
            expected = e;
        }
        if (expected == null) {
            assertEquals(want, decoding.decode(doc));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoding.decode(doc));
            assertEquals(expected.getMessage(), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,"
                + "\"headers\":{\"x\":\"y\"},\"fields\":{\"a\":[1,{\"b\":null}]},\"later\":true}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,"
                + "\"headers\":{\"x\":1}}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,"
                + "\"headers\":null}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,"
                + "\"fields\":null}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1,"
                + "\"fields\":[]}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7.0,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":99999999999999999999,\"time\":\"T\",\"thread\":\"t\","
                + "\"host\":\"h\",\"pid\":1}",
        "{\"kind\":\"k\",\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"pid\":1}",
        "{\"kind\":null,\"routingKey\":\"a.b\",\"source\":\"s\",\"seq\":7,\"time\":\"T\",\"thread\":\"t\",\"host\":\"h\",\"pid\":1}",
    })
    void documents_decodeExactlyAsTheCodecDecodesThem(String json) {
        Map<String, Object> doc = JsonReader.parseObject(json.replace("\"T\"", "\"" + Lines.time(Lines.T0) + "\""));
        Event want = null;
        String error = null;
        try {
            want = EventCodec.decode(doc);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        if (error == null) {
            assertEquals(want, decoding.decode(doc));
        } else {
            assertEquals(error, assertThrows(IllegalArgumentException.class, () -> decoding.decode(doc)).getMessage());
        }
    }
}
