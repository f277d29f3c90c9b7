package dev.telltale.spi;

import java.util.Objects;

/**
 * One configuration key: its full name, the type its value must parse as, its default and what
 * it does. Telltale checks every configured value against its key before a pipeline starts, and
 * lists every key in the README's configuration table.
 *
 * @param name the full key, for example {@code telltale.file.max-size}
 * @param type how the value is parsed
 * @param defaultValue the value used when none is configured, in the same syntax; empty for
 *     "none"
 * @param description one sentence for the configuration table
 */
public record ConfigKey(String name, Type type, String defaultValue, String description) {

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
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code name} does not start with {@code telltale.}
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(defaultValue, "defaultValue == null");
        Objects.requireNonNull(description, "description == null");
        if (!name.startsWith("telltale.")) {
            throw new IllegalArgumentException("configuration key must start with 'telltale.': " + name);
        }
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
