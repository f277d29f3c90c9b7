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
 * The pipeline's numbers, read from a {@link Config} and checked against their ranges.
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
     * Reads the settings from {@code config}. A value out of range that was set in code fails
     * with an {@link IllegalArgumentException} naming it; one from the environment is reported
     * through {@code warn} and replaced by its default. When {@code telltale.batch.size} is not
     * configured, {@code preferredBatchSize} (the backend's, when positive) replaces its default.
     */
    public static PipelineSettings from(Config config, Consumer<String> warn, int preferredBatchSize) {
        List<String> codeProblems = new ArrayList<>();
        Ranges r = new Ranges(config, warn, codeProblems);
        int capacity = r.integer(CoreKeys.QUEUE_CAPACITY, 1, 1 << 30);
        long eventMax = r.size(CoreKeys.EVENT_MAX_BYTES, 1024, Integer.MAX_VALUE - 64);
        long queueBytes = r.size(CoreKeys.QUEUE_MAX_BYTES, 1024, Long.MAX_VALUE);
        if (queueBytes < eventMax) {
            r.problem(CoreKeys.QUEUE_MAX_BYTES, "must be at least " + CoreKeys.EVENT_MAX_BYTES.name() + " ("
                    + eventMax + " bytes) so that any event fits", Long.toString(eventMax));
            queueBytes = eventMax;
        }
        int batch = config.origin(CoreKeys.BATCH_SIZE.name()) == Origin.DEFAULT && preferredBatchSize > 0
                ? Math.min(preferredBatchSize, 1 << 20)
                : r.integer(CoreKeys.BATCH_SIZE, 1, 1 << 20);
        Duration interval = r.duration(CoreKeys.FLUSH_INTERVAL, Duration.ofMillis(1));
        Duration timeout = r.duration(CoreKeys.FLUSH_TIMEOUT, Duration.ZERO);
        Duration health = r.duration(CoreKeys.HEALTH_INTERVAL, Duration.ZERO);
        int attempts = r.integer(CoreKeys.RETRY_ATTEMPTS, 1, 1000);
        Duration backoff = r.duration(CoreKeys.RETRY_BACKOFF, Duration.ZERO);
        Duration maxBackoff = r.duration(CoreKeys.RETRY_MAX_BACKOFF, Duration.ZERO);
        if (maxBackoff.compareTo(backoff) < 0) {
            r.problem(CoreKeys.RETRY_MAX_BACKOFF, "must not be shorter than " + CoreKeys.RETRY_BACKOFF.name(),
                    backoff.toMillis() + "ms");
            maxBackoff = backoff;
        }
        int depth = r.integer(CoreKeys.VALUE_MAX_DEPTH, 1, 256);
        int chars = r.integer(CoreKeys.VALUE_MAX_CHARS, 16, Integer.MAX_VALUE);
        int items = r.integer(CoreKeys.VALUE_MAX_ITEMS, 1, Integer.MAX_VALUE);
        if (!codeProblems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", codeProblems));
        }
        return new PipelineSettings(capacity, queueBytes, batch, interval, timeout, health, attempts,
                new Backoff(backoff, maxBackoff), new JsonLimits(depth, chars, items, (int) eventMax));
    }

    /** Range checks that know where a value came from. */
    private record Ranges(Config config, Consumer<String> warn, List<String> codeProblems) {

        int integer(ConfigKey key, int min, int max) {
            int value = config.integer(key);
            if (value < min || value > max) {
                problem(key, "must be in [" + min + ", " + max + "] but is " + value, key.defaultValue());
                return Integer.parseInt(key.defaultValue());
            }
            return value;
        }

        long size(ConfigKey key, long min, long max) {
            long value = config.size(key);
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + " bytes but is " + value, key.defaultValue());
                return dev.telltale.core.internal.config.Values.size(key.defaultValue());
            }
            return value;
        }

        Duration duration(ConfigKey key, Duration min) {
            Duration value = config.duration(key);
            if (value.compareTo(min) < 0) {
                problem(key, "must be at least " + min.toMillis() + "ms but is " + value.toMillis() + "ms",
                        key.defaultValue());
                return dev.telltale.core.internal.config.Values.duration(key.defaultValue());
            }
            return value;
        }

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
