package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.spi.TopicPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicPattern#matches} against what the broker's topic exchange really routes, over a
 * table of patterns and routing keys with the edge cases (empty words, the empty key, {@code #}
 * alone, {@code *} against the empty key). Each disagreement is printed; the test fails on any
 * that is not the known, documented one for the broker (see the README).
 */
class TopicRoutingTest {

    static final List<String> PATTERNS = List.of("#", "*", "a", "a.*", "*.b", "a.#", "#.b", "a.#.b", "a.*.b", "a..b",
            "a.*.*", "#.#", "*.#", "#.*", "*.*", "a.b", "", "#.a.#", "a.#.#.b", "*.*.*");
    static final List<String> KEYS = List.of("", "a", "b", "a.b", "a..b", "a.b.c", "a.x.b", "a.x.y.b", ".", "..",
            "a.", ".b", "x", "b.a", "x.a.y");

    /**
     * Known disagreements as {@code pattern -> keys}: keys the broker routes that {@code
     * TopicPattern} does not match ({@code +key}) or the other way round ({@code -key}).
     * RabbitMQ (3.10) agrees everywhere. Qpid Broker-J (10.1) does not count empty words the
     * same way: it ignores a trailing empty word ({@code a.} is {@code a}), lets {@code *} match
     * the empty key, and does not let {@code *} match an empty word between or after dots.
     */
    static Map<String, Set<String>> known(String broker) {
        if (!broker.equals("qpid")) {
            return Map.of();
        }
        return Map.of(
                "*", Set.of("+", "+a."),
                "a", Set.of("+a."),
                "a.*", Set.of("-a."),
                "*.#", Set.of("+", "-.", "-.."),
                "#.*", Set.of("+", "-.", "-.."),
                "*.*", Set.of("-.", "-a."),
                "*.*.*", Set.of("-.."));
    }

    @Test
    void topicPatterns_agreeWithTheBrokersTopicExchange() throws Exception {
        TestBroker broker = Brokers.get();
        String exchange = "telltale-test-routing-" + UUID.randomUUID();
        Map<String, Set<String>> disagreements = new LinkedHashMap<>();
        try (RawClient raw = new RawClient(broker)) {
            Channel channel = raw.channel();
            channel.exchangeDeclare(exchange, "topic", false, true, null);
            Map<String, String> queues = new LinkedHashMap<>();
            for (String pattern : PATTERNS) {
                String queue = channel.queueDeclare("", false, true, true, null).getQueue();
                channel.queueBind(queue, exchange, pattern);
                queues.put(pattern, queue);
            }
            channel.confirmSelect();
            for (String key : KEYS) {
                channel.basicPublish(exchange, key, null, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
            for (Map.Entry<String, String> bound : queues.entrySet()) {
                String pattern = bound.getKey();
                Set<String> routed = new TreeSet<>();
                for (GetResponse r : raw.drain(bound.getValue())) {
                    routed.add(r.getEnvelope().getRoutingKey());
                }
                Set<String> differences = new TreeSet<>();
                for (String key : KEYS) {
                    boolean ours = TopicPattern.of(pattern).matches(key);
                    if (ours != routed.contains(key)) {
                        differences.add((ours ? "-" : "+") + key);
                    }
                }
                if (!differences.isEmpty()) {
                    disagreements.put(pattern, differences);
                }
            }
            channel.exchangeDelete(exchange);
        }
        List<String> report = new ArrayList<>();
        disagreements.forEach((pattern, keys) -> report.add("'" + pattern + "' " + keys));
        System.out.println(broker.name() + ": TopicPattern disagrees with the broker on " + report
                + " (+key: routed by the broker only, -key: matched by TopicPattern only)");
        assertEquals(known(broker.name()), disagreements);
    }
}
