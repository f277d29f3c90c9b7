package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.core.internal.probe.metric.LogHistogram;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A probed method handle with a {@code counter} or a {@code timer}, and a histogram's record,
 * allocate nothing on the calling thread (issue 11: 0 B per call). Measured with the thread's
 * allocated-bytes counter over many calls, not with a clock; the bound leaves room for the
 * counter's granularity and a one-off (a TLAB refill, a lazily made object), not for a byte per
 * call.
 */
@Timeout(120)
class ProbeAllocationTest {

    private static final int CALLS = 200_000;
    private static final long BOUND = 16 * 1024;
    private static final MethodHandle WORK;

    static {
        try {
            WORK = MethodHandles.lookup().findStatic(ProbeAllocationTest.class, "work",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int work(int x) {
        return x * 31 + 7; // results above Integer's cache: a boxed result would show
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Telltale telltale;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none")
                .healthInterval(Duration.ZERO).build();
    }

    @AfterEach
    void close() {
        if (telltale != null) {
            telltale.close();
        }
    }

    /** Bytes the calling thread allocates for {@link #CALLS} calls of {@code handle}, after as many to warm up. */
    private long allocated(MethodHandle handle) throws Throwable {
        long sum = calls(handle); // warm up: lambda forms spun, code compiled
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        sum += calls(handle);
        long bytes = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(sum != 0, "results used");
        return bytes;
    }

    private static long calls(MethodHandle handle) throws Throwable {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += (int) handle.invokeExact(1000 + i);
        }
        return sum;
    }

    @Test
    void handleWithCounter_callsAllocateNothing() throws Throwable {
        Probes probes = telltale.probes();
        MethodHandle counted = probes.handle("counted", WORK);
        Probe probe = probes.attach(Target.handle("counted")).add(InstrumentSpec.counter("calls").build());

        long bytes = allocated(counted);

        assertTrue(bytes < BOUND, bytes + " bytes for " + CALLS + " calls with a counter");
        assertEquals(2L * CALLS, probe.instruments().get(0).hits(), "every call was counted");
    }

    @Test
    void handleWithTimer_callsAllocateNothing() throws Throwable {
        Probes probes = telltale.probes();
        MethodHandle timed = probes.handle("timed", WORK);
        Probe probe = probes.attach(Target.handle("timed")).add(InstrumentSpec.timer("elapsed").build());

        long bytes = allocated(timed);

        assertTrue(bytes < BOUND, bytes + " bytes for " + CALLS + " calls with a timer");
        assertEquals(2L * CALLS, probe.instruments().get(0).hits(), "every call was timed");
    }

    @Test
    void histogramRecord_allocatesNothing() {
        LogHistogram histogram = new LogHistogram();
        for (int i = 0; i < CALLS; i++) {
            histogram.record(i * 997L);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            histogram.record(i * 997L + Long.MAX_VALUE / 4);
        }
        long bytes = threads.getThreadAllocatedBytes(id) - before;

        assertTrue(bytes < BOUND, bytes + " bytes for " + CALLS + " records");
        assertEquals(2L * CALLS, histogram.intervalSnapshot().count());
    }
}
