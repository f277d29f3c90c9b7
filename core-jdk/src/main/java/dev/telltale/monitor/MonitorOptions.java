package dev.telltale.monitor;

import dev.telltale.spi.TopicPattern;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link Monitor} reads and how: a backend (with its settings and subscription options) or
 * an input stream of JSON lines, topic patterns, and collation limits. Immutable and thread-safe;
 * made with {@link #builder()}, changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * MonitorOptions options = MonitorOptions.builder()
 *         .backend("file")
 *         .set("telltale.file.path", "telltale-out/events.jsonl")
 *         .option("follow", "true")
 *         .patterns("shop.#")
 *         .build();
 * }</pre>
 */
public final class MonitorOptions {

    /** The default of {@link Builder#maxLiveBytes}: 128 MiB. */
    static final long DEFAULT_MAX_LIVE_BYTES = 128L << 20;

    private final String backend;
    private final Map<String, String> settings;
    private final Map<String, String> subscriptionOptions;
    private final InputStream input;
    private final String inputName;
    private final List<TopicPattern> patterns;
    private final Duration collateTimeout;
    private final int maxLiveObjects;
    private final long maxLiveBytes;
    private final Duration reorderWindow;
    private final Duration duration;
    private final Consumer<? super MalformedInput> onMalformed;

    private MonitorOptions(Builder b) {
        this.backend = b.backend;
        this.settings = Map.copyOf(b.settings);
        this.subscriptionOptions = Map.copyOf(b.subscriptionOptions);
        this.input = b.input;
        this.inputName = b.inputName;
        this.patterns = List.copyOf(b.patterns);
        this.collateTimeout = b.collateTimeout;
        this.maxLiveObjects = b.maxLiveObjects;
        this.maxLiveBytes = b.maxLiveBytes;
        this.reorderWindow = b.reorderWindow;
        this.duration = b.duration;
        this.onMalformed = b.onMalformed;
    }

    /** A builder with every default: the configured backend, every routing key, a 5 minute collate timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The backend's name, or null for the one the configuration selects. */
    public String backend() {
        return backend;
    }

    /** {@code telltale.*} settings for the backend, over system properties and the environment. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The backend's subscription options ({@link dev.telltale.spi.Backend#subscriptionOptions()}). */
    public Map<String, String> subscriptionOptions() {
        return subscriptionOptions;
    }

    /** The input stream read instead of a backend, or null. */
    public InputStream input() {
        return input;
    }

    /** The name positions in {@link #input()} start with: {@code stdin} unless set. */
    public String inputName() {
        return inputName;
    }

    /** The topic patterns; empty means every routing key. */
    public List<TopicPattern> patterns() {
        return patterns;
    }

    /** How long, in stream time, an object may go without a message before it is given out as incomplete. */
    public Duration collateTimeout() {
        return collateTimeout;
    }

    /** The most objects collated at once. */
    public int maxLiveObjects() {
        return maxLiveObjects;
    }

    /** The most bytes (estimated) the objects collated at once may hold. */
    public long maxLiveBytes() {
        return maxLiveBytes;
    }

    /**
     * How long, in stream time, a finished object whose earlier messages have not all arrived is
     * held while they may still come.
     */
    public Duration reorderWindow() {
        return reorderWindow;
    }

    /** How long the stream reads before it ends as at the end of its input, or null for no limit. */
    public Duration duration() {
        return duration;
    }

    /** What is called with each input skipped as malformed. */
    public Consumer<? super MalformedInput> onMalformed() {
        return onMalformed;
    }

    @Override
    public String toString() {
        return "MonitorOptions{" + (input != null ? "input=" + inputName : "backend=" + (backend == null ? "(configured)" : backend)
                + ", settings=" + settings + ", options=" + subscriptionOptions) + ", patterns=" + patterns
                + ", collateTimeout=" + collateTimeout + ", maxLiveObjects=" + maxLiveObjects + ", maxLiveBytes=" + maxLiveBytes
                + ", reorderWindow=" + reorderWindow + ", duration=" + duration + "}";
    }

    /** Builds {@link MonitorOptions}. Not thread-safe. */
    public static final class Builder {

        private String backend;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> subscriptionOptions = new LinkedHashMap<>();
        private InputStream input;
        private String inputName = "stdin";
        private final List<TopicPattern> patterns = new ArrayList<>();
        private Duration collateTimeout = Duration.ofMinutes(5);
        private int maxLiveObjects = 100_000;
        private long maxLiveBytes = DEFAULT_MAX_LIVE_BYTES;
        private Duration reorderWindow = Duration.ofSeconds(2);
        private Duration duration;
        private Consumer<? super MalformedInput> onMalformed = m -> { };

        private Builder() {}

