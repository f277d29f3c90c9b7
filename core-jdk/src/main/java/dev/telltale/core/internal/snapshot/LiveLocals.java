package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the local variables of the saving thread's live frames through the JDK's {@code
 * java.lang.LiveStackFrame}, a {@link StackWalker} that also returns each frame's local slots.
 * That type is not exported, so this works only when {@code java.base} opens {@code java.lang} to
 * Telltale ({@code --add-opens java.base/java.lang=ALL-UNNAMED} on the class path, {@code
 * =dev.telltale.core} on the module path); otherwise {@link #available()} is false and {@link
 * #reason()} says what to add. Slots are named from the class file's {@code LocalVariableTable}
 * ({@link LocalNames}), and then only those in scope are kept; without a table they are {@code
 * slot0}, {@code slot1}, ... in the JVM's order (for an instance method {@code slot0} is {@code
 * this}). Primitive slots are raw {@code int} or {@code long} values.
 * Frames the JIT compiled may report values the method no longer uses. Thread-safe; never throws
 * but fatally.
 */
final class LiveLocals {

    /** What the document says when locals were not read because the frames are gone. */
    static final Map<String, Object> NOT_READ = notRead(
            "the exception's frames were gone when it was saved (uncaught, or saved on another thread)");

    private static final StackWalker WALKER;
    private static final Method GET_LOCALS;
    private static final Method SLOT_SIZE;
    private static final Method SLOT_INT;
    private static final Method SLOT_LONG;
    private static final String REASON;
    private static final LocalNames NAMES = new LocalNames();

    static {
        StackWalker walker = null;
        Method locals = null;
        Method size = null;
        Method intValue = null;
        Method longValue = null;
        String reason = null;
        try {
            Class<?> live = Class.forName("java.lang.LiveStackFrame");
            Method factory = live.getDeclaredMethod("getStackWalker", Set.class);
            factory.setAccessible(true);
            walker = (StackWalker) factory.invoke(null, EnumSet.of(StackWalker.Option.SHOW_REFLECT_FRAMES,
                    StackWalker.Option.RETAIN_CLASS_REFERENCE));
            locals = live.getDeclaredMethod("getLocals");
            locals.setAccessible(true);
            Class<?> slot = Class.forName("java.lang.LiveStackFrame$PrimitiveSlot");
            size = slot.getDeclaredMethod("size");
            size.setAccessible(true);
            intValue = slot.getDeclaredMethod("intValue");
            intValue.setAccessible(true);
            longValue = slot.getDeclaredMethod("longValue");
            longValue.setAccessible(true);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            walker = null;
            reason = "reading live frames needs --add-opens java.base/java.lang=" + (LiveLocals.class.getModule().isNamed()
                    ? LiveLocals.class.getModule().getName() : "ALL-UNNAMED") + " (" + t.getClass().getSimpleName() + ")";
        }
        WALKER = walker;
        GET_LOCALS = locals;
        SLOT_SIZE = size;
        SLOT_INT = intValue;
        SLOT_LONG = longValue;
        REASON = reason;
    }

    private LiveLocals() {}

    /** Whether locals can be read in this JVM. */
    static boolean available() {
        return WALKER != null;
    }

    /** Why they cannot, or null. */
    static String reason() {
        return REASON;
    }

    static Map<String, Object> notRead(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", false);
        m.put("reason", reason);
        return m;
    }

    /**
     * One live frame: its class and method, and (when read) its local slots, named on demand by
     * {@link #locals(int)}.
     */
    record Slots(String className, String methodName, Read read) {

        /**
         * The slots by name, as in scope at the first instruction of source line {@code line}:
         * for a frame whose own index means nothing in the class file (it stands in the agent's
         * hook). Null when the slots were not read.
         */
        Map<String, Object> locals(int line) {
            return read == null ? null : read.named(-1, line);
        }

        /**
         * The slots by name, as in scope where the frame stands: at its own index, or by its line
         * in the code it runs where that index is not on that line in the class file (the agent
         * rewrote the method). Null when the slots were not read.
         */
        Map<String, Object> locals() {
            return read == null ? null : read.named(read.bci(), read.line());
        }
    }

    /** The slots of one frame as read, not yet named. */
    record Read(Class<?> type, String method, String descriptor, int bci, int line, Object[] values, String error) {

