package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.telltale.ProbeMetric}: one metric instrument's figures for one report interval
 * (counter: count and total; histogram: its distribution; timer: the same in nanoseconds, in the
 * {@code Timer} fields, which JDK Mission Control shows as durations). Committed on Telltale's
 * probe timer thread.
 */
@Name("dev.telltale.ProbeMetric")
@Label("Telltale Probe Metric")
@Category({"Telltale", "Probes"})
@Description("A probe instrument's figures for one report interval")
@StackTrace(false)
public final class ProbeMetricRecord extends jdk.jfr.Event {

    private static final EventType TYPE = EventType.getEventType(ProbeMetricRecord.class);

    @Label("Probe")
    String probe;

    @Label("Target")
    String target;

    @Label("Instrument")
    String instrument;

    @Label("Type")
    @Description("counter, histogram, timer, or a custom type")
    String type;

    @Label("Count")
    @Description("Hits recorded in the interval")
    long count;

    @Label("Total")
    @Description("A counter's total since it was added")
    long total;

    @Label("Min")
    double min;

    @Label("Mean")
    double mean;

    @Label("P50")
    double p50;

    @Label("P99")
    double p99;

    @Label("Max")
    double max;

    @Label("Timer Min")
    @Timespan(Timespan.NANOSECONDS)
    long timerMin;

    @Label("Timer Mean")
    @Timespan(Timespan.NANOSECONDS)
    long timerMean;

    @Label("Timer P50")
    @Timespan(Timespan.NANOSECONDS)
    long timerP50;

    @Label("Timer P99")
    @Timespan(Timespan.NANOSECONDS)
    long timerP99;

    @Label("Timer Max")
    @Timespan(Timespan.NANOSECONDS)
    long timerMax;

    /** Commits one record if a recording enables the type; NaN figures are left out (0). */
    public static void commit(String probe, String target, String instrument, String type, boolean timer,
            double count, double total, double min, double mean, double p50, double p99, double max) {
        if (!TYPE.isEnabled()) {
            return;
        }
        ProbeMetricRecord r = new ProbeMetricRecord();
        r.probe = probe;
        r.target = target;
        r.instrument = instrument;
        r.type = type;
        r.count = (long) orZero(count);
        r.total = (long) orZero(total);
        if (timer) {
            r.timerMin = (long) orZero(min);
            r.timerMean = (long) orZero(mean);
            r.timerP50 = (long) orZero(p50);
            r.timerP99 = (long) orZero(p99);
            r.timerMax = (long) orZero(max);
        } else {
            r.min = orZero(min);
            r.mean = orZero(mean);
            r.p50 = orZero(p50);
            r.p99 = orZero(p99);
            r.max = orZero(max);
        }
        r.commit();
    }

    private static double orZero(double d) {
        return Double.isNaN(d) ? 0 : d;
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return TYPE;
    }
}
