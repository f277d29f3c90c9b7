package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual threads of a hang dump: JDK 21's {@code HotSpotDiagnosticMXBean.dumpThreads(file,
 * JSON)} writes every thread, virtual ones included, as JSON; {@link #append} reads that with the
 * core's {@link JsonReader} and writes the virtual threads in the block form of {@link
 * ThreadDump}, after the platform threads: {@code "name" #tid virtual}, {@code
 * java.lang.Thread.State: …} when the JVM reports a state (JDK 25 does; JDK 21's JSON has only id,
 * name and frames), the
 * frames as {@code at …} lines with jstack's lock lines where the JSON has them (JDK 25). The
 * method is found by reflection, so the core still runs on JDK 17, where {@link #available()} is
 * false. Stateless; any thread.
 */
final class VirtualThreadDump {

    /** The most virtual threads written into one dump; a line counts the rest. */
    static final int MAX_THREADS = 10_000;
    /** The largest JSON read; a bigger one (several hundred thousand threads) is left out. */
    static final long MAX_JSON_BYTES = 64L << 20;

    /** {@code java.lang.Object@1b2c3d}, as {@code Objects.toIdentityString} writes a lock. */
    private static final Pattern IDENTITY = Pattern.compile("(.+)@([0-9a-f]{1,8})");

    private static final Object BEAN;
    private static final Method DUMP;
    private static final Object JSON;

    static {
        Object bean = null;
        Method dump = null;
        Object json = null;
        try {
            Class<?> type = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            dump = type.getMethod("dumpThreads", String.class, format);
            for (Object constant : format.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals("JSON")) {
                    json = constant;
                }
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object b = ManagementFactory.getPlatformMXBean((Class) type);
            bean = b;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            dump = null; // before JDK 21, or without jdk.management
        }
        BEAN = bean;
        DUMP = dump;
        JSON = json;
    }

    private VirtualThreadDump() {}

    /** Whether this JVM can dump virtual threads (JDK 21+ with {@code jdk.management}). */
    static boolean available() {
        return DUMP != null && BEAN != null && JSON != null;
    }

    /**
     * Has the JVM write all its threads as JSON to {@code file}, which must not exist.
     *
     * @throws IllegalStateException if {@link #available()} is false or the JVM refused, with
     *     its reason
     */
    static void dumpJson(Path file) {
        if (!available()) {
            throw new IllegalStateException("this JVM cannot dump virtual threads (JDK 21+ needed)");
        }
        try {
            DUMP.invoke(BEAN, file.toAbsolutePath().toString(), JSON);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("dumpThreads failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("dumpThreads is not accessible: " + e, e);
        }
    }

    /** Appends the line that says why a dump has no virtual threads. */
    static void leftOut(String why, Appendable out) throws IOException {
        out.append("Virtual threads left out: ").append(why).append("\n\n");
    }

    /**
     * Appends the virtual threads of the JVM's JSON dump {@code json} to {@code out}: those whose
     * id is not in {@code dumped} (the platform threads written already) and that the JSON marks
     * virtual (JDK 25; JDK 21's JSON marks none, so there every thread not dumped counts), at
     * most {@code limit}, then a line counting those left out. Nothing when there are none. JSON
     * it cannot read gives {@link #leftOut a line} saying why instead.
     *
     * @throws IOException only from {@code out}
     */
    static void append(byte[] json, Set<Long> dumped, int limit, Appendable out) throws IOException {
        List<Map<?, ?>> threads;
        try {
            threads = virtualThreads(JsonReader.parseObject(json, 0, json.length), dumped);
        } catch (RuntimeException e) {
            leftOut("the JVM's dump of all threads (HotSpotDiagnosticMXBean.dumpThreads, " + json.length
                    + " bytes of JSON) could not be read: " + e.getMessage(), out);
            return;
        }
        if (threads.isEmpty()) {
            return;
        }
        out.append("Virtual threads (").append(Integer.toString(threads.size()))
                .append(", from HotSpotDiagnosticMXBean.dumpThreads just after the platform threads above):\n\n");
        Map<String, String> versions = new HashMap<>();
        int written = Math.min(limit, threads.size());
        for (int i = 0; i < written; i++) {
            thread(threads.get(i), versions, out);
        }
        if (written < threads.size()) {
            out.append(Integer.toString(threads.size() - written)).append(" more virtual threads left out (at most ")
                    .append(Integer.toString(limit)).append(" are written)\n\n");
        }
    }

    /** The virtual threads of the JSON, in its order. @throws IllegalArgumentException if it is not a thread dump */
    private static List<Map<?, ?>> virtualThreads(Map<String, Object> root, Set<Long> dumped) {
        if (!(root.get("threadDump") instanceof Map<?, ?> dump) || !(dump.get("threadContainers") instanceof List<?> containers)) {
            throw new IllegalArgumentException("no threadDump.threadContainers array in it");
        }
        List<Map<?, ?>> virtual = new ArrayList<>();
        for (Object c : containers) {
            if (!(c instanceof Map<?, ?> container) || !(container.get("threads") instanceof List<?> threads)) {
                throw new IllegalArgumentException("a thread container without a threads array: " + c);
            }
            for (Object t : threads) {
                if (!(t instanceof Map<?, ?> thread)) {
                    throw new IllegalArgumentException("a thread that is no object: " + t);
                }
                Long tid = tid(thread.get("tid"));
                boolean marked = thread.containsKey("state") || thread.containsKey("virtual"); // JDK 25's form
                boolean isVirtual = marked ? Boolean.TRUE.equals(thread.get("virtual")) : !dumped.contains(tid);
                if (isVirtual && !dumped.contains(tid)) {
                    virtual.add(thread);
                }
            }
        }
        return virtual;
    }

    /** The JSON's {@code "tid"}, a string of digits (a number is taken too), or null. */
    private static Long tid(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static void thread(Map<?, ?> thread, Map<String, String> versions, Appendable out) throws IOException {
        Object name = thread.get("name");
        Object tid = thread.get("tid");
        out.append('"').append(name instanceof String s ? s.replace("\"", "\\\"") : "").append("\" #")
                .append(tid instanceof String || tid instanceof Number ? tid.toString() : "?").append(" virtual\n");
        List<String> frames = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        if (thread.get("stack") instanceof List<?> stack) {
            for (Object f : stack) {
                if (f instanceof String s) {
                    String[] frame = frame(s, versions);
                    methods.add(frame[0]);
                    frames.add(frame[1]);
                }
            }
        }
        Thread.State state = state(thread.get("state"));
        if (state != null) {
            out.append("   java.lang.Thread.State: ").append(state.name()).append(detail(state, methods)).append('\n');
        }
        Map<Integer, List<String>> locked = locked(thread.get("monitorsOwned"));
        for (int i = 0; i < frames.size(); i++) {
            out.append("\tat ").append(frames.get(i)).append('\n');
            if (i == 0 && state != null) {
                waitingLine(thread, state, out);
            }
            for (String lock : locked.getOrDefault(i, List.of())) {
                out.append("\t- locked ").append(lock(lock)).append('\n');
            }
        }
        out.append('\n');
    }

    private static Thread.State state(Object value) {
        if (value instanceof String s) {
            for (Thread.State state : Thread.State.values()) {
                if (state.name().equals(s)) {
                    return state;
                }
            }
        }
        return null;
    }

    /** jstack's parenthesis after the state, knowing that a virtual thread parks and sleeps in {@code VirtualThread}. */
    private static String detail(Thread.State state, List<String> methods) {
        String top = methods.isEmpty() ? "" : methods.get(0);
        if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && top.startsWith("java.lang.VirtualThread.park")) {
            return methods.contains("java.lang.VirtualThread.sleepNanos") ? " (sleeping)" : " (parking)";
        }
        return ThreadDump.detail(state, top);
    }

    /** The line after the top frame: what the thread waits for, as JDK 25's JSON says. */
    private static void waitingLine(Map<?, ?> thread, Thread.State state, Appendable out) throws IOException {
        if (state == Thread.State.BLOCKED && thread.get("blockedOn") instanceof String lock) {
            out.append("\t- waiting to lock ").append(lock(lock)).append('\n');
        } else if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            if (thread.get("parkBlocker") instanceof Map<?, ?> blocker && blocker.get("object") instanceof String lock) {
                out.append("\t- parking to wait for  ").append(lock(lock)).append('\n');
            } else if (thread.get("waitingOn") instanceof String lock) {
                out.append("\t- waiting on ").append(lock(lock)).append('\n');
            }
        }
    }

    /** JDK 25's {@code monitorsOwned}: [{depth, locks: [...]}] by depth. */
    private static Map<Integer, List<String>> locked(Object monitorsOwned) {
        if (!(monitorsOwned instanceof List<?> owned)) {
            return Map.of();
        }
        Map<Integer, List<String>> byDepth = new HashMap<>();
        for (Object o : owned) {
            if (o instanceof Map<?, ?> m && m.get("depth") instanceof Number depth && m.get("locks") instanceof List<?> locks) {
                for (Object lock : locks) {
                    if (lock instanceof String s) {
                        byDepth.computeIfAbsent(depth.intValue(), d -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        return byDepth;
    }

    /** {@code java.lang.Object@1b2c3d} as jstack writes a lock, {@code <0x00000000001b2c3d> (a java.lang.Object)}. */
    static String lock(String identity) {
        Matcher m = IDENTITY.matcher(identity);
        if (!m.matches()) {
            return "<" + identity + ">";
        }
        return String.format(Locale.ROOT, "<0x%016x> (a %s)", Long.parseLong(m.group(2), 16), m.group(1));
    }

    /**
     * A frame as {@code StackTraceElement.toString} writes it ({@code
     * [loader/][module[@version]/]class.method(File.java:12)}), as jstack writes it ({@code
     * class.method(module@version/File.java:12)}), with the version of a JDK module, which that
     * string leaves out, from the boot layer: {class.method, the frame}. A string of another
     * form is kept as it is.
     */
    static String[] frame(String s, Map<String, String> versions) {
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")")) {
            return new String[] {s, s};
        }
        String head = s.substring(0, open);
        int slash = head.lastIndexOf('/');
        while (slash >= 0 && head.startsWith("0x", slash + 1)) { // a hidden class: Foo$$Lambda/0x…
            slash = head.lastIndexOf('/', slash - 1);
        }
        String method = head.substring(slash + 1);
        String module = "";
        if (slash > 0) {
            String prefix = head.substring(0, slash);
            module = prefix.substring(prefix.indexOf('/') + 1); // after the loader's name, if any
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(method).append('(');
        if (!module.isEmpty()) {
            b.append(module);
            if (module.indexOf('@') < 0) {
                String version = versions.computeIfAbsent(module, VirtualThreadDump::bootVersion);
                if (!version.isEmpty()) {
                    b.append('@').append(version);
                }
            }
            b.append('/');
        }
        return new String[] {method, b.append(s, open + 1, s.length()).toString()};
    }

    private static String bootVersion(String module) {
        Optional<Module> m = ModuleLayer.boot().findModule(module);
        return m.flatMap(x -> x.getDescriptor() == null ? Optional.empty() : x.getDescriptor().rawVersion()).orElse("");
    }
}