        private Builder(MonitorOptions o) {
            backend = o.backend;
            settings.putAll(o.settings);
            subscriptionOptions.putAll(o.subscriptionOptions);
            input = o.input;
            inputName = o.inputName;
            patterns.addAll(o.patterns);
            collateTimeout = o.collateTimeout;
            maxLiveObjects = o.maxLiveObjects;
            maxLiveBytes = o.maxLiveBytes;
            reorderWindow = o.reorderWindow;
            duration = o.duration;
            onMalformed = o.onMalformed;
        }

        /**
         * Reads from backend {@code name} ({@code file}, {@code amqp}, {@code kafka}). Default
         * null: the backend {@code telltale.backend} selects, else the default one.
         */
        public Builder backend(String name) {
            this.backend = name;
            return this;
        }

        /**
         * Sets a {@code telltale.*} setting for the backend, such as {@code telltale.file.path}.
         * Settings given here win over system properties, {@code TELLTALE_*} variables and {@code
         * telltale.properties}. Default: none.
         *
         * @throws NullPointerException if either is null
         */
        public Builder set(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /**
         * Sets a subscription option of the backend, by full name or by its last word ({@code
         * follow=true} for the file backend). Default: none.
         *
         * @throws NullPointerException if either is null
         */
        public Builder option(String name, String value) {
            subscriptionOptions.put(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /**
         * Reads JSON lines from {@code in} instead of a backend: events as published, or the
         * verbose form. The stream is read and its lines decoded by a daemon thread, and
         * closed when the monitor's stream is. Default: none.
         */
        public Builder input(InputStream in) {
            return input(in, "stdin");
        }

        /** {@link #input(InputStream)}, with positions named {@code name:<line>}. */
        public Builder input(InputStream in, String name) {
            this.input = Objects.requireNonNull(in, "in == null");
            this.inputName = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /**
         * Adds topic patterns (AMQP topic semantics, see {@link TopicPattern}); a message is read
         * when any matches its routing key. Default: none, every message.
         */
        public Builder patterns(String... patterns) {
            return patterns(List.of(patterns));
        }

        /** {@link #patterns(String...)}. */
        public Builder patterns(List<String> patterns) {
            for (String p : patterns) {
                this.patterns.add(TopicPattern.of(p));
            }
            return this;
        }

        /**
         * How long, in stream time, an object may go without a message before {@link
         * Monitor#objects} gives it out as incomplete. Default 5 minutes.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder collateTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("collateTimeout must be positive: " + timeout);
            }
            this.collateTimeout = timeout;
            return this;
        }

        /**
         * The most objects {@link Monitor#objects} collates at once; opening one more gives out
         * the one that went longest without a message, as incomplete. Default 100,000.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxLiveObjects(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxLiveObjects must be at least 1: " + max);
            }
            this.maxLiveObjects = max;
            return this;
        }

        /**
         * The most bytes the objects {@link Monitor#objects} collates at once may hold, as
         * estimated from their fields, log lines and waiting messages (the heap they really take
         * is of the same order, usually up to twice the estimate); opening or growing one past it
         * gives out the ones that went longest without a message, as incomplete. Default 128 MiB,
         * which fits the launcher's 512 MiB heap.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxLiveBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxLiveBytes must be at least 1: " + max);
            }
            this.maxLiveBytes = max;
            return this;
        }

        /**
         * How long, in stream time, {@link Monitor#objects} holds an object whose {@code
         * finished} arrived before some of its earlier messages, while they may still come
         * (messages travel by several routes and batches); it is given out as soon as they all
         * arrived, else when the window passed, with what is still missing as gaps. Zero gives it
         * out at once. Default 2 seconds.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder reorderWindow(Duration window) {
            Objects.requireNonNull(window, "window == null");
            if (window.isNegative()) {
                throw new IllegalArgumentException("reorderWindow must not be negative: " + window);
            }
            this.reorderWindow = window;
            return this;
        }

        /**
         * Reads for at most {@code duration} of wall-clock time, then ends as at the end of the
         * input (open objects are given out as incomplete). Default null: until the input ends or
         * the stream is closed.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder duration(Duration duration) {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("duration must be positive: " + duration);
            }
            this.duration = duration;
            return this;
        }

        /**
         * Called, on the thread reading the stream, with every input skipped as malformed (what
         * it throws propagates to that thread). Default: nothing; the count is in {@link
         * MonitorStream#counts()} either way.
         */
        public Builder onMalformed(Consumer<? super MalformedInput> callback) {
            this.onMalformed = Objects.requireNonNull(callback, "callback == null");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if both an input stream and a backend, settings or
         *     subscription options were given
         */
        public MonitorOptions build() {
            if (input != null && (backend != null || !settings.isEmpty() || !subscriptionOptions.isEmpty())) {
                throw new IllegalArgumentException("an input stream excludes a backend, backend settings and subscription "
                        + "options; give one or the other");
            }
            return new MonitorOptions(this);
        }
    }
}
