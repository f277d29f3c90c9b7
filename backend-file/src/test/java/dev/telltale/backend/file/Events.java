package dev.telltale.backend.file;

import dev.telltale.spi.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Event payloads and envelopes for tests, numbered so that order and loss show. */
final class Events {

    private Events() {
    }

    /** A payload like the pipeline's, with {@code seq} and a note padded to about {@code size} bytes. */
    static byte[] payload(long seq, String routingKey, int size) {
        String head = "{\"kind\":\"demo.request\",\"routingKey\":\"" + routingKey + "\",\"seq\":" + seq
                + ",\"time\":\"2026-11-21T23:37:58.123456789Z\",\"fields\":{\"note\":\"";
        String tail = "\"}}";
        int padding = Math.max(0, size - head.length() - tail.length());
        char[] pad = new char[padding];
        Arrays.fill(pad, 'x');
        return (head + new String(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }

    static Envelope envelope(byte[] payload) {
        return new Envelope("demo.orders", Map.of(Envelope.KIND_HEADER, "demo.request"), payload);
    }

    /** Envelopes numbered {@code from} to {@code from + count - 1}, each about {@code size} bytes. */
    static List<Envelope> batch(long from, int count, int size) {
        List<Envelope> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(envelope(payload(from + i, "demo.orders", size)));
        }
        return batch;
    }

    /** The {@code seq} of a payload made by {@link #payload}. */
    static long seq(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        int at = text.indexOf("\"seq\":") + 6;
        int end = at;
        while (Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(at, end));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