        Map<String, Object> named(int at, int line) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (error != null) {
                out.put("$error", error);
                return out;
            }
            try {
                LocalNames.Names names = NAMES.at(type, method, descriptor, at, line);
                for (int i = 0; i < values.length; i++) {
                    String name = names.bySlot().get(i);
                    if (name != null) {
                        out.put(name, typed(values, i, names.descriptors().get(i)));
                    } else if (names.bySlot().isEmpty() && (names.maxLocals() < 0 || i < names.maxLocals())) {
                        out.put("slot" + i, typed(values, i, null)); // no table: every slot of the method's own, by number
                    }
                }
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                out.put("$error", ValueCapture.describe(t));
            }
            return out;
        }
    }

    /**
     * The live frames of this thread, outermost last, after dropping those for which {@code skip}
     * is true at the top; empty when locals are unavailable.
     */
    static List<Slots> walk(java.util.function.Predicate<String> skip) {
        return walkSelected(s -> s.dropWhile(f -> skip.test(f.getClassName())));
    }

    /**
     * The live frames of this thread that {@code select} keeps of the whole stack (innermost
     * first), outermost last, with their slots; empty when locals are unavailable.
     */
    static List<Slots> walkSelected(Function<Stream<StackWalker.StackFrame>, Stream<StackWalker.StackFrame>> select) {
        if (WALKER == null) {
            return List.of();
        }
        try {
            return WALKER.walk(s -> {
                List<Slots> out = new ArrayList<>();
                select.apply(s).forEach(f -> out.add(new Slots(f.getClassName(), f.getMethodName(), read(f))));
                return out;
            });
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return List.of();
        }
    }

    private static Read read(StackWalker.StackFrame frame) {
        try {
            Object[] slots = ((Object[]) GET_LOCALS.invoke(frame)).clone();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = value(slots[i]);
            }
            return new Read(frame.getDeclaringClass(), frame.getMethodName(), frame.getDescriptor(),
                    frame.getByteCodeIndex(), frame.getLineNumber(), slots, null);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return new Read(null, frame.getMethodName(), null, -1, -1, null, ValueCapture.describe(t));
        }
    }

    /** A slot the JVM gave as a primitive: its raw bits. */
    record Primitive(long bits) {}

    private static Object value(Object slot) throws ReflectiveOperationException {
        if (slot != null && slot.getClass().getName().startsWith("java.lang.LiveStackFrameInfo$PrimitiveSlot")) {
            return new Primitive(((Integer) SLOT_SIZE.invoke(slot)) == 4 ? (long) (int) SLOT_INT.invoke(slot)
                    : (long) SLOT_LONG.invoke(slot));
        }
        return slot;
    }

    /**
     * Slot {@code i} as a value of the variable's type ({@code descriptor}, null when unknown).
     * A {@code long} or {@code double} takes two slots, and the JVM keeps its value in one of them
     * (on 64-bit HotSpot's interpreter, the second): the non-zero one is taken. A reference
     * variable the JVM does not hold as a reference where the frame stands (its type there is
     * unknown to the JVM: the agent's hook runs in a handler that also covers the code before the
     * variable was set) is a marker, not the raw bits.
     */
    static Object typed(Object[] values, int i, String descriptor) {
        Object v = values[i];
        if (descriptor == null || descriptor.isEmpty()) {
            return v instanceof Primitive p ? (Object) p.bits() : v;
        }
        char kind = descriptor.charAt(0);
        if (kind == 'L' || kind == '[') {
            return v instanceof Primitive ? new ValueCapture.Unavailable(typeName(descriptor),
                    "the JVM does not hold it as a reference here (not set on every path to this point)") : v;
        }
        if (!(v instanceof Primitive p)) {
            return v; // null: the JVM did not say
        }
        long bits = p.bits();
        if ((kind == 'J' || kind == 'D') && bits == 0 && i + 1 < values.length && values[i + 1] instanceof Primitive q) {
            bits = q.bits();
        }
        switch (kind) {
            case 'Z':
                return (int) bits != 0;
            case 'C':
                return (char) bits;
            case 'F':
                return Float.intBitsToFloat((int) bits);
            case 'D':
                return Double.longBitsToDouble(bits);
            case 'J':
                return bits;
            default: // B, S, I
                return (int) bits;
        }
    }

    private static String typeName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        String base = descriptor.substring(dims);
        String name = base.startsWith("L") && base.endsWith(";") ? base.substring(1, base.length() - 1).replace('/', '.')
                : switch (base) {
                    case "Z" -> "boolean";
                    case "B" -> "byte";
                    case "C" -> "char";
                    case "S" -> "short";
                    case "I" -> "int";
                    case "J" -> "long";
                    case "F" -> "float";
                    case "D" -> "double";
                    default -> base;
                };
        return name + "[]".repeat(dims);
    }
}
