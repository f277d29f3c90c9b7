package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.internal.json.JsonWriter;
import dev.telltale.internal.Fatal;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A value an event carries as it was at the hit: read on the calling thread, so that neither a
 * later change of the object nor the publisher thread's encoding (which would call the object's
 * {@code toString()}, getters and iterators there, racing the application) shows in the event.
 *
 * <p>Immutable scalars are kept as they are: null, {@code String}, {@code Boolean}, {@code
 * Character}, the JDK's boxed numbers, {@code BigInteger} and {@code BigDecimal} (exactly those
 * classes, not subclasses), enums and classes (written as their names), and the JDK's own
 * {@code java.time} values, {@code ZoneId}, {@code UUID}, {@code URI}, {@code Path} and {@code
 * File}. Anything else is written by the event encoder's rules ({@link JsonWriter#value}) and
 * read back ({@link JsonReader}) into plain maps, lists, strings, numbers and booleans that the
 * encoder later writes as the same JSON. The capture's limits are the event encoder's, less
 * what the event's own nesting and the cut markers take (three levels, 20 chars of a string, one
 * item of a container; see {@link #limitsFor}), so that the encoder cuts nothing of it again and
 * every marker says what the original lost. Never throws but fatally: a value the codec cannot read
 * back becomes a {@code {"$type":…,"$error":…}} marker.
 */
final class HitValue {

    /** The longest cut marker, {@code …[+2147483647 chars]}. */
    private static final int CUT_MARKER = 20;
    /** The event object and its {@code fields} object hold the value, and a depth cut adds a level. */
    private static final int EVENT_LEVELS = 3;

    private HitValue() {}

    /** The limits for values captured into events encoded within {@code events}. */
    static JsonLimits limitsFor(JsonLimits events) {
        return new JsonLimits(Math.max(1, events.maxDepth() - EVENT_LEVELS), Math.max(1, events.maxChars() - CUT_MARKER),
                Math.max(1, events.maxItems() - 1), events.maxBytes()); // - 1: an $omitted element is one more
    }

    /** {@code value} as it is now, for an event (see the class comment). */
    static Object capture(Object value, JsonLimits limits) {
        if (kept(value)) {
            return value;
        }
        try {
            byte[] json = new JsonWriter(limits).value(value).toByteArray();
            return JsonReader.parse(json, 0, json.length);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            Map<String, Object> failed = new LinkedHashMap<>(4);
            failed.put("$type", value.getClass().getName());
            failed.put("$error", "capture failed: " + Text.error(t));
            return failed;
        }
    }

    /** Whether {@code v} cannot change and its encoding calls no code of the application's. */
    static boolean kept(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>
                || v instanceof Class<?>) {
            return true;
        }
        Class<?> c = v.getClass();
        if (c == Integer.class || c == Long.class || c == Double.class || c == Float.class || c == Short.class
                || c == Byte.class || c == BigInteger.class || c == BigDecimal.class) {
            return true;
        }
        return c.getClassLoader() == null // the JDK's own: immutable values of these kinds
                && (v instanceof TemporalAccessor || v instanceof TemporalAmount || v instanceof ZoneId || v instanceof UUID
                        || v instanceof URI || v instanceof Path || v instanceof File);
    }
}
