package dev.telltale.core.internal.json;

import java.nio.charset.StandardCharsets;

/** Shorthands for the tests of this package. */
final class Json {

    private Json() {}

    static String write(Object value) {
        return JsonWriter.toJson(value, JsonLimits.DEFAULT);
    }

    static String write(Object value, JsonLimits limits) {
        return JsonWriter.toJson(value, limits);
    }

    static byte[] bytes(Object value) {
        return new JsonWriter(JsonLimits.DEFAULT).value(value).toByteArray();
    }

    /** Parses {@code json} both as bytes and as text, checks they agree, returns the value. */
    static Object parseBoth(byte[] json) {
        Object fromBytes = JsonReader.parse(json, 0, json.length);
        Object fromText = JsonReader.parse(new String(json, StandardCharsets.UTF_8));
        if (fromBytes == null ? fromText != null : !fromBytes.equals(fromText)) {
            throw new AssertionError("byte and text parses differ: " + fromBytes + " vs " + fromText);
        }
        return fromBytes;
    }

    static JsonLimits limits(int maxDepth, int maxChars, int maxItems, int maxBytes) {
        return new JsonLimits(maxDepth, maxChars, maxItems, maxBytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
