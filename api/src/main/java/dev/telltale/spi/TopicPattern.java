package dev.telltale.spi;

import java.util.Objects;

/**
 * A routing-key pattern with the semantics of an AMQP 0-9-1 topic exchange, applied the same way
 * by every backend.
 *
 * <p>Routing keys and patterns are dot-separated words. In a pattern, {@code *} stands for
 * exactly one word and {@code #} for zero or more words; any other word matches itself only.
 * Words may be empty: {@code a..b} has three words, the middle one empty, and the empty routing
 * key has no words at all (so {@code #} matches it and {@code *} does not). A {@code *} or {@code
 * #} inside a longer word is an ordinary character.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicPattern {

    private static final String[] NO_WORDS = new String[0];

    private final String text;
    private final String[] words;

    private TopicPattern(String text) {
        this.text = text;
        this.words = split(text);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws NullPointerException if {@code pattern} is null
     */
    public static TopicPattern of(String pattern) {
        return new TopicPattern(Objects.requireNonNull(pattern, "pattern == null"));
    }

    /** Whether {@code routingKey} matches this pattern. A null routing key never matches. */
    public boolean matches(String routingKey) {
        if (routingKey == null) {
            return false;
        }
        String[] key = split(routingKey);
        // Wildcard matching with backtracking to the last '#': '#' is a star over words, '*' a
        // single-word wildcard. Linear in practice, O(pattern * key) at worst.
        int p = 0;
        int k = 0;
        int starP = -1;
        int starK = 0;
        while (k < key.length) {
            if (p < words.length && !words[p].equals("#") && (words[p].equals("*") || words[p].equals(key[k]))) {
                p++;
                k++;
            } else if (p < words.length && words[p].equals("#")) {
                starP = p++;
                starK = k;
            } else if (starP >= 0) {
                p = starP + 1;
                k = ++starK;
            } else {
                return false;
            }
        }
        while (p < words.length && words[p].equals("#")) {
            p++;
        }
        return p == words.length;
    }

    /** The pattern as written. */
    public String pattern() {
        return text;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? NO_WORDS : s.split("\\.", -1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicPattern t && text.equals(t.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
