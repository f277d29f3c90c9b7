package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.core.internal.probe.expr.Symbol;
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
 * #fire} runs on the application's thread; everything else under the registry's lock or on its
 * timer thread.
 */
abstract class Armed {

    final InstrumentSpec spec;
    final ProbeImpl probe;
    private final Expression condition;
    private final Expression value;
    private final RateLimit limit;
    private final double sampling;
    private final LongAdder hits = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder sampledOut = new LongAdder();
    final Instant expiresAt;
    private volatile State state = State.ACTIVE;
    private volatile String error;
    ScheduledFuture<?> expiry;

    Armed(InstrumentSpec spec, ProbeImpl probe, Expression condition, Expression value) {
        this.spec = spec;
        this.probe = probe;
        this.condition = condition;
        this.value = value;
        this.limit = RateLimit.of(spec.rateLimit());
        this.sampling = spec.sampling();
        this.expiresAt = expiry(spec.lifespan());
    }

    private static Instant expiry(java.time.Duration lifespan) {
        try {
            return Instant.now().plus(lifespan);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /** Whether {@link #record} needs the call's {@link Frame} (else it gets null). */
    boolean needsFrame() {
        return condition != null || value != null;
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
     * Records one hit if sampling, the condition and the rate limit let it through. Never throws,
     * but for a {@link ThrowToTarget} from an instrument allowed to (a breakpoint).
     */
    final void fire(Frame frame, long elapsedNanos) {
        if (state != State.ACTIVE) {
            return;
        }
        if (sampling < 1 && ThreadLocalRandom.current().nextDouble() >= sampling) {
            sampledOut.increment();
            return;
        }
        try {
            if (condition != null && !condition.test(frame)) {
                return;
            }
            if (limit != null && !limit.tryAcquire()) {
                limited.increment();
                return;
            }
            if (frame != null) {
                frame.value = value == null ? null : value.evaluate(frame);
            }
            hits.increment();
            record(frame, elapsedNanos);
        } catch (ThrowToTarget t) {
            throw t;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            probe.failed(this, t);
        }
    }

    /** Records a hit let through. {@code frame} is null unless {@link #needsFrame()}. */
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
        return hits.sum();
    }

    final long limited() {
        return limited.sum();
    }

    final long sampledOut() {
        return sampledOut.sum();
    }

    final InstrumentStatus status() {
        return new InstrumentStatus(spec, state, hits.sum(), limited.sum(), sampledOut.sum(), error, expiresAt);
    }
}
