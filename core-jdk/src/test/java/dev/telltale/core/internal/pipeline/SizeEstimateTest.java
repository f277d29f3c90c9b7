package dev.telltale.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.internal.Fields;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The queue's byte bound rests on {@link SizeEstimate}: it must grow with what the encoder will
 * write (metadata, headers, field names and values), stop growing where the encoder cuts (per
 * string, per container, per event), and never throw on the application's thread.
 */
class SizeEstimateTest {

    private static final JsonLimits LIMITS = new JsonLimits(16, 1000, 10, 1 << 20);

    private static Event event(String kind, String routingKey, String source, String thread, String host,
            Map<String, String> headers, Map<String, Object> fields) {
        return Event.builder().kind(kind).routingKey(routingKey).source(source).seq(1).time(Instant.EPOCH)
                .thread(thread).host(host).pid(1).headers(headers).fields(fields).build();
    }

    private static Event withFields(Map<String, Object> fields) {
        return event("k", "r", "s", "t", "h", Map.of(), fields);
    }

    private static int of(Event e) {
        return SizeEstimate.of(e, LIMITS);
    }

    private static int ofField(Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("f", value);
        return of(withFields(fields));
    }

    @Test
    void eachMetadataString_countsByItsLength() {
        int base = of(event("k", "r", "s", "t", "h", Map.of(), Map.of()));
        assertEquals(base + 10, of(event("k" + "x".repeat(10), "r", "s", "t", "h", Map.of(), Map.of())));
        assertEquals(base + 20, of(event("k", "r" + "x".repeat(20), "s", "t", "h", Map.of(), Map.of())));
        assertEquals(base + 30, of(event("k", "r", "s" + "x".repeat(30), "t", "h", Map.of(), Map.of())));
        assertEquals(base + 40, of(event("k", "r", "s", "t" + "x".repeat(40), "h", Map.of(), Map.of())));
        assertEquals(base + 50, of(event("k", "r", "s", "t", "h" + "x".repeat(50), Map.of(), Map.of())));
    }

    @Test
    void emptyEvent_stillCountsItsMemberNamesAndNumbers() {
        int metadata = "k".length() + "r".length() + "s".length() + "t".length() + "h".length();
        assertTrue(of(withFields(Map.of())) > metadata + 64,
                "seq, time, pid and the member names are part of every event: " + of(withFields(Map.of())));
    }

    @Test
    void headers_countByKeyAndValueLength_plusTheirPunctuation() {
        int none = of(event("k", "r", "s", "t", "h", Map.of(), Map.of()));
        int one = of(event("k", "r", "s", "t", "h", Map.of("ab", "cde"), Map.of()));
        int longer = of(event("k", "r", "s", "t", "h", Map.of("ab", "cde" + "x".repeat(100)), Map.of()));
        int two = of(event("k", "r", "s", "t", "h", Map.of("ab", "cde", "fg", "hij"), Map.of()));
        assertTrue(one > none + 5, "a header's key and value count: " + none + " -> " + one);
        assertEquals(one + 100, longer);
        assertEquals(2 * (one - none), two - none, "each header counts the same way");
    }

    @Test
    void stringField_countsByLength_upToMaxChars() {
        int empty = ofField("");
        assertEquals(empty + 100, ofField("x".repeat(100)));
        assertEquals(empty + LIMITS.maxChars(), ofField("x".repeat(LIMITS.maxChars())));
        assertEquals(empty + LIMITS.maxChars(), ofField("x".repeat(LIMITS.maxChars() + 500)),
                "the encoder cuts a string at maxChars, so the estimate stops there too");
        assertEquals(empty + 7, ofField(new StringBuilder("x".repeat(7))), "any CharSequence");
    }

    @Test
    void fieldNames_countByLength() {
        Map<String, Object> shortName = new LinkedHashMap<>();
        shortName.put("f", 1);
        Map<String, Object> longName = new LinkedHashMap<>();
        longName.put("f" + "x".repeat(25), 1);
        assertEquals(of(withFields(shortName)) + 25, of(withFields(longName)));
    }

