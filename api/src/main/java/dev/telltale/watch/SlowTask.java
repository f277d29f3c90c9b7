package dev.telltale.watch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One report of a slow task: a task of a watched executor, or a turn of a loop the application
 * drives ({@link LoopWatch}), that ran longer than the threshold.
 *
 * @param phase {@link Phase#RUNNING} while it still runs, {@link Phase#ENDED} when it is over,
 *     {@link Phase#PINNED} when it held a virtual thread's carrier pinned
 * @param executor the name the watched executor was given; for a loop's turn, the loop's name
 * @param task the task's name: the one given with {@link Watches#named}, else one derived from its
 *     class or the code it runs (see {@link Watches}); for a loop's turn, the name given to {@link
 *     LoopWatch#beat(String)}, else the loop's name
 * @param thread the name of the thread that runs it
 * @param elapsed how long it had run when reported; when ended, its whole duration; when pinned,
 *     how long it held the carrier
 * @param stack the thread's stack when reported running or where it blocked pinned (innermost
 *     frame first; from JFR, without file names); empty when ended
 * @param reportedRunning when ended, whether it was reported while it ran; when running, true;
 *     when pinned, false
 */
public record SlowTask(Phase phase, String executor, String task, String thread, Duration elapsed,
        List<StackTraceElement> stack, boolean reportedRunning) {

    /** Whether the task still ran when reported. */
    public enum Phase {
        /** Still running past the threshold. */
        RUNNING,
        /** Ended, after running at least the threshold or after a running report. */
        ENDED,
        /**
         * On a virtual thread (JDK 21+), held its carrier thread pinned for at least {@code
         * telltale.watch.pinned.threshold}: JFR's {@code jdk.VirtualThreadPinned}, reported after
         * the pin ended (JFR delivers it about a second later); {@code elapsed} is how long it was
         * pinned and {@code stack} the virtual thread's stack when it blocked pinned.
         */
        PINNED
    }

    /** Checks for nulls and copies the stack. */
    public SlowTask {
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(executor, "executor == null");
        Objects.requireNonNull(task, "task == null");
        Objects.requireNonNull(thread, "thread == null");
        Objects.requireNonNull(elapsed, "elapsed == null");
        stack = List.copyOf(stack);
    }
}
