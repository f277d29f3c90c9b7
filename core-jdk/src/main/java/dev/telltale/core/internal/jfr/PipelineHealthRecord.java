package dev.telltale.core.internal.jfr;

import dev.telltale.PipelineStats;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.telltale.PipelineHealth}: the pipeline's accounting, at every health interval. */
@Name("dev.telltale.PipelineHealth")
@Label("Telltale Pipeline Health")
@Category({"Telltale", "Pipeline"})
@Description("Where every event offered to Telltale went: offered = published + dropped + pending")
@StackTrace(false)
public final class PipelineHealthRecord extends jdk.jfr.Event {

    @Label("Backend")
    String backend;

    @Label("Offered")
    long offered;

    @Label("Published")
    long published;

    @Label("Dropped: Queue Full")
    long droppedQueueFull;

    @Label("Dropped: Too Large")
    long droppedTooLarge;

    @Label("Dropped: Backend Error")
    long droppedBackendError;

    @Label("Dropped: Shutdown")
    long droppedShutdown;

    @Label("Pending")
    @Description("Offered but neither published nor dropped yet")
    long pending;

    @Label("Queue Depth")
    long queueDepth;

    @Label("Queue Bytes")
    @DataAmount
    long queueBytes;

    @Label("Suppressed")
    @Description("Events refused because Telltale's own threads emitted them")
    long suppressed;

    /** Commits one record of {@code stats}, if a recording wants it. */
    public static void commit(PipelineStats stats) {
        PipelineHealthRecord r = new PipelineHealthRecord();
        if (!r.shouldCommit()) {
            return;
        }
        r.backend = stats.backend();
        r.offered = stats.offered();
        r.published = stats.published();
        r.droppedQueueFull = stats.droppedQueueFull();
        r.droppedTooLarge = stats.droppedTooLarge();
        r.droppedBackendError = stats.droppedBackendError();
        r.droppedShutdown = stats.droppedShutdown();
        r.pending = stats.pending();
        r.queueDepth = stats.queueDepth();
        r.queueBytes = stats.queueBytes();
        r.suppressed = stats.suppressed();
        r.commit();
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return EventType.getEventType(PipelineHealthRecord.class);
    }
}
