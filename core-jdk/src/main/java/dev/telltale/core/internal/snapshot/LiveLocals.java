package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** One live frame: its class and method, and its slots by name. */
    record Slots(String className, String methodName, Map<String, Object> locals) {}

    /**
     * The live frames of this thread, outermost last, after dropping those for which {@code skip}
     * is true at the top; empty when locals are unavailable.
     */
    static List<Slots> walk(java.util.function.Predicate<String> skip) {
        if (WALKER == null) {
            return List.of();
        }
        try {
            return WALKER.walk(s -> {
                List<Slots> out = new ArrayList<>();
                s.dropWhile(f -> skip.test(f.getClassName()))
                        .forEach(f -> out.add(new Slots(f.getClassName(), f.getMethodName(), slots(f))));
                return out;
            });
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return List.of();
        }
    }

    private static Map<String, Object> slots(StackWalker.StackFrame frame) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Object[] slots = (Object[]) GET_LOCALS.invoke(frame);
            Map<Integer, String> names = NAMES.at(frame.getDeclaringClass(), frame.getMethodName(), frame.getDescriptor(),
                    frame.getByteCodeIndex());
            for (int i = 0; i < slots.length; i++) {
                String name = names.get(i);
                if (name != null) {
                    out.put(name, value(slots[i]));
                } else if (names.isEmpty()) { // no table: every slot, by number
                    out.put("slot" + i, value(slots[i]));
                }
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            out.put("$error", ValueCapture.describe(t));
        }
        return out;
    }

    private static Object value(Object slot) throws ReflectiveOperationException {
        if (slot != null && slot.getClass().getName().startsWith("java.lang.LiveStackFrameInfo$PrimitiveSlot")) {
            return ((Integer) SLOT_SIZE.invoke(slot)) == 4 ? SLOT_INT.invoke(slot) : SLOT_LONG.invoke(slot);
        }
        return slot;
    }
}
