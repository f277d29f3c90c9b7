package dev.telltale.core.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.telltale.BackendFailure}: one failed attempt to open a backend or publish a batch. */
@Name("dev.telltale.BackendFailure")
@Label("Telltale Backend Failure")
@Category({"Telltale", "Pipeline"})
@Description("A failed attempt to reach the backend; the pipeline backs off and retries")
@StackTrace(false)
public final class BackendFailureRecord extends jdk.jfr.Event {

    @Label("Backend")
    String backend;

    @Label("Error")
    String error;

    @Label("Consecutive Failures")
    int consecutiveFailures;

    @Label("Batch Size")
    @Description("Events in the batch being published; 0 while opening the backend")
    int batchSize;

    /** Commits one record, if a recording wants it. */
    public static void commit(String backend, String error, int consecutiveFailures, int batchSize) {
        BackendFailureRecord r = new BackendFailureRecord();
        if (r.shouldCommit()) {
            r.backend = backend;
            r.error = error;
            r.consecutiveFailures = consecutiveFailures;
            r.batchSize = batchSize;
            r.commit();
        }
    }

    /** This event's type; the call initializes this class, which registers the type with JFR (see {@link JfrSetup}). */
    static EventType type() {
        return EventType.getEventType(BackendFailureRecord.class);
    }
}
