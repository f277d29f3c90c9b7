package dev.telltale.core.internal.config;

import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.Locale;

/** Parses configuration values by {@link ConfigKey.Type}. Every failure names the bad text. */
public final class Values {

    private static final String DURATION = "duration (a whole number with ms, s, m or h, like 500ms or 2s)";
    private static final String SIZE = "size (bytes, or a whole number with KiB, MiB, GiB, KB, MB or GB)";

    private Values() {}

    /**
     * Checks that {@code text} parses as {@code type}.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static void check(ConfigKey.Type type, String text) {
        switch (type) {
            case STRING -> { }
            case BOOLEAN -> bool(text);
            case INTEGER -> integer(text);
            case DURATION -> duration(text);
            case SIZE -> size(text);
        }
    }

    /**
     * Checks that {@code text} parses as {@code key}'s type and falls in its range.
     *
     * @throws IllegalArgumentException naming the problem, the value and the range
     */
    public static void check(ConfigKey key, String text) {
        check(key.type(), text);
        if ((!key.min().isEmpty() && compare(key.type(), text, key.min()) < 0)
                || (!key.max().isEmpty() && compare(key.type(), text, key.max()) > 0)) {
            throw new IllegalArgumentException("'" + text + "' is out of range: it must be " + key.range());
        }
    }

    /**
     * Checks a key's own declaration: its bounds parse as its type, and its default (unless
     * empty) parses and is in range.
     *
     * @throws IllegalArgumentException naming the key and the problem
     */
    public static void checkDeclaration(ConfigKey key) {
        try {
            if (!key.min().isEmpty()) {
                check(key.type(), key.min());
            }
            if (!key.max().isEmpty()) {
                check(key.type(), key.max());
            }
            if (!key.defaultValue().isEmpty()) {
                check(key, key.defaultValue());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its key " + key.name() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static int compare(ConfigKey.Type type, String a, String b) {
        return switch (type) {
            case INTEGER -> Integer.compare(integer(a), integer(b));
            case SIZE -> Long.compare(size(a), size(b));
            case DURATION -> duration(a).compareTo(duration(b));
            case STRING, BOOLEAN -> 0;
        };
    }

    /** {@code true} or {@code false}, ignoring case and surrounding blanks. */
    public static boolean bool(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
    }

    /** A decimal int. */
    public static int integer(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
    }

    /**
     * A duration such as {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, or {@code 0}; one too
     * long to count in milliseconds is refused, so {@link Duration#toMillis()} of the result never
     * throws.
     */
    public static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int unitStart = unitStart(t);
        String unit = t.substring(unitStart).strip();
        long amount = amount(text, t.substring(0, unitStart), DURATION);
        long millisPerUnit = switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> throw new IllegalArgumentException("'" + text + "' is not a " + DURATION);
        };
        if (amount > Long.MAX_VALUE / millisPerUnit) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (at most "
                    + Long.MAX_VALUE + "ms)");
        }
        return Duration.ofMillis(amount * millisPerUnit);
    }

    /** A size in bytes such as {@code 1048576}, {@code 512KiB}, {@code 16MiB}, {@code 1GB}. */
    public static long size(String text) {
        String t = text.strip();
        int unitStart = unitStart(t);
        String unit = t.substring(unitStart).strip().toLowerCase(Locale.ROOT);
        long amount = amount(text, t.substring(0, unitStart), SIZE);
        long factor = switch (unit) {
            case "", "b" -> 1L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> throw new IllegalArgumentException("'" + text + "' is not a " + SIZE);
        };
        if (amount > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return amount * factor;
    }

    private static int unitStart(String t) {
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static long amount(String original, String digits, String what) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("'" + original + "' is not a " + what);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + original + "' is out of range for a " + what);
        }
    }
}
