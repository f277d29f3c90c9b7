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
 * 4648, with padding); {@code char[]} → array of one-char strings, a surrogate pair being one
 * element (an {@code $omitted} count is then in chars); other arrays → array; records → object of their components in
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
 *       strings; so are numbers longer than {@link JsonReader#MAX_INTEGER_DIGITS}, which the
 *       reader would refuse;
 *   <li>a surrogate without its partner (a lone high or low surrogate, or the two in reverse
 *       order), in any text, is written as U+FFFD, the replacement character: an escaped lone
 *       surrogate is valid JSON but strict readers (jq) refuse it;
 *   <li>a member name that an earlier member of the same object already has as text (the keys
 *       {@code 1} and {@code "1"}, {@code null} and {@code "null"}, an enum and its name, two
 *       lone surrogates, two keys cut to the same text, a key named like a marker) gets the
 *       suffix {@code #2}, or the first of {@code #3}, {@code #4}, … that is still free, so that
 *       every name of an object is unique and no member is lost. This holds for markers too: in a
 *       map with a key {@code "$cut"}, a size cut is written {@code "$cut#2":"size"};
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
 * <p><b>Size bound.</b> The budget starts anew with each top-level value, and the output of a
 * top-level {@link #value(Object)} is at most {@code maxBytes} bytes (at most {@link
 * #MIN_MAX_BYTES} when {@code maxBytes} is smaller), and always valid JSON. A value that fits is
 * written whole. One that does not is rolled back and walked a second time (its objects'
 * methods, {@code toString()} and iterators, are called again; an iterable that can be walked
 * only once then gives an {@code $error}), this time cut: no member or element is started
 * unless the most one member or element can add ({@link #STRETCH}) and a {@code "$cut":"size"}
 * marker and closing bracket for each open container still fit. The streaming methods at the
 * top level cannot roll back, so they are cut that way from the start. The limits bound what is
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

    /**
     * The smallest {@code maxBytes} for which a top-level value is never longer than {@code
     * maxBytes}; it leaves room for the {@link #STRETCH} and the smallest cut forms.
     */
    public static final int MIN_MAX_BYTES = 128;

    /**
     * The most bytes one member or element adds once its check against the budget has passed, when
     * it is cut: a comma (1), a name cut at the limit (a quote, up to 5 bytes past the limit, a cut
     * marker of 22 and a quote: 28 in all past the limit), a collision suffix (11) and a colon (1),
     * then the largest value begun past the limit, a {@code $cut} depth marker whose type name is
     * all cut (49): 89, rounded up.
     */
    static final int STRETCH = 96;

    /** What closing an array that was cut may take: {@code ,{"$cut":"size"}]}. */
    static final int ARRAY_CLOSE = 17;

    /** What closing an object that was cut may take: {@code ,"$cut#N":"size"}}, suffix included. */
    static final int OBJECT_CLOSE = 26;

    private static final byte[] CUT_NAME = ascii("$cut");
    private static final byte[] SIZE_VALUE = ascii(":\"size\"");
    private static final byte[] SIZE_CUT_ELEMENT = ascii("{\"$cut\":\"size\"}");

    private final JsonLimits limits;
    final ByteOutput out = new ByteOutput(256);
    private final ValueEncoder encoder;
    private final MemberNames names = new MemberNames();

    /** Per open container: OBJECT, NONEMPTY, AFTER_NAME and CUT bits. */
    private int[] stack = new int[16];
    private int depth;
    /** The output of the current budget must end at or before this position. */
    private int end;
    /** The containers at this depth and deeper were opened under the current budget. */
    private int budgetDepth;
    /** What closing the containers opened under the current budget may take, if all are cut. */
    private int reserved;
    /** Whether checks leave room for a stretch and the closings; false for a first, whole pass. */
    private boolean tight;
    /** True while {@link #boundedValue} owns the budget, so the top level does not restart it. */
    private boolean pinned;
    /** Whether the current budget cut or dropped anything. */
    private boolean sizeCut;
    /** Where strings are cut and after which no member or element is started. */
    private int limit;
    /** The budget that {@link #liftBudget()} set aside, while {@code lifted}. */
    private boolean lifted;
    private int liftedEnd;
    private boolean liftedTight;
    private int liftedDepth;
    private int liftedReserved;
    private boolean liftedCut;
    /** How many skipped containers, started while the budget was spent, are still open. */
    private int skipDepth;
    /** The name of the next member was dropped, so its value must be dropped too. */
    private boolean skipValue;

    /** Creates a writer with an empty buffer. */
    public JsonWriter(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits == null");
        this.encoder = new ValueEncoder(this, limits);
        startBudget(topLevelEnd(0), true);
    }

    /** Writes one value with a new writer and returns the JSON text. Never throws but fatally. */
    public static String toJson(Object value, JsonLimits limits) {
        return new JsonWriter(limits).value(value).toString();
    }

    /**
     * The most bytes {@link #value(Object)} writes for one top-level value: {@code maxBytes}, or
     * {@link #MIN_MAX_BYTES} when {@code maxBytes} is smaller.
     */
    public static long maxSize(JsonLimits limits) {
        return Math.max(limits.maxBytes(), MIN_MAX_BYTES);
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
        pinned = false;
        lifted = false;
        names.reset();
        startBudget(topLevelEnd(0), true);
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
            sizeCut = true;
            skipValue = true;
            return this;
        }
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY | AFTER_NAME;
        out.put('"');
        int from = out.pos;
        unquoted(name == null ? "null" : name);
        endName(from);
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

    /**
     * Writes any object by the rules of the class comment. Never throws but fatally. At the top
     * level, a value that does not fit in {@code maxBytes} is walked a second time to be cut.
     */
    public JsonWriter value(Object value) {
        if (depth == 0 && skipDepth == 0) {
            boundedValue(value, topLevelEnd(out.pos));
        } else {
            encoder.write(value);
        }
        return this;
    }

    /**
     * Writes {@code value} so that the output ends at or before {@code hardEnd}, provided that its
     * smallest cut form fits (see {@link #STRETCH}). The value is first written whole; only if it
     * does not fit is it rolled back and walked again, cut with room for the markers. So a value
     * that fits is never cut, and a value that does not is walked twice.
     */
    void boundedValue(Object value, int hardEnd) {
        int mark = out.pos;
        int top = depth - 1;
        int state = depth > 0 ? stack[top] : 0;
        int outerEnd = end;
        boolean outerTight = tight;
        int outerDepth = budgetDepth;
        int outerReserved = reserved;
        boolean outerCut = sizeCut;
        boolean outerPinned = pinned;
        pinned = true;
        try {
            startBudget(hardEnd, false);
            encoder.write(value);
            if (sizeCut || out.pos > hardEnd) {
                out.pos = mark;
                if (top >= 0) {
                    stack[top] = state;
                }
                startBudget(hardEnd, true);
                encoder.write(value);
            }
        } finally {
            pinned = outerPinned;
        }
        boolean cut = sizeCut;
        restoreBudget(outerEnd, outerTight, outerDepth, outerReserved, outerCut || cut);
    }

    /**
     * Lifts the byte budget until {@link #restoreBudget()}: what is written meanwhile is cut
     * only by {@code maxChars} and {@code maxItems} (and by {@link #boundedValue}). Not nested.
     *
     * @throws IllegalStateException if the budget is already lifted
     */
    void liftBudget() {
        if (lifted) {
            throw new IllegalStateException("liftBudget() twice without restoreBudget()");
        }
        lifted = true;
        liftedEnd = end;
        liftedTight = tight;
        liftedDepth = budgetDepth;
        liftedReserved = reserved;
        liftedCut = sizeCut;
        startBudget(ByteOutput.MAX_CAPACITY, false);
    }

    /** Brings back the budget that {@link #liftBudget()} lifted. */
    void restoreBudget() {
        if (!lifted) {
            throw new IllegalStateException("restoreBudget() without liftBudget()");
        }
        lifted = false;
        restoreBudget(liftedEnd, liftedTight, liftedDepth, liftedReserved, liftedCut);
    }

    private void restoreBudget(int end, boolean tight, int budgetDepth, int reserved, boolean sizeCut) {
        this.end = end;
        this.tight = tight;
        this.budgetDepth = budgetDepth;
        this.reserved = reserved;
        this.sizeCut = sizeCut;
        updateLimit();
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
            if (!pinned) {
                startBudget(topLevelEnd(out.pos), true);
            }
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
            sizeCut = true;
            return false;
        }
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY;
        return true;
    }

    /**
     * Writes a name given as ASCII bytes without quotes, uncut, like {@link #name(String)}: unique
     * in its object, and the member is dropped once the budget is spent.
     */
    void rawName(byte[] asciiName) {
        if (skipDepth > 0) {
            return;
        }
        int top = awaitingName("name()");
        int state = stack[top];
        if (out.pos >= limit) {
            stack[top] = state | CUT;
            sizeCut = true;
            skipValue = true;
            return;
        }
        if ((state & NONEMPTY) != 0) {
            out.put(',');
        }
        stack[top] = state | NONEMPTY | AFTER_NAME;
        out.put('"');
        int from = out.pos;
        out.raw(asciiName);
        endName(from);
    }

    /**
     * Completes a name whose text starts at {@code from}: if an earlier member of the object has
     * the same text, appends {@code #2}, {@code #3}, … (the first that is free), then the closing
     * quote and colon, and remembers the name.
     */
    private void endName(int from) {
        int to = out.pos;
        if (names.contains(out.buf, from, to)) {
            for (long n = 2; ; n++) { // ends: each try is a new text, and the object has finitely many names
                out.pos = to;
                out.put('#');
                out.longValue(n);
                if (!names.contains(out.buf, from, out.pos)) {
                    break;
                }
            }
        }
        names.add(out.buf, from, out.pos);
        out.put('"');
        out.put(':');
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

    /** The bytes of an ASCII name, for {@link #rawName(byte[])}. */
    static byte[] nameBytes(String asciiName) {
        return ascii(asciiName);
    }

    void openObject() {
        push(OBJECT);
        names.open();
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
            out.put('"');
            int from = out.pos;
            out.raw(CUT_NAME);
            endName(from);
            out.pos--; // endName wrote the colon; the value's bytes bring their own
            out.raw(SIZE_VALUE);
        }
        out.put('}');
        names.close();
        pop();
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
        pop();
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
            sizeCut = true;
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
        boolean readable = n <= JsonReader.MAX_INTEGER_DIGITS;
        if (n <= 32 || readable && n <= limits.maxChars() && (long) out.pos + n <= limit) {
            out.ascii(text);
        } else {
            if (readable && n <= limits.maxChars()) {
                sizeCut = true;
            }
            quoted(text);
        }
    }

    void rawBase64(byte[] data) {
        out.put('"');
        long total = ByteOutput.base64Length(data.length);
        int maxChars = limits.maxChars();
        long written = out.base64(data, maxChars, limit);
        if (written < Math.min(total, maxChars / 4 * 4L)) {
            sizeCut = true;
        }
        if (written < total) {
            out.cutMarker(total - written);
        }
        out.put('"');
    }

    /** Writes {@code "text"}, cut at {@code maxChars} chars and at the budget. */
    private void quoted(String text) {
        out.put('"');
        unquoted(text);
        out.put('"');
    }

    /** Writes the inside of {@code "text"}, cut at {@code maxChars} chars and at the budget. */
    private void unquoted(String text) {
        int length = text.length();
        int cut = Math.min(length, limits.maxChars());
        if (cut < length
                && Character.isHighSurrogate(text.charAt(cut - 1))
                && Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        int reached = 0;
        if (cut == length && (long) out.pos + length <= limit) {
            // the plain ASCII prefix, a byte a char, all before the limit; escaped() goes on from
            // the first other char (an escape, non-ASCII, a surrogate) with its own checks
            reached = out.plainAscii(text, 0, length);
            if (reached == length) {
                return;
            }
        }
        reached = out.escaped(text, reached, cut, limit);
        if (reached < cut) {
            sizeCut = true;
        }
        if (reached < length) {
            out.cutMarker(length - reached);
        }
    }

    /** Where the budget of a top-level value that starts at {@code position} ends. */
    private int topLevelEnd(int position) {
        return (int) Math.min(ByteOutput.MAX_CAPACITY, (long) position + limits.maxBytes());
    }

    /**
     * Starts a budget for what is written at the current depth from now on: nothing is started at
     * or after {@code hardEnd}; when {@code tight}, nothing is started that could not be cut and
     * closed before it.
     */
    private void startBudget(int hardEnd, boolean tight) {
        this.end = hardEnd;
        this.tight = tight;
        this.budgetDepth = depth;
        this.reserved = 0;
        this.sizeCut = false;
        updateLimit();
    }

    private void updateLimit() {
        limit = tight ? end - STRETCH - reserved : end;
    }

    private void push(int state) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        if (depth >= budgetDepth) {
            reserved += (state & OBJECT) != 0 ? OBJECT_CLOSE : ARRAY_CLOSE;
            updateLimit();
        }
        stack[depth++] = state;
    }

    private void pop() {
        depth--;
        if (depth >= budgetDepth) {
            reserved -= (stack[depth] & OBJECT) != 0 ? OBJECT_CLOSE : ARRAY_CLOSE;
            updateLimit();
        }
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
