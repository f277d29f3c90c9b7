package dev.telltale.monitor;

import java.util.Objects;

/**
 * An input the monitor skipped because it is not an event: a line or message that is not JSON,
 * not a JSON object, or an object that lacks a member every event has ({@code kind}, {@code
 * source}, {@code seq}…). Handed to {@link MonitorOptions.Builder#onMalformed} as it is found.
 *
 * @param position where it was read: {@code stdin:17}, {@code events.1.jsonl:42}, a partition
 *     and offset; whatever the input or backend reports
 * @param reason what is wrong, with the place inside the input where the JSON reader stopped,
 *     for example {@code expected ',' or '}' but found ']' at line 1, column 40 (offset 39)}
 */
public record MalformedInput(String position, String reason) {

    /**
     * Checks for nulls.
     *
     * @throws NullPointerException if a component is null
     */
    public MalformedInput {
        Objects.requireNonNull(position, "position == null");
        Objects.requireNonNull(reason, "reason == null");
    }

    /** {@code <position>: <reason>}, as the command line prints it. */
    @Override
    public String toString() {
        return position + ": " + reason;
    }
}
