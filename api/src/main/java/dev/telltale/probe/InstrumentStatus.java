package dev.telltale.probe;

import java.time.Instant;

/**
 * One instrument's state, as {@link Probe#instruments()} reports it. A snapshot; Telltale makes
 * these, users only read them (components may be added at the end).
 *
 * @param spec what the instrument was added with
 * @param state whether it still records, and if not why
 * @param hits hits it recorded
 * @param limited hits not recorded because they exceeded the rate limit
 * @param sampledOut hits not recorded because sampling left them out
 * @param error the error that disabled it ({@code "java.lang.X: message"}), or null
 * @param expiresAt when its lifespan ends
 */
public record InstrumentStatus(InstrumentSpec spec, State state, long hits, long limited, long sampledOut,
        String error, Instant expiresAt) {

    /** An instrument's state. */
    public enum State {
        /** Recording hits (while its probe runs). */
        ACTIVE,
        /** Its lifespan ended; removed. */
        EXPIRED,
        /** It threw, or its expression failed; disabled and removed. */
        FAILED,
        /** Removed by {@link Probe#remove}, {@link Probe#detach} or the pipeline's close. */
        REMOVED
    }
}
