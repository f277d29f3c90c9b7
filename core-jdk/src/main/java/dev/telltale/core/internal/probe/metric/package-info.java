/**
 * The figures probe instruments record into and report every interval: {@link
 * dev.telltale.core.internal.probe.metric.LogHistogram} (the distribution of a {@code timer}'s
 * nanoseconds or a {@code histogram}'s numbers, read as {@link
 * dev.telltale.core.internal.probe.metric.HistogramSnapshot}s) and {@link
 * dev.telltale.core.internal.probe.metric.Counter}.
 *
 * <p><b>Not exported.</b> The probe engine uses these types; applications never see them.
 *
 * <p><b>The hot path.</b> Recording takes no lock, never waits for another thread, does no I/O
 * and allocates nothing; memory is fixed when the metric is made. {@code HistogramBenchmark} in
 * the benchmarks module measures it ({@code -prof gc} shows 0 B/op).
 *
 * <p><b>Intervals.</b> One reporter thread reads each metric once per interval without stopping
 * the recording threads; each recorded value is counted in exactly one interval. Reading
 * allocates the snapshot, on the reporter's thread.
 *
 * <p><b>Nulls and failures.</b> Recording accepts every {@code long} and never throws. Arguments
 * that are objects must not be null ({@link java.lang.NullPointerException} naming them); bad
 * numbers throw {@link java.lang.IllegalArgumentException} naming the value.
 */
package dev.telltale.core.internal.probe.metric;
