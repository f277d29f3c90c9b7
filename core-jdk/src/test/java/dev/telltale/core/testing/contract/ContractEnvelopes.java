package dev.telltale.core.testing.contract;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.JsonMember;
import dev.telltale.spi.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envelopes for the backend contract, shaped as the pipeline shapes them (a JSON object payload
 * with its {@code routingKey}, {@code source} and {@code seq}; the source as the key; the kind
 * header), and bounded reading from a {@link Source}.
 */
public final class ContractEnvelopes {

    private static final JsonMember SOURCE = JsonMember.of("source");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private ContractEnvelopes() {}

    /** An envelope of {@code source}'s event number {@code seq}, its payload padded by {@code padding} characters. */
    public static Envelope envelope(String routingKey, String source, long seq, int padding) {
        String json = "{\"routingKey\":\"" + routingKey + "\",\"source\":\"" + source + "\",\"seq\":" + seq
                + ",\"kind\":\"contract.event\",\"fields\":{\"pad\":\"" + "x".repeat(padding) + "\"}}";
        return new Envelope(routingKey, source, Map.of(Envelope.KIND_HEADER, "contract.event", "tenant", "acme"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code perSource} events of each of {@code sources} sources, interleaved, with routing keys {@code prefix.<source>}. */
    public static List<Envelope> batch(String prefix, int sources, int perSource) {
        List<Envelope> batch = new ArrayList<>();
        for (int seq = 1; seq <= perSource; seq++) {
            for (int s = 0; s < sources; s++) {
                batch.add(envelope(prefix + ".s" + s, "s" + s, seq, 16));
            }
        }
        return batch;
    }

    /** The {@code source} member of a payload. */
    public static String source(Envelope e) {
        return SOURCE.string(e.payload());
    }

    /** The {@code seq} member of a payload. */
    public static long seq(Envelope e) {
        Matcher m = SEQ.matcher(new String(e.payload(), StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new AssertionError("no seq in " + e);
        }
        return Long.parseLong(m.group(1));
    }

    /** The sequence numbers of each source, in the order read. */
    public static Map<String, List<Long>> seqsBySource(List<Envelope> envelopes) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Envelope e : envelopes) {
            out.computeIfAbsent(source(e), s -> new ArrayList<>()).add(seq(e));
        }
        return out;
    }

    /**
     * Polls until {@code count} envelopes came or {@code timeout} passed (each poll waiting at
     * most half a second); returns what came.
     */
    public static List<Envelope> read(Source source, int count, Duration timeout) throws Exception {
        List<Envelope> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Envelope e = source.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(500).toNanos())));
            if (e != null) {
                read.add(e);
            } else if (source.ended()) {
                break;
            }
        }
        return read;
    }
}
