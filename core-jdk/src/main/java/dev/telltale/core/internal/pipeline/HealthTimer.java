package dev.telltale.core.internal.pipeline;

import dev.telltale.internal.Durations;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop of the health thread: every {@code telltale.health.interval} until the pipeline
 * closes, {@link Pipeline#reportHealth()}. A thread of its own because the publisher may be
 * inside a slow backend or backing off for seconds, which is exactly when operators need the
 * reports. It never touches the backend; the report only reads counters and queues an event.
 */
final class HealthTimer implements Runnable {

    private static final System.Logger LOG = System.getLogger("dev.telltale");

    private final Pipeline pipeline;
    private final long periodNanos;
    private volatile Thread thread;
    private boolean warned;

    HealthTimer(Pipeline pipeline, long periodNanos) {
        this.pipeline = pipeline;
        this.periodNanos = periodNanos;
    }

    /** Wakes the timer so that it sees the pipeline closed. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long next = System.nanoTime() + periodNanos;
        while (!pipeline.isClosed()) {
            long left = next - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
                continue;
            }
            try {
                pipeline.reportHealth();
            } catch (Throwable t) { // nothing would restart this thread: report once and carry on
                if (!warned) {
                    warned = true;
                    LOG.log(Level.ERROR, "telltale: unexpected error reporting health (a Telltale bug); it carries on", t);
                }
            }
            next = System.nanoTime() + periodNanos;
        }
    }

    /** The period in nanoseconds of {@code settings}' health interval; 0 for none. */
    static long period(PipelineSettings settings) {
        return Durations.nanos(settings.healthInterval());
    }
}
