package dev.telltale.watch;

import dev.telltale.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time that runs {@code dilation} times as fast as real time, for tests: at dilation 3 a second
 * passes in a third of a real second, at 0.1 in ten. Gives a {@link Clock}, a {@link #nanoTime()},
 * {@link #sleep} and schedulers ({@link #newScheduler}) that all follow it, and the dilation can
 * change while they run: what is pending then takes the new rate for the rest of its wait.
 *
 * <pre>{@code
 * TimeDilation time = TimeDilation.of(3);
 * ScheduledExecutorService loop = time.newScheduler("test-loop");
 * loop.schedule(task, 1, SECONDS);   // runs after about 0.33 s of real time
 * time.setDilation(0.1);             // from now on, ten times slower than real time
 * time.sleep(Duration.ofSeconds(1)); // about 10 s of real time
 * }</pre>
 *
 * <p>A watched loop on one of its schedulers measures its lag and heartbeats in dilated time.
 *
 * <p><b>Threading.</b> Thread-safe. Reading the time takes no lock; changing the dilation wakes
 * every sleeper and scheduler of this time so they wait the rest at the new rate.
 */
public final class TimeDilation {

    /** One stretch of constant dilation: dilated = dilatedBase + (real - realBase) * dilation. */
    private record Segment(long realBase, long dilatedBase, double dilation) {
        long dilated(long real) {
            return dilatedBase + (long) ((real - realBase) * dilation);
        }
    }

    private final Object lock = new Object();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Instant origin;
    private final long originNanos;
    private volatile Segment segment;
    private long generation; // guarded by lock

    private TimeDilation(double dilation) {
        long real = System.nanoTime();
        this.origin = Instant.now();
        this.originNanos = real;
        this.segment = new Segment(real, real, dilation);
    }

    /**
     * Time running {@code dilation} times as fast as real time, starting now at the real time.
     *
     * @throws IllegalArgumentException if {@code dilation} is not a positive finite number
     */
    public static TimeDilation of(double dilation) {
        return new TimeDilation(check(dilation));
    }

    private static double check(double dilation) {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation must be a positive finite number: " + dilation);
        }
        return dilation;
    }

    /** The current dilation. */
    public double dilation() {
        return segment.dilation();
    }

    /**
     * Makes time run {@code dilation} times as fast as real time from now on; time so far is kept.
     * Sleepers and schedulers wait the rest of their waits at the new rate.
     *
     * @throws IllegalArgumentException if {@code dilation} is not a positive finite number
     */
    public void setDilation(double dilation) {
        check(dilation);
        synchronized (lock) {
            long real = System.nanoTime();
            segment = new Segment(real, segment.dilated(real), dilation);
            generation++;
            lock.notifyAll();
        }
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    /** Dilated time in nanoseconds, like {@link System#nanoTime()} (started equal to it). */
    public long nanoTime() {
        return segment.dilated(System.nanoTime());
    }

    /** Real nanoseconds that {@code dilatedNanos} take at the current dilation, at least 1. */
    long realNanos(long dilatedNanos) {
        double real = Math.ceil(dilatedNanos / segment.dilation());
        return real >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, (long) real);
    }

    /** A clock in the system's zone whose instant moves in dilated time, from the real instant at creation. */
    public Clock clock() {
        return new DilatedClock(ZoneId.systemDefault());
    }

    /**
     * Sleeps for {@code duration} of dilated time, following changes of the dilation. A duration
     * too long to count in nanoseconds ({@code Duration.ofSeconds(Long.MAX_VALUE)}) sleeps until
     * interrupted; a negative one returns at once.
     *
     * @throws InterruptedException if interrupted while sleeping
     * @throws NullPointerException if {@code duration} is null
     */
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration == null");
        long target = nanoTime() + Durations.nanos(duration); // may wrap; only differences are used
        while (true) {
            long remaining = target - nanoTime();
            if (remaining <= 0) {
                return;
            }
            synchronized (lock) {
                long gen = generation;
                remaining = target - nanoTime();
                if (remaining <= 0) {
                    return;
                }
                long real = realNanos(remaining);
                while (gen == generation && real > 0) {
                    long start = System.nanoTime();
                    TimeUnit.NANOSECONDS.timedWait(lock, real);
                    real -= System.nanoTime() - start;
                }
            }
        }
    }

    /**
     * A scheduler of one daemon thread named {@code threadName} whose delays and periods are in
     * this dilated time. Shut it down when done.
     *
     * @throws NullPointerException if {@code threadName} is null
     */
    public ScheduledExecutorService newScheduler(String threadName) {
        return new DilatedScheduler(this, Objects.requireNonNull(threadName, "threadName == null"));
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "TimeDilation{" + dilation() + "}";
    }

    private final class DilatedClock extends Clock {
        private final ZoneId zone;

        DilatedClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new DilatedClock(Objects.requireNonNull(zone, "zone == null"));
        }

        @Override
        public Instant instant() {
            return origin.plusNanos(nanoTime() - originNanos);
        }

        @Override
        public String toString() {
            return "DilatedClock{" + TimeDilation.this.dilation() + ", " + (zone == null ? ZoneOffset.UTC : zone) + "}";
        }
    }
}
