package dev.telltale;

/**
 * The pipeline's accounting at one moment. It always balances:
 *
 * <pre>{@code offered == published + dropped() + pending}</pre>
 *
 * <p>Counts are cumulative since the pipeline started. While producers are running, the figures
 * are read one after another rather than atomically; {@code pending} is derived so that the
 * equation holds in every snapshot, and {@code queueDepth} is the queue's own measure. Once
 * producers have stopped and the pipeline is flushed or closed, {@code pending} and {@code
 * queueDepth} are both zero and every other count is exact.
 *
 * @param backend the name of the backend in use, or {@code "none"} when events go to JFR only
 * @param offered events handed to the pipeline
 * @param published events the backend accepted
 * @param droppedQueueFull events evicted because the queue was full ({@link DropReason#QUEUE_FULL})
 * @param droppedTooLarge events too large to publish ({@link DropReason#TOO_LARGE})
 * @param droppedBackendError events the backend failed to publish ({@link DropReason#BACKEND_ERROR})
 * @param droppedShutdown events still unpublished when the pipeline closed ({@link
 *     DropReason#SHUTDOWN})
 * @param pending events offered but neither published nor dropped yet: queued or in flight
 * @param queueDepth events in the queue now
 * @param queueBytes estimated encoded size of the events in the queue now
 * @param suppressed events refused because Telltale's own threads emitted them (for example a
 *     backend client's log records fed back through a log bridge); they are not offered
 */
public record PipelineStats(
        String backend,
        long offered,
        long published,
        long droppedQueueFull,
        long droppedTooLarge,
        long droppedBackendError,
        long droppedShutdown,
        long pending,
        long queueDepth,
        long queueBytes,
        long suppressed) {

    /** All dropped events, whatever the reason. */
    public long dropped() {
        return droppedQueueFull + droppedTooLarge + droppedBackendError + droppedShutdown;
    }

    /** The events dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return switch (reason) {
            case QUEUE_FULL -> droppedQueueFull;
            case TOO_LARGE -> droppedTooLarge;
            case BACKEND_ERROR -> droppedBackendError;
            case SHUTDOWN -> droppedShutdown;
        };
    }
}
