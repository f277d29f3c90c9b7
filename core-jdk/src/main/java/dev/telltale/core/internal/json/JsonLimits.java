package dev.telltale.core.internal.json;

/**
 * Bounds that keep one encoded value small and its encoding cheap, whatever the value holds.
 *
 * <p>{@link JsonWriter} applies them to everything written through {@link
 * JsonWriter#value(Object)} and, for strings and the byte budget, to the streaming methods too.
 * What is cut is replaced by a visible marker; the markers are listed on {@link JsonWriter}.
 *
 * @param maxDepth how deeply containers may nest in the whole document, counting the containers
 *     a caller opened with {@link JsonWriter#beginObject()} or {@link JsonWriter#beginArray()}; a
 *     container of {@link JsonWriter#value(Object)} that would be nested deeper becomes a {@code
 *     "$cut":"depth"} marker. At most {@value #MAX_DEPTH}, so that the deepest output of the
 *     writer (markers add one level) is still accepted by {@link JsonReader}, and so that the
 *     writer's recursion stays shallow.
 * @param maxChars how many UTF-16 chars of one string (a value, a member name, a {@code $repr}
 *     text, the base64 text of a {@code byte[]}) are written before it is cut
 * @param maxItems how many elements or members of one collection, map, array or iterable are
 *     written before the rest is summarised by an {@code $omitted} marker
 * @param maxBytes the byte budget of one top-level value; see {@link JsonWriter} for the exact
 *     bound on the output size
 */
public record JsonLimits(int maxDepth, int maxChars, int maxItems, int maxBytes) {

    /** The largest accepted {@link #maxDepth()}: one less than {@link JsonReader#MAX_DEPTH}. */
    public static final int MAX_DEPTH = JsonReader.MAX_DEPTH - 1;

    /** 16 levels, 16384 chars per string, 1000 items per container, 1 MiB per value. */
    public static final JsonLimits DEFAULT = new JsonLimits(16, 16384, 1000, 1048576);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException naming the component if any bound is zero or negative, or
     *     if {@code maxDepth} is greater than {@value #MAX_DEPTH}
     */
    public JsonLimits {
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxChars", maxChars);
        requirePositive("maxItems", maxItems);
        requirePositive("maxBytes", maxBytes);
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "maxDepth must be at most " + MAX_DEPTH + " but was " + maxDepth);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }
}
