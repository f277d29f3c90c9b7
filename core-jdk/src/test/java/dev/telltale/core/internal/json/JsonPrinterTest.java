package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPrinterTest {

    private static final String DOCUMENT =
            "{\"kind\":\"probe.hit\",\"n\":[1,-2.5,true,null],\"empty\":{},\"none\":[],"
                    + "\"nested\":{\"text\":\"a,b:{c}[d] \\\"q\\\" \\n \\u2028 \u00e9\",\"deep\":[[{}]]}}";

    @Test
    void pretty_indentsTwoSpacesWithSpaceAfterColon() {
        String expected = """
                {
                  "kind": "probe.hit",
                  "n": [
                    1,
                    -2.5,
                    true,
                    null
                  ],
                  "empty": {},
                  "none": [],
                  "nested": {
                    "text": "a,b:{c}[d] \\"q\\" \\n \\u2028 \u00e9",
                    "deep": [
                      [
                        {}
                      ]
                    ]
                  }
                }""";

        assertEquals(expected, JsonPrinter.pretty(JsonReader.parse(DOCUMENT)));
    }

    @Test
    void compact_reproducesCompactInput() {
        assertEquals(DOCUMENT, JsonPrinter.compact(JsonReader.parse(DOCUMENT)));
    }

    @Test
    void pretty_readsBackEqual() {
        Object parsed = JsonReader.parse(DOCUMENT);

        assertEquals(parsed, JsonReader.parse(JsonPrinter.pretty(parsed)));
    }

    @Test
    void scalarsAndEmptyContainers_printedAlone() {
        assertEquals("\"s\"", JsonPrinter.pretty("s"));
        assertEquals("null", JsonPrinter.pretty(null));
        assertEquals("{}", JsonPrinter.pretty(Map.of()));
        assertEquals("[]", JsonPrinter.pretty(List.of()));
        assertEquals("123456789012345678901234567890",
                JsonPrinter.compact(new java.math.BigInteger("123456789012345678901234567890")));
    }

    @Test
    void noLimits_longStringsAndManyItemsPrintedWhole() {
        String longText = "x".repeat(100_000);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(i);
        }

        assertEquals(List.of(longText, many.stream().map(Long::valueOf).toList()),
                JsonReader.parse(JsonPrinter.compact(List.of(longText, many))));
    }

    @Test
    void deepestParsedDocument_printedWithoutCut() {
        Object parsed = JsonReader.parse("[".repeat(512) + "]".repeat(512));

        assertEquals("[".repeat(512) + "]".repeat(512), JsonPrinter.compact(parsed));
    }

    @Test
    void cyclicInput_cutInsteadOfRecursingForever() {
        List<Object> self = new ArrayList<>();
        self.add(self);

        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("list", self);
        map.put("map", map);

        assertEquals("[{\"$cut\":\"cycle\",\"$type\":\"java.util.ArrayList\"}]", JsonPrinter.compact(self));
        assertEquals("{\"list\":[{\"$cut\":\"cycle\",\"$type\":\"java.util.ArrayList\"}],"
                + "\"map\":{\"$cut\":\"cycle\",\"$type\":\"java.util.LinkedHashMap\"}}", JsonPrinter.compact(map));
    }

    @Test
    void acyclicInputDeeperThanTheReaderAllows_cutWithDepthMarker() {
        Object deep = "bottom";
        for (int i = 0; i < 600; i++) {
            deep = List.of(deep);
        }

        String json = JsonPrinter.compact(deep);

        assertTrue(json.startsWith("[".repeat(512) + "{\"$cut\":\"depth\""), json.substring(500, 560));
    }
}
