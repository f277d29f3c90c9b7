package dev.telltale.core.internal.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Registers Telltale's JFR event types off the application's threads. The first use of a JFR
 * event class registers it with the JVM, and when no recording has run yet that first loads and
 * starts JFR's own machinery: a tenth of a second or more, which must not land on the first
 * {@code emit} or inside the first context's life. The engine runs {@link #registerEventTypes}
 * on a thread of its own when it starts and, until that is done, copies events to JFR only if
 * JFR is already up ({@link #jfrUp()}): when it is not, no recording exists, so nothing is lost.
 */
public final class JfrSetup {

    private JfrSetup() {}

    /** Initializes every Telltale event class, registering it with JFR. Blocks while JFR starts up. */
    public static void registerEventTypes() {
        EventRecord.enabled();
        ContextRecord.touch();
        PipelineHealthRecord.touch();
        BackendFailureRecord.touch();
        SlowTaskRecord.touch();
        HangRecord.touch();
        LoopLagRecord.touch();
        ProbeMetricRecord.touch();
        CrashSnapshotRecord.touch();
    }

    /**
     * Whether JFR has been started in this JVM (a recording ran or runs): a static read, no set-up.
     * While it has not, no recording can want Telltale's events.
     */
    public static boolean jfrUp() {
        return FlightRecorder.isInitialized();
    }
}
