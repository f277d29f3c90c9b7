package dev.telltale.core.internal.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes JSON (RFC 8259) as UTF-8 into a growable byte array, within {@link JsonLimits}. Not
 * thread-safe; reusable after {@link #reset()}.
 *
 * <p><b>Two ways in.</b> The streaming methods ({@link #beginObject()}, {@link #name(String)},
 * {@link #string(String)}, …) write exactly what they are told, inserting commas. {@link
 * #value(Object)} writes any object by the rules below and never throws: whatever the object
 * does (cycles, huge sizes, a {@code toString()} or iterator that throws), it writes valid JSON
 * of bounded size, with markers where something was left out. Only fatal errors ({@link
 * VirtualMachineError}, {@link LinkageError}) propagate. The streaming methods throw {@link
 * IllegalStateException} when called out of order (a value in an object without a name, a name
 * in an array, an unmatched end): those are bugs of the caller.
 *
 * <p><b>Mapping of {@link #value(Object)}.</b> null → {@code null}; {@code CharSequence}, {@code
 * Character} → string; {@code Boolean} → {@code true}/{@code false}; {@code Byte}, {@code
 * Short}, {@code Integer}, {@code Long}, {@code AtomicInteger}, {@code AtomicLong}, {@code
 * LongAdder}, {@code LongAccumulator}, {@code BigInteger} → integer; {@code BigDecimal} → its
 * {@code toString()}, which is a JSON number; {@code Double}, {@code Float}, {@code
 * DoubleAdder}, {@code DoubleAccumulator} → the shortest decimal that reads back as the same
 * value ({@code 0.1f} → {@code 0.1}, {@code -0.0} → {@code -0.0}); NaN and the infinities, which
 * JSON lacks, → the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; {@code
 * Enum} → its {@code name()}; a {@code Context}, or a proxy made by {@code Context.wrap}, → the
 * context's id as a string, wherever it is in the graph; {@code Instant}, {@code Duration} and other {@code
 * TemporalAccessor}s and {@code TemporalAmount}s, {@code ZoneId}, {@code UUID}, {@code URI},
 * {@code Path}, {@code File} → their {@code toString()} as a string; {@code Class} → its name;
 * {@code Optional} → its value or null; {@code OptionalInt}, {@code OptionalLong}, {@code
 * OptionalDouble} → number or null; {@code Map} → object, keys by {@code String.valueOf(key)} (a
 * key whose {@code toString()} throws becomes {@code "$error:<exception class>"}); {@code
 * Collection}, other {@code Iterable} → array; {@code byte[]} → a string of its base64 (RFC
 * 4648, with padding); other arrays → array; records → object of their components in
 * declaration order (a record whose accessors reflection may not call, because its module does
 * not open or export its package, falls back to the next rule); anything else → {@code
 * {"$type":"<class name>","$repr":"<toString()>"}}.
 *
 * <p><b>Markers.</b> Where a value is cut or replaced, the writer leaves one of these:
 *
 * <ul>
 *   <li>a string longer than {@code maxChars} chars, or reaching the byte budget, ends with
 *       {@code …[+N chars]} (U+2026, then the number of UTF-16 chars left out); it is never cut
 *       between the two halves of a surrogate pair. Member names, {@code $repr} texts, base64
 *       texts (cut at a 4-char group) and {@code BigInteger}/{@code BigDecimal} texts longer than
 *       {@code maxChars} (or too long for the budget) are cut the same way, the numbers becoming
 *       strings;
 *   <li>a collection, array or iterable with more than {@code maxItems} elements ends with the
 *       element {@code {"$omitted":N}} ({@code {"$omitted":"more"}} for an iterable of unknown
 *       size); a map with more than {@code maxItems} entries ends with the member {@code
 *       "$omitted":N};
 *   <li>a container (map, collection, iterable, array, record) that would be nested deeper than
 *       {@code maxDepth} becomes {@code {"$cut":"depth","$type":"<class name>"}}; one that is
 *       already open on the path from the top-level value (the same instance, not an equal one)
 *       becomes {@code {"$cut":"cycle","$type":"<class name>"}};
 *   <li>when the byte budget is spent, every open container stops taking elements and ends with
 *       one {@code "$cut":"size"} member (objects) or {@code {"$cut":"size"}} element (arrays);
 *   <li>when iterating a container fails (a {@code ConcurrentModificationException}, an iterator
 *       or record accessor that throws) the container ends with an {@code "$error":"<exception
 *       class>: <message>"} member or {@code {"$error":"…"}} element; when {@code toString()}
 *       throws, the value becomes {@code {"$type":"…","$error":"toString() threw <exception
 *       class>: <message>"}} (": message" is left out when the message is null).
 * </ul>
 *
 * <p><b>Size bound.</b> The budget starts anew with each top-level value. Once the output of the
 * value has reached {@code maxBytes}, nothing more is added except what completes the JSON: the
 * rest of the string, number or marker in progress, a marker for a value whose name is already
 * written, and one {@code "$cut":"size"} marker and a closing bracket per open container. So the
 * output of a top-level {@link #value(Object)} is at most {@link #maxSize(JsonLimits)} = {@code
 * maxBytes + 64 + 20 * (maxDepth + 1)} bytes, and always valid JSON. The limits bound what is
 * written and walked, not the work done by the objects' own methods: a {@code toString()} that
 * builds a huge text runs to its end before the text is cut.
 *
 * <p><b>Hot path.</b> Strings, numbers, booleans, maps, collections and the streaming methods
 * allocate nothing but the iterators of the maps and collections they walk (and, rarely, a
 * larger array). Doubles allocate the text of {@link Double#toString(double)}.
 */
public final class JsonWriter {

    private static final int OBJECT = 1;
    private static final int NONEMPTY = 2;
    private static final int AFTER_NAME = 4;
    private static final int CUT = 8;

    private static final byte[] SIZE_CUT_MEMBER = ascii("\"$cut\":\"size\"");
    private static final byte[] SIZE_CUT_ELEMENT = ascii("{\"$cut\":\"size\"}");

    private final JsonLimits limits;
    final ByteOutput out = new ByteOutput(256);
    private final ValueEncoder encoder;

    /** Per open container: OBJECT, NONEMPTY, AFTER_NAME and CUT bits. */
    private int[] stack = new int[16];
    private int depth;
    /** Where the byte budget of the current top-level value ends. */
    private int limit;
    /** How many skipped containers, started while the budget was spent, are still open. */
    private int skipDepth;
    /** The name of the next member was dropped, so its value must be dropped too. */
    private boolean skipValue;

    /** Creates a writer with an empty buffer. */
    public JsonWriter(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits == null");
        this.encoder = new ValueEncoder(this, limits);
        this.limit = budgetFrom(0);
    }

    /** Writes one value with a new writer and returns the JSON text. Never throws but fatally. */
    public static String toJson(Object value, JsonLimits limits) {
        return new JsonWriter(limits).value(value).toString();
    }

    /**
     * The most bytes {@link #value(Object)} writes for one top-level value: {@code maxBytes + 64 +
     * 20 * (maxDepth + 1)}.
     */
    public static long maxSize(JsonLimits limits) {
        return limits.maxBytes() + 64L + 20L * (limits.maxDepth() + 1);
    }

    /** The limits this writer applies. */
    public JsonLimits limits() {
        return limits;
    }

    /** Forgets everything written and any open containers; keeps the buffer. */
    public void reset() {
        out.pos = 0;
        depth = 0;
        skipDepth = 0;
        skipValue = false;
        limit = budgetFrom(0);
        encoder.reset();
    }

    /** The number of bytes written. */
    public int size() {
        return out.pos;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(out.buf, out.pos);
    }

    /** Writes the bytes written so far to {@code target}. */
    public void writeTo(OutputStream target) throws IOException {
        target.write(out.buf, 0, out.pos);
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return new String(out.buf, 0, out.pos, StandardCharsets.UTF_8);
    }

    /** Starts an object as the next value; dropped with its content once the budget is spent. */
    public JsonWriter beginObject() {
        if (enterValue()) {
            openObject();
        } else {
            skipDepth++;
        }
        return this;
    }

    /**
     * Ends the current object, adding {@code "$cut":"size"} if members were dropped.
     *
     * @throws IllegalStateException if the current container is not an object, or a name has no
     *     value
     */
    public JsonWriter endObject() {
        if (skipDepth > 0) {
            skipDepth--;
        } else {
            closeObject();
        }
        return this;
    }

    /** Starts an array as the next value; dropped with its content once the budget is spent. */
    public JsonWriter beginArray() {
        if (enterValue()) {
            openArray();
        } else {
            skipDepth++;
        }
        return this;
    }

    /**
     * Ends the current array, adding {@code {"$cut":"size"}} if elements were dropped.
     *
     * @throws IllegalStateException if the current container is not an array
     */
    public JsonWriter endArray() {
        if (skipDepth > 0) {
            skipDepth--;
        } else {
            closeArray();
        }
        return this;
    }

    /**
     * Writes the name of the next member of the current object ({@code "null"} for null). Once
     * the byte budget is spent the member, its name and value, is dropped.
     */
    public JsonWriter name(String name) {
        if (skipDepth > 0) {
            return this;
        }
        int top = awaitingName("name()");
        int state = stack[top];
        if (out.pos >= limit) {
            stack[top] = state | CUT;
            skipValue = true;
            return this;
        }
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY | AFTER_NAME;
        quoted(name == null ? "null" : name);
        out.put(':');
        return this;
    }

    /** Writes a string, or {@code null} for null; cut by {@code maxChars} and the budget. */
    public JsonWriter string(String value) {
        if (enterValue()) {
            rawString(value);
        }
        return this;
    }

    /** Writes an integer. */
    public JsonWriter number(long value) {
        if (enterValue()) {
            out.longValue(value);
        }
        return this;
    }

    /** Writes the shortest text that reads back as {@code value}; see the class comment. */
    public JsonWriter number(double value) {
        if (enterValue()) {
            rawDouble(value);
        }
        return this;
    }

    /** Writes {@code true} or {@code false}. */
    public JsonWriter bool(boolean value) {
        if (enterValue()) {
            out.ascii(value ? "true" : "false");
        }
        return this;
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        if (enterValue()) {
            out.ascii("null");
        }
        return this;
    }

    /** Writes any object by the rules of the class comment. Never throws but fatally. */
    public JsonWriter value(Object value) {
        encoder.write(value);
        return this;
    }

    // ---- for ValueEncoder and EventCodec: the value slot is entered once, then filled raw ----

    /**
     * Prepares for one value at the current position: writes a comma in arrays, consumes the
     * pending name in objects, starts the budget at the top level. Returns false when the value
     * must be dropped (its name was dropped, or an array has spent the budget).
     */
    boolean enterValue() {
        if (skipDepth > 0) {
            return false;
        }
        if (depth == 0) {
            limit = budgetFrom(out.pos);
            return true;
        }
        int top = depth - 1;
        int state = stack[top];
        if ((state & OBJECT) != 0) {
            if (skipValue) {
                skipValue = false;
                return false;
            }
            if ((state & AFTER_NAME) == 0) {
                throw new IllegalStateException("a value in an object needs name() first");
            }
            stack[top] = state & ~AFTER_NAME;
            return true;
        }
        if (out.pos >= limit) {
            stack[top] = state | CUT;
            return false;
        }
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY;
        return true;
    }

    /**
     * Writes a name given as its JSON text with quotes and colon, uncut, like {@link
     * #name(String)}: the member is dropped once the budget is spent.
     */
    void rawName(byte[] quotedNameAndColon) {
        if (skipDepth > 0) {
            return;
        }
        int top = awaitingName("name()");
        if (out.pos >= limit) {
            stack[top] |= CUT;
            skipValue = true;
            return;
        }
        forcedName(quotedNameAndColon);
    }

    /** Writes a name given as its JSON text with quotes and colon, ignoring the budget. */
    void forcedName(byte[] quotedNameAndColon) {
        if (skipDepth > 0) {
            return;
        }
        int top = awaitingName("name()");
        int state = stack[top];
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY | AFTER_NAME;
        out.raw(quotedNameAndColon);
    }

    /** The JSON text of a member name, quotes and colon included, for ASCII names. */
    static byte[] encodedName(String asciiName) {
        return ascii("\"" + asciiName + "\":");
    }

    void openObject() {
        push(OBJECT);
        out.put('{');
    }

    void openArray() {
        push(0);
        out.put('[');
    }

    void closeObject() {
        int state = closing(true, "endObject()");
        if ((state & CUT) != 0) {
            if ((state & NONEMPTY) != 0) {
                out.put(',');
            }
            out.raw(SIZE_CUT_MEMBER);
        }
        out.put('}');
        depth--;
    }

    void closeArray() {
        int state = closing(false, "endArray()");
        if ((state & CUT) != 0) {
            if ((state & NONEMPTY) != 0) {
                out.put(',');
            }
            out.raw(SIZE_CUT_ELEMENT);
        }
        out.put(']');
        depth--;
    }

    /**
     * Closes the containers opened above {@code targetDepth} and completes a member whose name
     * was written without a value, so that a failed walk leaves well-formed JSON.
     */
    void unwindTo(int targetDepth) {
        skipDepth = 0;
        while (depth > targetDepth) {
            completePendingMember();
            if ((stack[depth - 1] & OBJECT) != 0) {
                closeObject();
            } else {
                closeArray();
            }
        }
        if (depth > 0) {
            completePendingMember();
        }
    }

    private void completePendingMember() {
        int state = stack[depth - 1];
        if (skipValue) {
            skipValue = false;
        } else if ((state & AFTER_NAME) != 0) {
            stack[depth - 1] = state & ~AFTER_NAME;
            out.ascii("null");
        }
    }

    int depth() {
        return depth;
    }

    /** True once the current top-level value has spent its byte budget. */
    boolean exhausted() {
        return out.pos >= limit;
    }

    /** Records that the current container dropped something for lack of budget. */
    void markCut() {
        if (depth > 0) {
            stack[depth - 1] |= CUT;
        }
    }

    void rawString(String value) {
        if (value == null) {
            out.ascii("null");
        } else {
            quoted(value);
        }
    }

    void rawDouble(double value) {
        if (Double.isNaN(value)) {
            out.ascii("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.ascii(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            DecimalText.writeDouble(value, out);
        }
    }

    void rawFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            rawDouble(value);
        } else {
            DecimalText.writeFloat(value, out);
        }
    }

    /**
     * Writes the text of a {@code BigInteger} or {@code BigDecimal}: as a number when it is
     * short, otherwise as a string cut like any other.
     */
    void rawNumberText(String text) {
        int n = text.length();
        if (n <= 32 || n <= limits.maxChars() && (long) out.pos + n <= limit) {
            out.ascii(text);
        } else {
            quoted(text);
        }
    }

    void rawBase64(byte[] data) {
        out.put('"');
        long total = ByteOutput.base64Length(data.length);
        long written = out.base64(data, limits.maxChars(), limit);
        if (written < total) {
            out.cutMarker(total - written);
        }
        out.put('"');
    }

    /** Writes {@code "text"}, cut at {@code maxChars} chars and at the budget. */
    private void quoted(String text) {
        int length = text.length();
        int end = Math.min(length, limits.maxChars());
        if (end < length
                && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        out.put('"');
        int reached = out.escaped(text, 0, end, limit);
        if (reached < length) {
            out.cutMarker(length - reached);
        }
        out.put('"');
    }

    private int budgetFrom(int position) {
        return (int) Math.min(ByteOutput.MAX_CAPACITY, (long) position + limits.maxBytes());
    }

    private void push(int state) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = state;
    }

    private int awaitingName(String method) {
        if (depth == 0 || (stack[depth - 1] & OBJECT) == 0) {
            throw new IllegalStateException(method + " outside an object");
        }
        if ((stack[depth - 1] & AFTER_NAME) != 0 || skipValue) {
            throw new IllegalStateException(method + " after a name that has no value yet");
        }
        return depth - 1;
    }

    private int closing(boolean object, String method) {
        if (depth == 0 || ((stack[depth - 1] & OBJECT) != 0) != object) {
            throw new IllegalStateException(
                    method + " without a matching " + (object ? "beginObject()" : "beginArray()"));
        }
        int state = stack[depth - 1];
        if ((state & AFTER_NAME) != 0 || skipValue) {
            throw new IllegalStateException(method + " after a name that has no value");
        }
        return state;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
