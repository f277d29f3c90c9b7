package dev.telltale.core.internal.pipeline;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Origin;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pipeline's numbers, read from a {@link Config}, whose loading checked each against its key's
 * range; here only what involves two keys is checked.
 *
 * @param queueCapacity queue capacity in events
 * @param queueMaxBytes queue capacity in estimated bytes
 * @param batchSize most events per batch
 * @param flushInterval longest wait before queued events are handed on
 * @param flushTimeout longest close
 * @param healthInterval period of health events, zero for none
 * @param retryAttempts attempts per batch
 * @param backoff waits between attempts
 * @param limits encoding limits, {@code maxBytes} being the largest event
 */
public record PipelineSettings(
        int queueCapacity,
        long queueMaxBytes,
        int batchSize,
        Duration flushInterval,
        Duration flushTimeout,
        Duration healthInterval,
        int retryAttempts,
        Backoff backoff,
        JsonLimits limits) {

    /**
     * How many queued events wake the publisher before the flush interval is up: a full batch, or
     * half the queue when that comes first, so that a batch as large as the queue does not wait
     * until the queue is full (when the oldest events would already be going).
     */
    public int wakeThreshold() {
        return Math.max(1, Math.min(batchSize, queueCapacity / 2));
    }

    /** The defaults of the configuration table. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(8192, 16L << 20, 1024, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 3, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)),
                new JsonLimits(16, 16384, 1000, 1 << 20));
    }

    /** As {@link #from(Config, Consumer, int)}, with no backend preference for the batch size. */
    public static PipelineSettings from(Config config, Consumer<String> warn) {
        return from(config, warn, 0);
    }

    /**
     * Reads the settings from {@code config}. A value that conflicts with another (a queue smaller
     * than the largest event, a longest backoff shorter than the first) fails with an {@link
     * IllegalArgumentException} naming it when set in code; from the environment it is reported
     * through {@code warn} and replaced. When {@code telltale.batch.size} is not
     * configured, {@code preferredBatchSize} (the backend's, when positive) replaces its default.
     */
    public static PipelineSettings from(Config config, Consumer<String> warn, int preferredBatchSize) {
        List<String> codeProblems = new ArrayList<>();
        Problems r = new Problems(config, warn, codeProblems);
        int capacity = config.integer(CoreKeys.QUEUE_CAPACITY);
        long eventMax = config.size(CoreKeys.EVENT_MAX_BYTES);
        long queueBytes = config.size(CoreKeys.QUEUE_MAX_BYTES);
        if (queueBytes < eventMax) {
            r.problem(CoreKeys.QUEUE_MAX_BYTES, "must be at least " + CoreKeys.EVENT_MAX_BYTES.name() + " ("
                    + eventMax + " bytes) so that any event fits", Long.toString(eventMax));
            queueBytes = eventMax;
        }
        int batch = config.origin(CoreKeys.BATCH_SIZE.name()) == Origin.DEFAULT && preferredBatchSize > 0
                ? Math.min(preferredBatchSize, 1 << 20)
                : config.integer(CoreKeys.BATCH_SIZE);
        Duration interval = config.duration(CoreKeys.FLUSH_INTERVAL);
        Duration timeout = config.duration(CoreKeys.FLUSH_TIMEOUT);
        Duration health = config.duration(CoreKeys.HEALTH_INTERVAL);
        int attempts = config.integer(CoreKeys.RETRY_ATTEMPTS);
        Duration backoff = config.duration(CoreKeys.RETRY_BACKOFF);
        Duration maxBackoff = config.duration(CoreKeys.RETRY_MAX_BACKOFF);
        if (maxBackoff.compareTo(backoff) < 0) {
            r.problem(CoreKeys.RETRY_MAX_BACKOFF, "must not be shorter than " + CoreKeys.RETRY_BACKOFF.name(),
                    backoff.toMillis() + "ms");
            maxBackoff = backoff;
        }
        int depth = config.integer(CoreKeys.VALUE_MAX_DEPTH);
        int chars = config.integer(CoreKeys.VALUE_MAX_CHARS);
        int items = config.integer(CoreKeys.VALUE_MAX_ITEMS);
        if (!codeProblems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", codeProblems));
        }
        return new PipelineSettings(capacity, queueBytes, batch, interval, timeout, health, attempts,
                new Backoff(backoff, maxBackoff), new JsonLimits(depth, chars, items, (int) eventMax));
    }

    /** Problems that involve two keys, reported by where the value came from. */
    private record Problems(Config config, Consumer<String> warn, List<String> codeProblems) {

        void problem(ConfigKey key, String what, String replacement) {
            Origin origin = config.origin(key.name());
            String message = key.name() + " (" + origin.label() + ") " + what;
            if (origin == Origin.CODE) {
                codeProblems.add(message);
            } else {
                warn.accept(message + "; using " + replacement + " instead");
            }
        }
    }
}
