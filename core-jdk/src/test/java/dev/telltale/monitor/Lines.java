package dev.telltale.monitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Events as JSON lines, written as docs/EVENTS.md shows them, and helpers to run the monitor over them. */
final class Lines {

    static final Instant T0 = Instant.parse("2026-11-21T23:37:58.000000000Z");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Lines() {}

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** An event line; {@code fields} is JSON object text. */
    static String event(String kind, String routingKey, String source, long seq, Instant time, String fields) {
        return "{\"kind\":\"" + kind + "\",\"routingKey\":\"" + routingKey + "\",\"source\":\"" + source + "\",\"seq\":"
                + seq + ",\"time\":\"" + time(time) + "\",\"thread\":\"worker-1\",\"host\":\"box-1\",\"pid\":4242,"
                + "\"fields\":" + fields + "}";
    }

    /** {@link #ctx} as written by the process {@code pid} on {@code host}. */
    static String ctxOf(String host, long pid, String kind, String id, long seq, long millis, String fields) {
        return "{\"kind\":\"context." + kind + "\",\"routingKey\":\"shop.request\",\"source\":\"" + id + "\",\"seq\":"
                + seq + ",\"time\":\"" + time(T0.plusMillis(millis)) + "\",\"thread\":\"worker-1\",\"host\":\"" + host
                + "\",\"pid\":" + pid + ",\"fields\":" + fields + "}";
    }

    /** A context message of {@code id} under routing key {@code shop.request}, {@code millis} after {@link #T0}. */
    static String ctx(String kind, String id, long seq, long millis, String fields) {
        return event("context." + kind, "shop.request", id, seq, T0.plusMillis(millis), fields);
    }

    static String born(String id, long millis, String fields) {
        return ctx("born", id, 1, millis, fields);
    }

    static String update(String id, long seq, long millis, String fields) {
        return ctx("update", id, seq, millis, fields);
    }

    static String finished(String id, long seq, long millis, double elapsed) {
        return ctx("finished", id, seq, millis, "{\"elapsed\":" + elapsed + ",\"reclaimed\":false}");
    }

    static ByteArrayInputStream input(String... lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads everything {@code stream} gives until it ends, failing after a minute. */
    static <T> List<T> drain(MonitorStream<T> stream) {
        List<T> items = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (stream) {
            while (!stream.ended()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the stream did not end within a minute: " + stream);
                }
                T item = stream.poll(Duration.ofSeconds(1));
                if (item != null) {
                    items.add(item);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return items;
    }

    static List<CollatedObject> objects(String... lines) {
        try {
            return drain(Monitor.objects(MonitorOptions.builder().input(input(lines)).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Message> messages(MonitorOptions.Builder options, String... lines) {
        try {
            return drain(Monitor.messages(options.input(input(lines)).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
