package dev.telltale;

/**
 * Why an event offered to the pipeline was not published. Every dropped event is counted under
 * exactly one reason; see {@link PipelineStats}.
 */
public enum DropReason {
    /** The queue was full (in events or in bytes) and the event was the oldest one queued. */
    QUEUE_FULL("queue-full"),
    /** The encoded event was larger than the backend or {@code telltale.event.max-bytes} allows. */
    TOO_LARGE("too-large"),
    /** The backend failed to publish the event, after the configured retries. */
    BACKEND_ERROR("backend-error"),
    /** The pipeline was closed before the event could be published. */
    SHUTDOWN("shutdown");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The lower-case, hyphenated name used in JSON, JFR and log lines, e.g. {@code queue-full}. */
    public String label() {
        return label;
    }
}
