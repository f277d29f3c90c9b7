package dev.telltale.core.internal.jfr;

import java.util.List;
import jdk.jfr.EventType;
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

    /**
     * Initializes every Telltale event class, registering it with JFR, and returns their types in
     * a fixed order. Blocks while JFR starts up; throws whatever a JVM without a usable JFR throws.
     */
    public static List<EventType> registerEventTypes() {
        return List.of(EventRecord.type(), ContextRecord.type(), PipelineHealthRecord.type(), BackendFailureRecord.type(),
                SlowTaskRecord.type(), HangRecord.type(), LoopLagRecord.type(), ProbeMetricRecord.type(),
                CrashSnapshotRecord.type(), SpanRecord.type());
    }

    /**
     * Whether JFR has been started in this JVM (a recording ran or runs): a static read, no set-up.
     * While it has not, no recording can want Telltale's events.
     */
    public static boolean jfrUp() {
        return FlightRecorder.isInitialized();
    }
}
