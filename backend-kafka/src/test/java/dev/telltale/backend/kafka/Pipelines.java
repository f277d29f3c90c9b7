package dev.telltale.backend.kafka;

import dev.telltale.Telltale;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.JsonMember;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import dev.telltale.tool.BackendSources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real pipelines publishing to Kafka, and the monitor's side reading back, for tests. */
final class Pipelines {

    private static final JsonMember SOURCE = JsonMember.of("source");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private Pipelines() {
    }

    /**
     * A builder for a pipeline publishing to {@code bootstrap} and {@code topic}, with short waits
     * so that tests run quickly, and no health events (so counts are the test's own events).
     */
    static Telltale.Builder builder(String bootstrap, String topic) {
        return Telltale.builder()
                .readEnvironment(false)
                .shutdownHook(false)
                .backend("kafka")
                .set("telltale.kafka.bootstrap.servers", bootstrap)
                .set("telltale.kafka.topic", topic)
                .set("telltale.flush.interval", "20ms")
                .set("telltale.retry.backoff", "50ms")
                .set("telltale.retry.max-backoff", "200ms")
                .set("telltale.health.interval", "0");
    }

    /** Opens the monitor's side, as the monitor does, with {@code patterns} and {@code options}. */
    static Source source(String bootstrap, Map<String, String> settings, List<String> patterns, String... options)
            throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("telltale.kafka.bootstrap.servers", bootstrap);
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            opts.put(options[i], options[i + 1]);
        }
        return BackendSources.open("kafka", all,
                new Subscription(patterns.stream().map(TopicPattern::of).toList(), opts));
    }

    /** Polls until {@code count} envelopes arrived or {@code timeout} passed; returns what arrived. */
    static List<Envelope> read(Source source, int count, Duration timeout) throws Exception {
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
            }
        }
        return read;
    }

    /** Polls for {@code quiet} and returns whatever arrives meanwhile (for "nothing more" checks). */
    static List<Envelope> drain(Source source, Duration quiet) throws Exception {
        return read(source, Integer.MAX_VALUE, quiet);
    }

    static String text(Envelope e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    static String source(Envelope e) {
        return SOURCE.string(e.payload());
    }

    static long seq(Envelope e) {
        Matcher m = SEQ.matcher(text(e));
        if (!m.find()) {
            throw new AssertionError("no seq in " + text(e));
        }
        return Long.parseLong(m.group(1));
    }

    static String uniqueTopic(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
