package dev.telltale.core.internal.watch;

import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The virtual threads of a hang dump: JDK 21's {@code HotSpotDiagnosticMXBean.dumpThreads(file,
 * JSON)} writes every thread, virtual ones included, as JSON; {@link #append} reads that with the
 * core's {@link JsonReader} and writes the virtual threads in the block form of {@link
 * ThreadDump}, after the platform threads (see {@link VirtualThreadBlocks}; the JVM reports a
 * state on JDK 25, while JDK 21's JSON has only id, name and frames). The method is found by
 * reflection, so the core still runs on JDK 17, where {@link #available()} is false. Stateless;
 * any thread.
 */
final class VirtualThreadDump {

    /** The most virtual threads written into one dump; a line counts the rest. */
    static final int MAX_THREADS = 10_000;
    /** The largest JSON read; a bigger one (several hundred thousand threads) is left out. */
    static final long MAX_JSON_BYTES = 64L << 20;

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

    /** Has the JVM write all its threads as JSON to a file that does not exist; a seam for tests. */
    @FunctionalInterface
    interface JsonDumper {
        void dump(Path file) throws IOException;
    }

    /**
     * Appends the virtual threads of the JVM to {@code out}, after {@code platform}, the platform
     * threads written already: has {@code dumper} write the JSON to {@code json} (deleted first
     * if left by a crash, and after), reads it and {@link #append(byte[], Set, int, Appendable)
     * appends} what it holds. A failed dump, one of more than {@link #MAX_JSON_BYTES} or JSON it
     * cannot read gives {@link #leftOut a line} saying why instead.
     *
     * @throws IOException only from {@code out}
     */
    static void append(Path json, JsonDumper dumper, ThreadInfo[] platform, int limit, Appendable out) throws IOException {
        byte[] bytes;
        try {
            Files.deleteIfExists(json); // the JVM refuses a file that exists
            dumper.dump(json.toAbsolutePath());
            long size = Files.size(json);
            if (size > MAX_JSON_BYTES) {
                leftOut("the JVM's dump of all threads is " + size + " bytes of JSON, more than the " + MAX_JSON_BYTES
                        + " read for them", out);
                return;
            }
            bytes = Files.readAllBytes(json);
        } catch (IOException | RuntimeException e) {
            leftOut("the JVM's dump of all threads (HotSpotDiagnosticMXBean.dumpThreads) failed: " + e, out);
            return;
        } finally {
            try {
                Files.deleteIfExists(json);
            } catch (IOException e) {
                WatchService.LOG.log(Level.WARNING, "telltale: could not delete " + json + " after reading it: " + e);
            }
        }
        Set<Long> dumped = new HashSet<>();
        for (ThreadInfo info : platform) {
            if (info != null) {
                dumped.add(info.getThreadId());
            }
        }
        append(bytes, dumped, limit, out);
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
            VirtualThreadBlocks.write(threads.get(i), versions, out);
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
                throw new IllegalArgumentException("a thread container without a threads array: " + shortly(c));
            }
            for (Object t : threads) {
                if (!(t instanceof Map<?, ?> thread)) {
                    throw new IllegalArgumentException("a thread that is no object: " + shortly(t));
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

    /** A value for a message: at most 100 characters of it. */
    private static String shortly(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
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
}
