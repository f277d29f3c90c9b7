package dev.telltale;

import java.util.Objects;

/**
 * The pipeline's accounting at one moment. It always balances:
 *
 * <pre>{@code offered() == published() + dropped() + pending()}</pre>
 *
 * <p>Counts are cumulative since the pipeline started. While producers are running, the figures
 * are read one after another rather than atomically; {@code pending} is derived so that the
 * equation holds in every snapshot, and {@code queueDepth} is the queue's own measure. Once
 * producers have stopped and the pipeline is flushed or closed, {@code pending} and {@code
 * queueDepth} are both zero and every other count is exact.
 *
 * <p>Applications get these from {@link Telltale#stats()}; the engine (and tests) build them with
 * {@link #builder()}. A new count (a new {@link DropReason}, say) arrives as a new accessor and
 * builder method, so code that reads or builds stats keeps compiling (see {@code RATIONALE.md}).
 * Instances are immutable and safe to share between threads.
 */
public final class PipelineStats {

    private final String backend;
    private final long offered;
    private final long published;
    private final long droppedQueueFull;
    private final long droppedTooLarge;
    private final long droppedBackendError;
    private final long droppedShutdown;
    private final long pending;
    private final long queueDepth;
    private final long queueBytes;
    private final long suppressed;

    private PipelineStats(Builder b) {
        this.backend = b.backend;
        this.offered = b.offered;
        this.published = b.published;
        this.droppedQueueFull = b.droppedQueueFull;
        this.droppedTooLarge = b.droppedTooLarge;
        this.droppedBackendError = b.droppedBackendError;
        this.droppedShutdown = b.droppedShutdown;
        this.pending = b.pending;
        this.queueDepth = b.queueDepth;
        this.queueBytes = b.queueBytes;
        this.suppressed = b.suppressed;
    }

    /** A builder whose counts are all zero and whose backend is {@code "none"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these figures, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .backend(backend)
                .offered(offered)
                .published(published)
                .droppedQueueFull(droppedQueueFull)
                .droppedTooLarge(droppedTooLarge)
                .droppedBackendError(droppedBackendError)
                .droppedShutdown(droppedShutdown)
                .pending(pending)
                .queueDepth(queueDepth)
                .queueBytes(queueBytes)
                .suppressed(suppressed);
    }

    /** The name of the backend in use, or {@code "none"} when events go to JFR only. */
    public String backend() {
        return backend;
    }

    /** Events handed to the pipeline. */
    public long offered() {
        return offered;
    }

    /** Events the backend accepted. */
    public long published() {
        return published;
    }

    /** Events evicted because the queue was full ({@link DropReason#QUEUE_FULL}). */
    public long droppedQueueFull() {
        return droppedQueueFull;
    }

    /** Events too large to publish ({@link DropReason#TOO_LARGE}). */
    public long droppedTooLarge() {
        return droppedTooLarge;
    }

    /** Events the backend failed to publish ({@link DropReason#BACKEND_ERROR}). */
    public long droppedBackendError() {
        return droppedBackendError;
    }

    /** Events still unpublished when the pipeline closed ({@link DropReason#SHUTDOWN}). */
    public long droppedShutdown() {
        return droppedShutdown;
    }

    /** Events offered but neither published nor dropped yet: queued or in flight. */
    public long pending() {
        return pending;
    }

    /** Events in the queue now. */
    public long queueDepth() {
        return queueDepth;
    }

    /** Estimated encoded size of the events in the queue now. */
    public long queueBytes() {
        return queueBytes;
    }

    /**
     * Events refused because Telltale's own threads emitted them (for example a backend client's
     * log records fed back through a log bridge); they are not offered.
     */
    public long suppressed() {
        return suppressed;
    }

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

    /** Whether {@code o} holds the same backend and figures. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PipelineStats s
                && backend.equals(s.backend) && offered == s.offered && published == s.published
                && droppedQueueFull == s.droppedQueueFull && droppedTooLarge == s.droppedTooLarge
                && droppedBackendError == s.droppedBackendError && droppedShutdown == s.droppedShutdown
                && pending == s.pending && queueDepth == s.queueDepth && queueBytes == s.queueBytes
                && suppressed == s.suppressed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, offered, published, droppedQueueFull, droppedTooLarge, droppedBackendError,
                droppedShutdown, pending, queueDepth, queueBytes, suppressed);
    }

    /** Every figure, as {@code PipelineStats[backend=file, offered=…, …]}. */
    @Override
    public String toString() {
        return "PipelineStats[backend=" + backend + ", offered=" + offered + ", published=" + published
                + ", droppedQueueFull=" + droppedQueueFull + ", droppedTooLarge=" + droppedTooLarge
                + ", droppedBackendError=" + droppedBackendError + ", droppedShutdown=" + droppedShutdown
                + ", pending=" + pending + ", queueDepth=" + queueDepth + ", queueBytes=" + queueBytes
                + ", suppressed=" + suppressed + "]";
    }

    /**
     * Makes {@link PipelineStats}; every figure defaults to zero and the backend to {@code
     * "none"}. Figures are taken as given (the engine keeps them balanced). Not thread-safe.
     */
    public static final class Builder {

        private String backend = "none";
        private long offered;
        private long published;
        private long droppedQueueFull;
        private long droppedTooLarge;
        private long droppedBackendError;
        private long droppedShutdown;
        private long pending;
        private long queueDepth;
        private long queueBytes;
        private long suppressed;

        private Builder() {}

        /**
         * The backend's name. Default {@code "none"}.
         *
         * @throws NullPointerException if {@code backend} is null
         */
        public Builder backend(String backend) {
            this.backend = Objects.requireNonNull(backend, "backend == null");
            return this;
        }

        /** Events handed to the pipeline. */
        public Builder offered(long offered) {
            this.offered = offered;
            return this;
        }

        /** Events the backend accepted. */
        public Builder published(long published) {
            this.published = published;
            return this;
        }

        /** Events evicted because the queue was full. */
        public Builder droppedQueueFull(long count) {
            this.droppedQueueFull = count;
            return this;
        }

        /** Events too large to publish. */
        public Builder droppedTooLarge(long count) {
            this.droppedTooLarge = count;
            return this;
        }

        /** Events the backend failed to publish. */
        public Builder droppedBackendError(long count) {
            this.droppedBackendError = count;
            return this;
        }

        /** Events unpublished when the pipeline closed. */
        public Builder droppedShutdown(long count) {
            this.droppedShutdown = count;
            return this;
        }

        /** The events dropped for {@code reason}; the same as the matching {@code dropped…} method. */
        public Builder dropped(DropReason reason, long count) {
            switch (Objects.requireNonNull(reason, "reason == null")) {
                case QUEUE_FULL -> droppedQueueFull = count;
                case TOO_LARGE -> droppedTooLarge = count;
                case BACKEND_ERROR -> droppedBackendError = count;
                case SHUTDOWN -> droppedShutdown = count;
            }
            return this;
        }

        /** Events offered but neither published nor dropped yet. */
        public Builder pending(long pending) {
            this.pending = pending;
            return this;
        }

        /** Events in the queue now. */
        public Builder queueDepth(long events) {
            this.queueDepth = events;
            return this;
        }

        /** Estimated encoded size of the events in the queue now. */
        public Builder queueBytes(long bytes) {
            this.queueBytes = bytes;
            return this;
        }

        /** Events refused because Telltale's own threads emitted them. */
        public Builder suppressed(long suppressed) {
            this.suppressed = suppressed;
            return this;
        }

        /** New stats with these figures. */
        public PipelineStats build() {
            return new PipelineStats(this);
        }
    }
}
