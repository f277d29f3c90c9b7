package dev.telltale.backend.amqp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code k=v,k2=v2} lists of the client properties, header bindings and queue
 * arguments. Entries are trimmed, blank entries skipped; a value runs to the next comma and may
 * contain {@code =}, and may be empty.
 */
final class KeyValues {

    private KeyValues() {}

    /**
     * The entries of {@code text}, in order.
     *
     * @param what the key or option being parsed, for the message
     * @throws IllegalArgumentException if an entry has no {@code =} or an empty key, or a key is
     *     given twice; the message names {@code what} and the entry
     */
    static Map<String, String> parse(String what, String text) {
        if (text.isBlank()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + " must be a list of key=value pairs separated by commas; '"
                        + trimmed + "' is not one");
            }
            String key = trimmed.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(what + ": empty key in '" + trimmed + "'");
            }
            if (out.put(key, trimmed.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(what + " gives '" + key + "' twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
