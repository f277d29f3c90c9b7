package dev.telltale.core.internal.watch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One virtual thread of the JVM's JSON thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads})
 * written as {@link ThreadDump} writes a platform thread: {@code "name" #tid virtual}, {@code
 * java.lang.Thread.State: …} when the JSON has a state, the frames as {@code at
 * class.method(module@version/File.java:12)} with {@code - parking to wait for}, {@code - waiting
 * on}, {@code - waiting to lock} after the top frame and {@code - locked} after a frame that
 * holds a monitor, when the JSON has them (JDK 25). Stateless.
 */
final class VirtualThreadBlocks {

    /** {@code java.lang.Object@1b2c3d}, as {@code Objects.toIdentityString} writes a lock. */
    private static final Pattern IDENTITY = Pattern.compile("(.+)@([0-9a-f]{1,8})");

    private VirtualThreadBlocks() {}

    /**
     * Appends the block of {@code thread}, one object of the JSON's {@code threads} arrays; a
     * member of an unexpected type is left out, never thrown over. {@code versions} caches the
     * versions of JDK modules by name.
     */
    static void write(Map<?, ?> thread, Map<String, String> versions, Appendable out) throws IOException {
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
                String version = versions.computeIfAbsent(module, VirtualThreadBlocks::bootVersion);
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
