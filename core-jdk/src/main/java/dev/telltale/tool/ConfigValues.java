package dev.telltale.tool;

import dev.telltale.core.internal.config.Suggestions;
import dev.telltale.core.internal.config.Values;
import java.time.Duration;

/**
 * The syntax of Telltale's configuration values, for a tool whose own flags take values written
 * the same way ({@code --duration 30s}), and the "did you mean" its messages use. Thread-safe and
 * stateless.
 */
public final class ConfigValues {

    private ConfigValues() {}

    /**
     * A duration: a whole number with {@code ms}, {@code s}, {@code m} or {@code h} ({@code
     * 250ms}, {@code 2s}), or {@code 0}; case and surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming {@code text} if it is not one
     */
    public static Duration duration(String text) {
        return Values.duration(text);
    }

    /**
     * A decimal {@code int}.
     *
     * @throws IllegalArgumentException naming {@code text} if it is not one
     */
    public static int integer(String text) {
        return Values.integer(text);
    }

    /**
     * A size in bytes: a whole number, optionally with {@code KiB}, {@code MiB}, {@code GiB}
     * (powers of 1024) or {@code KB}, {@code MB}, {@code GB} (powers of 1000).
     *
     * @throws IllegalArgumentException naming {@code text} if it is not one
     */
    public static long size(String text) {
        return Values.size(text);
    }

    /**
     * The candidate closest to {@code word} by edit distance, if it is closer than {@code
     * maxDistance} edits; otherwise null.
     */
    public static String closest(String word, Iterable<String> candidates, int maxDistance) {
        return Suggestions.closest(word, candidates, maxDistance);
    }
}
