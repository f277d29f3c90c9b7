package dev.telltale.core.internal.json;

import static dev.telltale.core.internal.json.Json.limits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterStreamingTest {

    private final JsonWriter w = new JsonWriter(JsonLimits.DEFAULT);

    @Test
    void tokens_commasInsertedBetweenMembersAndElements() {
        w.beginObject()
                .name("a").number(1)
                .name("b").beginArray().bool(true).nullValue().string("s").number(-0.5).endArray()
                .name("c").beginObject().endObject()
                .name("d").beginArray().beginArray().endArray().beginObject().endObject().endArray()
                .name("e").value(Map.of("k", List.of(1)))
                .endObject();

        assertEquals("{\"a\":1,\"b\":[true,null,\"s\",-0.5],\"c\":{},\"d\":[[],{}],\"e\":{\"k\":[1]}}", w.toString());
    }

    @Test
    void string_null_writesNullLiteral() {
        assertEquals("[null]", w.beginArray().string(null).endArray().toString());
    }

    @Test
    void name_null_writtenAsNullText() {
        assertEquals("{\"null\":1}", w.beginObject().name(null).number(1).endObject().toString());
    }

    @Test
    void outputAccessors_agree() throws Exception {
        w.beginArray().string("é").endArray();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        w.writeTo(sink);

        byte[] expected = {'[', '"', (byte) 0xC3, (byte) 0xA9, '"', ']'};
        assertArrayEquals(expected, w.toByteArray());
        assertArrayEquals(expected, sink.toByteArray());
        assertEquals(6, w.size());
        assertEquals("[\"é\"]", w.toString());
    }

    @Test
    void reset_forgetsOutputAndOpenContainers() {
        w.beginObject().name("a").beginArray();

        w.reset();
        w.beginArray().number(2).endArray();

        assertEquals("[2]", w.toString());
    }

    @Test
    void buffer_growsForLargeOutput() {
        w.beginArray();
        for (int i = 0; i < 100_000; i++) {
            w.number(i);
        }
        w.endArray();

        assertEquals(100_000, ((List<?>) JsonReader.parse(w.toString())).size());
    }

    @Test
    void valueInObjectWithoutName_throws() {
        w.beginObject();

        assertEquals("a value in an object needs name() first",
                assertThrows(IllegalStateException.class, () -> w.number(1)).getMessage());
    }

    @Test
    void misuse_throwsIllegalState() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter(JsonLimits.DEFAULT).name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(JsonLimits.DEFAULT).beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter(JsonLimits.DEFAULT).endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(JsonLimits.DEFAULT).beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter(JsonLimits.DEFAULT).beginObject().endArray());
        assertThrows(IllegalStateException.class,
                () -> new JsonWriter(JsonLimits.DEFAULT).beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class,
                () -> new JsonWriter(JsonLimits.DEFAULT).beginObject().name("a").name("b"));
    }

    @Test
    void budgetSpent_membersAndNestedValuesDroppedWithOneMarkerPerContainer() {
        // strings are cut, and nothing is started, 12 bytes in: the rest is room to close
        JsonWriter small = new JsonWriter(limits(8, 100, 100, 12 + JsonWriter.STRETCH + JsonWriter.OBJECT_CLOSE));

        small.beginObject()
                .name("a").string("0123456")      // {"a":"0123456" is 14 bytes: spends the budget
                .name("b").beginArray().number(1).beginObject().name("x").number(2).endObject().endArray()
                .name("c").number(3)
                .endObject();

        assertEquals("{\"a\":\"012345…[+1 chars]\",\"$cut\":\"size\"}", small.toString());
    }

    @Test
    void budgetSpentInArray_laterElementsDropped() {
        // nothing is started 6 bytes in: the rest is room to close
        JsonWriter small = new JsonWriter(limits(8, 100, 100, 6 + JsonWriter.STRETCH + JsonWriter.ARRAY_CLOSE));

        small.beginArray().number(12345).number(6).beginArray().number(7).endArray().endArray();

        assertEquals("[12345,{\"$cut\":\"size\"}]", small.toString());
    }
}
