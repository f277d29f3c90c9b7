package dev.telltale.probe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one instrument on a probe does, as data: its type ({@code log}, {@code counter}, {@code
 * histogram}, {@code timer}, or a custom type registered with {@link Probes#register}), its name,
 * the event it fires on, what it reads ({@code value}) and when ({@code condition}), how long it
 * lives and how often it may fire. Immutable; built with {@link #builder} or the shortcuts.
 *
 * <p>{@code value} and {@code condition} are expressions over the call: {@code args[0]}, a
 * parameter's name (when compiled with {@code -parameters}), {@code this}, {@code result}, {@code
 * exception}, {@code elapsed} (nanoseconds), {@code thread}, property paths ({@code
 * order.customer.id}), {@code .size()}, {@code .length}, literals, comparisons and {@code &&},
 * {@code ||}, {@code !}. They are checked when the instrument is added; a syntax error names its
 * column.
 *
 * <table class="striped">
 * <caption>Defaults</caption>
 * <tr><th>type</th><th>event</th><th>value</th><th>rate limit</th></tr>
 * <tr><td>{@code log}</td><td>call</td><td>none (the message alone)</td><td>100 hits/s</td></tr>
 * <tr><td>{@code counter}</td><td>call</td><td>none (counts hits)</td><td>none</td></tr>
 * <tr><td>{@code histogram}</td><td>return</td><td>required, a number</td><td>none</td></tr>
 * <tr><td>{@code timer}</td><td>return</td><td>elapsed</td><td>none</td></tr>
 * </table>
 * Every type: lifespan 10 minutes, sampling 1 (every hit).
 */
public final class InstrumentSpec {

    /** The lifespan when none is given. */
    public static final Duration DEFAULT_LIFESPAN = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final String type;
    private final String name;
    private final ProbeEvent event;
    private final String value;
    private final String condition;
    private final String message;
    private final Duration lifespan;
    private final double rateLimit;
    private final double sampling;
    private final Map<String, String> options;

    private InstrumentSpec(Builder b) {
        this.type = b.type;
        this.name = b.name;
        this.event = b.event != null ? b.event : defaultEvent(b.type);
        this.value = b.value;
        this.condition = b.condition;
        this.message = b.message;
        this.lifespan = b.lifespan;
        this.rateLimit = b.rateLimit >= 0 ? b.rateLimit : (b.type.equals("log") ? 100 : 0);
        this.sampling = b.sampling;
        this.options = Map.copyOf(b.options);
    }

    private static ProbeEvent defaultEvent(String type) {
        return type.equals("histogram") || type.equals("timer") ? ProbeEvent.RETURN : ProbeEvent.CALL;
    }

    /**
     * A builder for an instrument of {@code type} named {@code name}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code type} is not lower-case letters, digits, {@code
     *     ._-}, or {@code name} is not 1–100 of letters, digits and {@code _.:-}
     */
    public static Builder builder(String type, String name) {
        return new Builder(type, name);
    }

    /** A {@code log} instrument: publishes {@code message} and the value of {@code value} (may be null). */
    public static Builder log(String name, String value) {
        return builder("log", name).value(value);
    }

    /** A {@code counter}: counts hits. */
    public static Builder counter(String name) {
        return builder("counter", name);
    }

    /** A {@code timer}: the distribution of the call's elapsed time, on return. */
    public static Builder timer(String name) {
        return builder("timer", name);
    }

    /** A {@code histogram}: the distribution of {@code value}, a number. */
    public static Builder histogram(String name, String value) {
        return builder("histogram", name).value(value);
    }

    /** The instrument's type. */
    public String type() {
        return type;
    }

    /** The instrument's name, unique on its probe. */
    public String name() {
        return name;
    }

    /** The event it fires on. */
    public ProbeEvent event() {
        return event;
    }

    /** The value expression, or null. */
    public String value() {
        return value;
    }

    /** The condition expression, or null for always. */
    public String condition() {
        return condition;
    }

    /** A {@code log} instrument's message, or null for the default ({@code "<target> <event>"}). */
    public String message() {
        return message;
    }

    /** How long the instrument lives after it is added. */
    public Duration lifespan() {
        return lifespan;
    }

    /** The most hits per second it records; 0 for no limit. Hits over it are counted, not recorded. */
    public double rateLimit() {
        return rateLimit;
    }

    /** The share of hits recorded, in (0, 1]; the rest are counted as sampled out. */
    public double sampling() {
        return sampling;
    }

    /** Options for a custom type; unused by the built-in types. */
    public Map<String, String> options() {
        return options;
    }

    /** A builder holding this spec's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(type, name).event(event).value(value).condition(condition).message(message)
                .lifespan(lifespan).rateLimit(rateLimit).sampling(sampling);
        b.options.putAll(options);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstrumentSpec s && type.equals(s.type) && name.equals(s.name) && event == s.event
                && Objects.equals(value, s.value) && Objects.equals(condition, s.condition)
                && Objects.equals(message, s.message) && lifespan.equals(s.lifespan)
                && Double.compare(rateLimit, s.rateLimit) == 0 && Double.compare(sampling, s.sampling) == 0
                && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, event, value, condition, message, lifespan, rateLimit, sampling, options);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append(' ').append(name).append(" on ")
                .append(event.name().toLowerCase(java.util.Locale.ROOT));
        if (value != null) {
            sb.append(" value ").append(value);
        }
        if (condition != null) {
            sb.append(" when ").append(condition);
        }
        sb.append(" for ").append(lifespan);
        if (rateLimit > 0) {
            sb.append(" at most ").append(rateLimit).append("/s");
        }
        if (sampling < 1) {
            sb.append(" sampling ").append(sampling);
        }
        return sb.toString();
    }

    /** Builds an {@link InstrumentSpec}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private final String type;
        private final String name;
        private ProbeEvent event;
        private String value;
        private String condition;
        private String message;
        private Duration lifespan = DEFAULT_LIFESPAN;
        private double rateLimit = -1;
        private double sampling = 1;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String type, String name) {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(name, "name == null");
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("instrument type '" + type
                        + "' is not 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("instrument name '" + name
                        + "' is not 1-100 letters, digits, '_', '.', ':' or '-'");
            }
            this.type = type;
            this.name = name;
        }

        /** The event to fire on; null for the type's default. */
        public Builder event(ProbeEvent event) {
            this.event = event;
            return this;
        }

        /** The value expression; null for none. */
        public Builder value(String expression) {
            this.value = blankToNull(expression);
            return this;
        }

        /** The condition expression; null to record every hit. */
        public Builder condition(String expression) {
            this.condition = blankToNull(expression);
            return this;
        }

        /** A {@code log} instrument's message; null for the default. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /**
         * How long the instrument lives; default 10 minutes.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder lifespan(Duration lifespan) {
            Objects.requireNonNull(lifespan, "lifespan == null");
            if (lifespan.isNegative() || lifespan.isZero()) {
                throw new IllegalArgumentException("lifespan " + lifespan + " is not positive");
            }
            this.lifespan = lifespan;
            return this;
        }

        /**
         * The most hits per second recorded; 0 for no limit.
         *
         * @throws IllegalArgumentException if negative or not a number
         */
        public Builder rateLimit(double hitsPerSecond) {
            if (!(hitsPerSecond >= 0) || Double.isInfinite(hitsPerSecond)) {
                throw new IllegalArgumentException("rate limit " + hitsPerSecond + " is not a finite number >= 0");
            }
            this.rateLimit = hitsPerSecond == 0 ? 0 : hitsPerSecond; // -0.0 too: one spec, one equality
            return this;
        }

        /**
         * The share of hits recorded, chosen at random; default 1.
         *
         * @throws IllegalArgumentException if not in (0, 1]
         */
        public Builder sampling(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("sampling " + ratio + " is not in (0, 1]");
            }
            this.sampling = ratio;
            return this;
        }

        /** An option for a custom type. */
        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException if a {@code histogram} has no value
         */
        public InstrumentSpec build() {
            if (type.equals("histogram") && value == null) {
                throw new IllegalArgumentException("histogram '" + name + "' needs a value expression");
            }
            return new InstrumentSpec(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
