package dev.telltale.backend.amqp;

import java.util.Map;

/**
 * Header bindings matched by the monitor itself, where the broker cannot (see {@link Topology}),
 * with the semantics of an AMQP headers exchange: {@code all} needs every binding header present
 * with an equal value, {@code any} needs one; binding headers starting with {@code x-} are
 * ignored, as RabbitMQ ignores them. Immutable.
 *
 * @param headers the header bindings
 * @param all whether all must match ({@code x-match=all}) or any one
 */
record HeaderMatch(Map<String, String> headers, boolean all) {

    /** Matches everything. */
    static final HeaderMatch NONE = new HeaderMatch(Map.of(), true);

    HeaderMatch {
        headers = Map.copyOf(headers);
    }

    /** Whether a message with {@code actual} headers (values as strings) matches. */
    boolean matches(Map<String, String> actual) {
        boolean any = false;
        boolean considered = false;
        for (Map.Entry<String, String> wanted : headers.entrySet()) {
            if (wanted.getKey().startsWith("x-")) {
                continue;
            }
            considered = true;
            boolean equal = wanted.getValue().equals(actual.get(wanted.getKey()));
            if (all && !equal) {
                return false;
            }
            any |= equal;
        }
        return all || !considered || any;
    }
}
