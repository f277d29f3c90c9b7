package dev.telltale.spi;

import java.util.Objects;

/**
 * One configuration key: its full name, the type its value must parse as, its default, what it
 * does and, for numbers, sizes and durations, the range its values must fall in. Telltale checks
 * every configured value against its key once, when the configuration is resolved, before a
 * pipeline starts: a value set in code that does not parse or is out of range fails the build
 * with an {@link IllegalArgumentException} naming the key; one from the environment (system
 * properties, {@code TELLTALE_*} variables, {@code telltale.properties}) is reported once and
 * replaced by the next origin's value or the default. A backend therefore gets only values within
 * the ranges it declared. Every key is listed in the README's configuration table.
 *
 * <p>Immutable and thread-safe. Grow a key's declaration with {@link #atLeast} and {@link
 * #between}; they return a new key.
 *
 * @param name the full key, for example {@code telltale.file.max-size}
 * @param type how the value is parsed
 * @param defaultValue the value used when none is configured, in the same syntax; empty for
 *     "none"
 * @param description one sentence for the configuration table
 * @param min the smallest value allowed, in the key's own syntax ({@code 4KiB}, {@code 1ms},
 *     {@code 1}); empty for no lower bound
 * @param max the largest value allowed, in the same syntax; empty for no upper bound
 */
public record ConfigKey(String name, Type type, String defaultValue, String description, String min, String max) {

    /** How a value is written and parsed. */
    public enum Type {
        /** Any text. */
        STRING,
        /** {@code true} or {@code false}, ignoring case. */
        BOOLEAN,
        /** A decimal {@code int}. */
        INTEGER,
        /** A number with a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 250ms}, {@code 2s}); {@code 0} alone means zero. */
        DURATION,
        /** A number of bytes, optionally with {@code KiB}, {@code MiB}, {@code GiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB} (powers of 1000). */
        SIZE
    }

    /**
     * Checks the components. That {@code min}, {@code max} and the default parse, and that the
     * default is in range, is checked by the core when it loads the key's backend (a backend whose
     * keys are malformed is reported and left out).
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code name} does not start with {@code telltale.}, or
     *     a bound is given for a {@code STRING} or {@code BOOLEAN} key
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(defaultValue, "defaultValue == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(min, "min == null");
        Objects.requireNonNull(max, "max == null");
        if (!name.startsWith("telltale.")) {
            throw new IllegalArgumentException("configuration key must start with 'telltale.': " + name);
        }
        if ((!min.isEmpty() || !max.isEmpty()) && (type == Type.STRING || type == Type.BOOLEAN)) {
            throw new IllegalArgumentException("a " + type + " key has no range: " + name);
        }
    }

    /**
     * A key without a range.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code name} does not start with {@code telltale.}
     */
    public ConfigKey(String name, Type type, String defaultValue, String description) {
        this(name, type, defaultValue, description, "", "");
    }

    /**
     * This key, with values below {@code min} (in the key's syntax, like {@code 4KiB}) refused.
     *
     * @throws IllegalArgumentException if this key is a {@code STRING} or {@code BOOLEAN} key
     */
    public ConfigKey atLeast(String min) {
        return new ConfigKey(name, type, defaultValue, description, min, max);
    }

    /**
     * This key, with values below {@code min} or above {@code max} refused.
     *
     * @throws IllegalArgumentException if this key is a {@code STRING} or {@code BOOLEAN} key
     */
    public ConfigKey between(String min, String max) {
        return new ConfigKey(name, type, defaultValue, description, min, max);
    }

    /** The range in words, such as {@code at least 4KiB} or {@code from 1 to 65535}; empty if none. */
    public String range() {
        if (min.isEmpty()) {
            return max.isEmpty() ? "" : "at most " + max;
        }
        return max.isEmpty() ? "at least " + min : "from " + min + " to " + max;
    }

    /**
     * The environment variable for this key: upper case, with dots and dashes turned into
     * underscores ({@code telltale.file.max-size} is {@code TELLTALE_FILE_MAX_SIZE}).
     */
    public String environmentName() {
        return environmentName(name);
    }

    /** The environment variable for any key; see {@link #environmentName()}. */
    public static String environmentName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
