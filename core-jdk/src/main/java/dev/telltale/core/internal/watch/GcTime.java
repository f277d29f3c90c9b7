package dev.telltale.core.internal.watch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The milliseconds every garbage collector has spent collecting since the JVM started (the sum of
 * {@link GarbageCollectorMXBean#getCollectionTime()}); the difference over a stall is the GC time
 * within it, so a collector's pause is not blamed on the application.
 */
final class GcTime implements LongSupplier {

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    @Override
    public long getAsLong() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            long t = gc.getCollectionTime();
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }
}
