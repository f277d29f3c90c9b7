package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.core.internal.probe.expr.Symbol;
import dev.telltale.core.internal.probe.metric.Counter;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.ThrowToTarget;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.InstrumentStatus.State;
import dev.telltale.probe.ProbeEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One instrument armed on a probe: its spec's sampling, condition, rate limit and lifespan around
 * what the instrument records, and the shield between the instrument and the target. {@link
 * #admits} and {@link #fire} run on the application's thread; everything else under the
 * registry's lock or on its timer thread.
 *
 * <p>What a hit reads is in final fields: whether it needs the call's {@link Frame} is decided
 * once, here, so the dispatcher asks no subclass on the hot path. A hit without a frame allocates
 * nothing here; one over the rate limit, when no condition is set, is refused before its frame
 * is made.
 */
abstract class Armed {

    final InstrumentSpec spec;
    final ProbeImpl probe;
    private final Expression condition;
    private final Expression value;
    private final RateLimit limit;
    private final double sampling;
    private final boolean needsFrame;
    private final boolean countsOnly;
    private final boolean plain;
    /** Hits let through and recorded; {@code counter} without a value counts with this alone. */
    final Counter hits = new Counter();
    private final LongAdder limited = new LongAdder();
    private final LongAdder sampledOut = new LongAdder();
    final Instant expiresAt;
    private volatile State state = State.ACTIVE;
    private volatile String error;
    ScheduledFuture<?> expiry;

    /**
     * @param readsCall whether {@link #record} reads the call's {@link Frame} even with no
     *     condition or value (a log's exception, a custom instrument's hit)
     * @param countsOnly whether the hit count is all the instrument records (a counter without a
     *     value): {@link #record} is then not called, so a hit makes no call that, with several
     *     kinds of instrument in use, the JIT could not inline
     */
    Armed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value, boolean readsCall,
            boolean countsOnly) {
        this.spec = spec;
        this.probe = probe;
        this.condition = condition;
        this.value = value;
        this.limit = RateLimit.of(spec.rateLimit());
        this.sampling = spec.sampling();
        this.needsFrame = readsCall || condition != null || value != null;
        this.countsOnly = countsOnly;
        this.plain = !needsFrame && sampling >= 1 && limit == null;
        this.expiresAt = expiry(spec.lifespan());
    }

    private static Instant expiry(java.time.Duration lifespan) {
        try {
            return Instant.now().plus(lifespan);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /** Whether {@link #fire} needs the call's {@link Frame} (else it gets null). */
    final boolean needsFrame() {
        return needsFrame;
    }

    /** Whether {@link #record} needs the call's elapsed time. */
    boolean needsElapsed() {
        return reads(Symbol.ELAPSED);
    }

    /** Whether the condition or value reads {@code symbol}. */
    final boolean reads(Symbol symbol) {
        return condition != null && condition.reads(symbol) || value != null && value.reads(symbol);
    }

    ProbeEvent event() {
        return spec.event();
    }

    /**
     * The checks of a hit that need no frame: the instrument is active, sampling lets the hit
     * through and, when there is no condition, so does the rate limit (a hit refused is counted).
     * Only if this returns true does the caller make the frame, if needed, and call {@link
     * #fire}. Never throws.
     */
    final boolean admits() {
        if (state != State.ACTIVE) {
            return false;
        }
        if (sampling < 1 && ThreadLocalRandom.current().nextDouble() >= sampling) {
            sampledOut.increment();
            return false;
        }
        if (condition == null && limit != null && !limit.tryAcquire()) {
            limited.increment();
            return false;
        }
        return true;
    }

    /**
     * Records a hit that {@link #admits} let through if the condition and then the rate limit
     * let it through too. {@code frame} is null unless {@link #needsFrame()}. Never throws, but
     * for a {@link ThrowToTarget} from an instrument allowed to (a breakpoint).
     */
    final void fire(Frame frame, long elapsedNanos) {
        try {
            if (condition != null) {
                if (!condition.test(frame)) {
                    return;
                }
                if (limit != null && !limit.tryAcquire()) {
                    limited.increment();
                    return;
                }
            }
            if (frame != null) {
                frame.value = value == null ? null : value.evaluate(frame);
            }
            hits.increment();
            if (!countsOnly) {
                record(frame, elapsedNanos);
            }
        } catch (ThrowToTarget t) {
            throw t;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            probe.failed(this, t);
        }
    }

    /**
     * One hit that needs no frame, at a site where no instrument needs one: {@link #admits} then
     * {@link #fire}, in a few instructions when the instrument has no sampling, condition, value or
     * rate limit (a counter, a timer), so that the JIT inlines it where the site calls it.
     */
    final void fireLean(long elapsedNanos) {
        if (!plain) {
            if (admits()) {
                fire(null, elapsedNanos);
            }
            return;
        }
        if (state != State.ACTIVE) {
            return;
        }
        hits.increment();
        if (!countsOnly) {
            try {
                record(null, elapsedNanos);
            } catch (ThrowToTarget t) {
                throw t;
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                probe.failed(this, t);
            }
        }
    }

    /**
     * Records a hit let through, after it was counted; not called if the count is all the
     * instrument records. {@code frame} is null unless {@link #needsFrame()}.
     */
    abstract void record(Frame frame, long elapsedNanos) throws Exception;

    /**
     * The figures of the interval just ended for a {@code probe.metric} event, or null for none.
     * Called on the timer thread, and once more when the instrument leaves its probe.
     */
    Map<String, Object> report() {
        return null;
    }

    /** Called once when the instrument leaves its probe. */
    void close() {}

    /** Marks the instrument gone; returns false if it was already. */
    final boolean retire(State why, String errorText) {
        synchronized (this) {
            if (state != State.ACTIVE) {
                return false;
            }
            error = errorText;
            state = why;
        }
        ScheduledFuture<?> e = expiry;
        if (e != null) {
            e.cancel(false);
        }
        return true;
    }

    final State state() {
        return state;
    }

    final long hits() {
        return hits.total();
    }

    final long limited() {
        return limited.sum();
    }

    final long sampledOut() {
        return sampledOut.sum();
    }

    final InstrumentStatus status() {
        return new InstrumentStatus(spec, state, hits.total(), limited.sum(), sampledOut.sum(), error, expiresAt);
    }
}
