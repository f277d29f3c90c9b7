package dev.telltale.core.internal.json;

/** STUB until the codec lands. */
public record JsonLimits(int maxDepth, int maxChars, int maxItems, int maxBytes) {
    public static final JsonLimits DEFAULT = new JsonLimits(16, 16384, 1000, 1048576);
}
