package dev.telltale.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Events as JSON lines, in the form docs/EVENTS.md documents, for the monitor's tests. */
final class EventLines {

    static final Instant T0 = Instant.parse("2026-11-21T23:37:58.000000000Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventLines() {}

    static String event(String kind, String routingKey, String source, long seq, long millis, String fields) {
        return "{\"kind\":\"" + kind + "\",\"routingKey\":\"" + routingKey + "\",\"source\":\"" + source + "\",\"seq\":"
                + seq + ",\"time\":\"" + TIME.format(T0.plusMillis(millis)) + "\",\"thread\":\"worker-1\","
                + "\"host\":\"box-1\",\"pid\":4242,\"headers\":{\"tenant\":\"acme\"},\"fields\":" + fields + "}";
    }

    static String ctx(String kind, String id, long seq, long millis, String fields) {
        return event("context." + kind, "shop.request", id, seq, millis, fields);
    }

    static String time(long millis) {
        return TIME.format(T0.plusMillis(millis));
    }
}
