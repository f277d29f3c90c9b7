package dev.telltale.backend.kafka;

import dev.telltale.spi.TopicPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Kafka topic an event goes to: the first mapping whose routing-key pattern matches, else
 * the default topic. Mappings are written {@code pattern=topic} and separated by commas, for
 * example {@code orders.#=orders,audit.*=audit}.
 *
 * <p>{@link #topic} remembers its answers for the first {@value #CACHE_LIMIT} routing keys, so
 * the usual handful of keys costs one map lookup per event. Not thread-safe: a sink uses it from
 * the publisher thread only, a source only when opening.
 */
final class TopicRoutes {

    static final int CACHE_LIMIT = 1024;
    private static final int MAX_TOPIC_LENGTH = 249;

    private final String defaultTopic;
    private final List<TopicPattern> patterns;
    private final List<String> topics;
    private final Map<String, String> cache = new HashMap<>();

    private TopicRoutes(String defaultTopic, List<TopicPattern> patterns, List<String> topics) {
        this.defaultTopic = defaultTopic;
        this.patterns = patterns;
        this.topics = topics;
    }

    /**
     * Parses the default topic and the mapping.
     *
     * @param topicKey the key {@code defaultTopic} came from, for messages
     * @param mappingKey the key {@code mapping} came from, for messages
     * @throws IllegalArgumentException naming the key and the entry when a topic name is not a
     *     valid Kafka topic name or an entry is not {@code pattern=topic}
     */
    static TopicRoutes parse(String topicKey, String defaultTopic, String mappingKey, String mapping) {
        String topic = defaultTopic.strip();
        checkTopic(topic, topicKey + "=" + defaultTopic);
        List<TopicPattern> patterns = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        if (!mapping.isBlank()) {
            for (String entry : mapping.split(",", -1)) {
                String where = mappingKey + ": entry '" + entry.strip() + "'";
                int eq = entry.lastIndexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(where + " is not pattern=topic (for example orders.#=orders)");
                }
                String pattern = entry.substring(0, eq).strip();
                String target = entry.substring(eq + 1).strip();
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException(where + " has no routing-key pattern before '='");
                }
                checkTopic(target, where);
                patterns.add(TopicPattern.of(pattern));
                topics.add(target);
            }
        }
        return new TopicRoutes(topic, List.copyOf(patterns), List.copyOf(topics));
    }

    private static void checkTopic(String topic, String where) {
        if (topic.isEmpty()) {
            throw new IllegalArgumentException(where + ": the topic name is empty");
        }
        if (topic.length() > MAX_TOPIC_LENGTH || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(where + ": '" + topic + "' is not a valid Kafka topic name");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new IllegalArgumentException(where + ": '" + topic
                        + "' is not a valid Kafka topic name (letters, digits, '.', '_' and '-' only)");
            }
        }
    }

    /** The topic for {@code routingKey}. */
    String topic(String routingKey) {
        if (patterns.isEmpty()) {
            return defaultTopic;
        }
        String known = cache.get(routingKey);
        if (known != null) {
            return known;
        }
        String topic = match(routingKey);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(routingKey, topic);
        }
        return topic;
    }

    private String match(String routingKey) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(routingKey)) {
                return topics.get(i);
            }
        }
        return defaultTopic;
    }

    /** Every topic an event can go to: the default one first, then the mapped ones. */
    Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        all.add(defaultTopic);
        all.addAll(topics);
        return all;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            out.append(patterns.get(i)).append('=').append(topics.get(i)).append(", ");
        }
        return out.append("else ").append(defaultTopic).toString();
    }
}
