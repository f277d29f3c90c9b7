package dev.telltale.backend.file;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Subscription;
import java.util.Locale;
import java.util.Map;

/**
 * The subscription options of a {@link FileSource}, checked.
 *
 * @param follow wait for new lines and follow rotation after the end
 * @param fromEnd start at the end of the current file rather than at the oldest rotated file
 */
record ReadOptions(boolean follow, boolean fromEnd) {

    /**
     * Reads {@code telltale.file.follow} and {@code telltale.file.from} from {@code subscription},
     * each given either in full or by its last word ({@code follow}, {@code from}).
     *
     * @throws IllegalArgumentException if an option is unknown or its value malformed; the message
     *     names it
     */
    static ReadOptions from(Subscription subscription) {
        String follow = null;
        String from = null;
        for (Map.Entry<String, String> option : subscription.options().entrySet()) {
            String name = option.getKey();
            if (is(name, FileBackend.FOLLOW)) {
                follow = option.getValue();
            } else if (is(name, FileBackend.FROM)) {
                from = option.getValue();
            } else {
                throw new IllegalArgumentException("unknown option for the file backend: '" + name
                        + "' (known: follow, from)");
            }
        }
        return new ReadOptions(parseFollow(follow), parseFrom(from));
    }

    private static boolean is(String name, ConfigKey key) {
        return name.equals(key.name()) || name.equals(key.name().substring("telltale.file.".length()));
    }

    private static boolean parseFollow(String value) {
        String v = value == null ? FileBackend.FOLLOW.defaultValue() : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option follow must be true or false, was '" + value + "'");
        };
    }

    private static boolean parseFrom(String value) {
        String v = value == null ? FileBackend.FROM.defaultValue() : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "start" -> false;
            case "end" -> true;
            default -> throw new IllegalArgumentException("option from must be start or end, was '" + value + "'");
        };
    }
}
