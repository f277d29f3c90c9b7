package dev.telltale.core.internal.watch;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One dump of all platform threads in the text format {@code jstack} prints, so thread-dump
 * analysers read it: the date, {@code Full thread dump <vm> (<version> <info>):}, then per thread
 * {@code "name" #id [daemon] prio=… os_prio=0 cpu=…ms elapsed=0.00s tid=0x… nid=0x… <state>},
 * {@code java.lang.Thread.State: …}, its frames {@code at …} with {@code - waiting to lock},
 * {@code - waiting on}, {@code - parking to wait for} and {@code - locked} lines, and, in a full
 * dump, its locked ownable synchronizers. Java does not know a thread's native {@code tid} and
 * {@code nid}, nor its elapsed time on JDK 17: they are written as zeros.
 *
 * <p>A cheap dump ({@code synchronizers == false}) costs milliseconds; a full one makes the JVM
 * walk the heap for ownable synchronizers, which stops the world for hundreds of milliseconds on a
 * large heap.
 */
public final class ThreadDump {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ThreadDump() {}

    /** Dumps all threads now; returns their infos (the dump's order) after writing them to {@code out}. */
    public static ThreadInfo[] write(ThreadMXBean mx, boolean synchronizers, Appendable out) throws IOException {
        ThreadInfo[] infos = mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(),
                synchronizers && mx.isSynchronizerUsageSupported());
        out.append(DATE.format(LocalDateTime.now())).append('\n');
        out.append("Full thread dump ").append(System.getProperty("java.vm.name", "Java VM")).append(" (")
                .append(System.getProperty("java.vm.version", "?")).append(' ')
                .append(System.getProperty("java.vm.info", "")).append("):\n\n");
        for (ThreadInfo info : infos) {
            if (info != null) {
                thread(mx, info, synchronizers, out);
            }
        }
        return infos;
    }

    /**
     * Dumps all threads as a hang dump does by default: as {@link #write}, then, on JDK 21+, the
     * virtual threads in the same form (see {@code telltale.watch.hang.virtual-threads}), the
     * JVM's JSON dump of them going through {@code scratch}, which is deleted after. For the
     * benchmark of a default dump; a hang dump takes the same two steps.
     */
    public static ThreadInfo[] writeWithVirtualThreads(ThreadMXBean mx, boolean synchronizers, Path scratch, Appendable out)
            throws IOException {
        ThreadInfo[] threads = write(mx, synchronizers, out);
        if (VirtualThreadDump.available()) {
            VirtualThreadDump.append(scratch, VirtualThreadDump::dumpJson, threads, VirtualThreadDump.MAX_THREADS, out);
        }
        return threads;
    }

    private static void thread(ThreadMXBean mx, ThreadInfo info, boolean synchronizers, Appendable out)
            throws IOException {
        StackTraceElement[] frames = info.getStackTrace();
        String top = frames.length == 0 ? "" : frames[0].getClassName() + "." + frames[0].getMethodName();
        long cpu = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(info.getThreadId()) : -1;
        out.append('"').append(info.getThreadName().replace("\"", "\\\"")).append("\" #").append(Long.toString(info.getThreadId()));
        if (info.isDaemon()) {
            out.append(" daemon");
        }
        out.append(" prio=").append(Integer.toString(info.getPriority())).append(" os_prio=0");
        if (cpu >= 0) {
            out.append(" cpu=").append(String.format(java.util.Locale.ROOT, "%.2f", cpu / 1e6)).append("ms");
        }
        out.append(" elapsed=0.00s tid=0x0000000000000000 nid=0x0 ").append(condition(info.getThreadState(), top))
                .append("  [0x0000000000000000]\n");
        out.append("   java.lang.Thread.State: ").append(info.getThreadState().name()).append(detail(info.getThreadState(), top))
                .append('\n');
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int i = 0; i < frames.length; i++) {
            out.append("\tat ").append(frame(frames[i])).append('\n');
            if (i == 0) {
                waitingLine(info, top, out);
            }
            for (MonitorInfo m : monitors) {
                if (m.getLockedStackDepth() == i) {
                    out.append("\t- locked ").append(lock(m)).append('\n');
                }
            }
        }
        if (synchronizers) {
            out.append("\n   Locked ownable synchronizers:\n");
            LockInfo[] locked = info.getLockedSynchronizers();
            if (locked.length == 0) {
                out.append("\t- None\n");
            }
            for (LockInfo l : locked) {
                out.append("\t- ").append(lock(l)).append('\n');
            }
        }
        out.append('\n');
    }

    private static void waitingLine(ThreadInfo info, String top, Appendable out) throws IOException {
        LockInfo lock = info.getLockInfo();
        if (lock == null) {
            return;
        }
        switch (info.getThreadState()) {
            case BLOCKED:
                out.append("\t- waiting to lock ").append(lock(lock)).append('\n');
                break;
            case WAITING:
            case TIMED_WAITING:
                if (top.endsWith(".park")) {
                    out.append("\t- parking to wait for  ").append(lock(lock)).append('\n');
                } else {
                    out.append("\t- waiting on ").append(lock(lock)).append('\n');
                }
                break;
            default:
                break;
        }
    }

    /** jstack's words after {@code nid=}. */
    static String condition(Thread.State state, String top) {
        switch (state) {
            case RUNNABLE:
                return "runnable";
            case BLOCKED:
                return "waiting for monitor entry";
            case WAITING:
            case TIMED_WAITING:
                return top.equals("java.lang.Object.wait") || top.equals("java.lang.Object.wait0") ? "in Object.wait()"
                        : "waiting on condition";
            default:
                return state.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** jstack's parenthesis after the state. */
    static String detail(Thread.State state, String top) {
        switch (state) {
            case BLOCKED:
                return " (on object monitor)";
            case WAITING:
            case TIMED_WAITING:
                if (top.endsWith(".park")) {
                    return " (parking)";
                }
                if (top.startsWith("java.lang.Thread.sleep")) {
                    return " (sleeping)";
                }
                return top.startsWith("java.lang.Object.wait") ? " (on object monitor)" : "";
            default:
                return "";
        }
    }

    /** {@code java.lang.Thread.sleep(java.base@17.0.9/Native Method)}, {@code Shop.run(Shop.java:12)}. */
    static String frame(StackTraceElement e) {
        StringBuilder b = new StringBuilder(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.getModuleName() != null) {
            b.append(e.getModuleName());
            if (e.getModuleVersion() != null) {
                b.append('@').append(e.getModuleVersion());
            }
            b.append('/');
        }
        if (e.isNativeMethod()) {
            b.append("Native Method");
        } else if (e.getFileName() == null) {
            b.append("Unknown Source");
        } else {
            b.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                b.append(':').append(e.getLineNumber());
            }
        }
        return b.append(')').toString();
    }

    private static String lock(LockInfo l) {
        return String.format(java.util.Locale.ROOT, "<0x%016x> (a %s)", l.getIdentityHashCode(), l.getClassName());
    }
}
