package dev.telltale.probe;

import java.util.Map;

/**
 * A custom instrument: what runs when a probe fires, for users' own needs (feed a metric library,
 * capture a sample, count distinct values). Made by an {@link InstrumentFactory} registered under
 * a type name, or handed to {@link Probe#add(InstrumentSpec, Instrument)}.
 *
 * <p>{@link #record} runs on the application's thread, inside the probed call, after the spec's
 * rate limit, sampling and condition let the hit through: keep it short and non-blocking. It may
 * be called by many threads at once. Anything it throws is caught: the instrument is disabled,
 * the error is published as a {@code probe.error} event and kept in its status, and the target
 * never sees it.
 */
public interface Instrument {

    /** Records one hit. */
    void record(Hit hit) throws Exception;

    /**
     * The instrument's figures for the interval just ended, published as a {@code probe.metric}
     * event every {@code telltale.probe.report-interval}; null (the default) publishes nothing.
     * Called on Telltale's timer thread.
     */
    default Map<String, ?> report() {
        return null;
    }

    /** Called once when the instrument is removed, expires or fails; on any thread. */
    default void close() {}
}