    @Test
    void scalars_nullsNumbersAndBooleans_countTheSame_andLessThanAnObject() {
        int number = ofField(12345);
        assertEquals(number, ofField(null));
        assertEquals(number, ofField(true));
        assertEquals(number, ofField(1.5d));
        assertTrue(ofField(new Object()) > number, "an object is written as a record or $repr, larger than a number");
    }

    @Test
    void collections_countPerElement_upToMaxItems() {
        int empty = ofField(List.of());
        int one = ofField(List.of(1));
        int perElement = one - empty;
        assertTrue(perElement > 0);
        assertEquals(empty + 5 * perElement, ofField(List.of(1, 2, 3, 4, 5)));
        assertEquals(empty + LIMITS.maxItems() * perElement, ofField(range(LIMITS.maxItems())));
        assertEquals(empty + LIMITS.maxItems() * perElement, ofField(range(LIMITS.maxItems() * 3)),
                "the encoder writes at most maxItems elements");
    }

    @Test
    void maps_countPerEntry_twiceAnElement_upToMaxItems() {
        int emptyList = ofField(List.of());
        int perElement = ofField(List.of(1)) - emptyList;
        int emptyMap = ofField(Map.of());
        assertEquals(emptyList, emptyMap, "both are two brackets");
        assertEquals(emptyMap + 2 * perElement, ofField(Map.of("a", 1)), "a member has a name and a value");
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < LIMITS.maxItems() * 2; i++) {
            many.put("m" + i, i);
        }
        assertEquals(emptyMap + 2 * perElement * LIMITS.maxItems(), ofField(many));
    }

    @Test
    void valueWhoseSizeThrows_countsAsAnObject_andNothingIsThrown() {
        List<Object> broken = new AbstractList<>() {
            @Override
            public Object get(int index) {
                throw new IllegalStateException("broken (test)");
            }

            @Override
            public int size() {
                throw new IllegalStateException("broken (test)");
            }
        };
        CharSequence brokenText = new CharSequence() {
            @Override
            public int length() {
                throw new UnsupportedOperationException("broken (test)");
            }

            @Override
            public char charAt(int index) {
                throw new UnsupportedOperationException("broken (test)");
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                throw new UnsupportedOperationException("broken (test)");
            }
        };
        int object = ofField(new Object());
        assertEquals(object, ofField(broken));
        assertEquals(object, ofField(brokenText));
    }

    @Test
    void contextFields_walkedByIndex_countLikeTheSameMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", 200);
        map.put("path", "/orders/" + "x".repeat(40));
        map.put("items", List.of(1, 2, 3));
        map.put("none", null);
        assertEquals(of(withFields(map)), of(withFields(Fields.copyOf(map))));
        assertTrue(of(withFields(Fields.copyOf(map))) > of(withFields(Fields.of("status", 200))));
    }

    @Test
    void estimate_isCappedAtMaxBytes_theLargestEventTheEncoderWrites() {
        JsonLimits small = new JsonLimits(16, 100_000, 10, 2048);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", "x".repeat(1000));
        int under = SizeEstimate.of(withFields(fields), small);
        assertTrue(under > 1000 && under < 2048, "below the cap the estimate is not cut: " + under);
        fields.put("b", "x".repeat(1000));
        fields.put("c", "x".repeat(1000));
        assertEquals(2048, SizeEstimate.of(withFields(fields), small));
        assertEquals(2048, SizeEstimate.of(event("k".repeat(5000), "r", "s", "t", "h", Map.of(), Map.of()), small),
                "metadata alone past the cap: the encoder drops such an event as too large, at maxBytes");
    }

    @Test
    void estimate_isNotBelowTheEncodedSizeOfStringFields() {
        // the byte bound is only a bound if strings, the bulk of most events, are not underestimated
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            fields.put("field" + i, "value-" + "x".repeat(i * 37));
        }
        Event e = withFields(fields);
        int encoded = new dev.telltale.core.internal.json.EventCodec(LIMITS).encode(e).length;
        assertTrue(of(e) >= encoded, "estimate " + of(e) + " vs encoded " + encoded);
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
