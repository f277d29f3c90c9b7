package dev.telltale.benchmarks;

import java.lang.management.ManagementFactory;

/** The bytes the current thread has allocated so far, from HotSpot's {@code ThreadMXBean}. */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private ThreadAllocation() {}

    /** Bytes allocated by the current thread since it started, or -1 where the JVM cannot tell. */
    static long current() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }
}
