package dev.telltale.core.internal.json;

/** STUB until the codec lands. */
public final class JsonWriter {
    public static String toJson(Object value, JsonLimits limits) {
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
