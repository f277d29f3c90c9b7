package dev.telltale.probe;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pauses calls of a target so a test can line threads up (the concurrency tests of Byteman's
 * BMUnit or the seed's {@code Breakpoint}): {@code try (var bp = Breakpoint.on(probes, target,
 * ProbeEvent.CALL)) { bp.startThread(work); bp.await(1, timeout); ... bp.release(); }}.
 *
 * <p>Three forms: {@link #on} pauses each matching call until {@link #release()} (or at most
 * {@link Builder#maxPause}, 1 minute by default, so a forgotten breakpoint cannot hang a build);
 * {@link Builder#fail} makes each matching call throw; {@link Builder#recordOnly} never blocks
 * and only records. Works on every target kind {@link Probes#attach} accepts. Thread-safe.
 *
 * <p>TODO(probes): implementation pending; see the probes issue.
 */
public final class Breakpoint implements AutoCloseable {

    private Breakpoint() {}

    /** A pausing breakpoint on {@code event} of {@code target}, armed now. */
    public static Breakpoint on(Probes probes, Target target, ProbeEvent event) {
        return builder(probes, target).event(event).build();
    }

    /** A builder for a breakpoint on {@code target} (default: pause on call). */
    public static Builder builder(Probes probes, Target target) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Starts a daemon thread running {@code task}; {@link #close()} joins it. */
    public Thread startThread(Runnable task) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Waits until at least {@code hits} calls have reached the breakpoint since it was armed.
     *
     * @throws AssertionError if that does not happen within {@code timeout}; the message says
     *     how many did
     */
    public void await(int hits, Duration timeout) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The number of calls that reached the breakpoint. */
    public int hits() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The calls paused now. */
    public int paused() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The frame of the first call still paused, or of the last call recorded if none is paused.
     *
     * @throws IllegalStateException if no call reached the breakpoint
     */
    public Frame frame() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The frames of every call that reached the breakpoint, oldest first. */
    public List<Frame> frames() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Lets every call paused now continue; later calls pause again. */
    public void release() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Disarms the breakpoint, releases every paused call and joins the threads it started.
     *
     * @throws AssertionError if a started thread has not ended within 10 seconds
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * What a call that reached the breakpoint looked like: copied when it arrived.
     *
     * @param thread the calling thread
     * @param self the receiver, or null
     * @param args the arguments
     * @param result the result (return breakpoints)
     * @param exception the exception (exception breakpoints)
     */
    public record Frame(Thread thread, Object self, List<Object> args, Object result, Throwable exception) {}

    /** Configures a breakpoint. Not thread-safe. */
    public static final class Builder {

        private Builder() {}

        /** The event to stop on; default {@link ProbeEvent#CALL}. */
        public Builder event(ProbeEvent event) {
            throw new UnsupportedOperationException("not yet");
        }

        /** Only calls for which {@code expression} is true (see {@link InstrumentSpec}). */
        public Builder condition(String expression) {
            throw new UnsupportedOperationException("not yet");
        }

        /** Makes each matching call throw what {@code error} supplies instead of pausing. */
        public Builder fail(Supplier<? extends Throwable> error) {
            throw new UnsupportedOperationException("not yet");
        }

        /** Never blocks: only records frames and counts hits. */
        public Builder recordOnly() {
            throw new UnsupportedOperationException("not yet");
        }

        /** The longest one call stays paused; default 1 minute. */
        public Builder maxPause(Duration max) {
            throw new UnsupportedOperationException("not yet");
        }

        /** Arms the breakpoint. */
        public Breakpoint build() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
