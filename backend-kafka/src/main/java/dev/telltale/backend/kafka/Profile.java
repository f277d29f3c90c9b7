package dev.telltale.backend.kafka;

import java.util.Locale;
import java.util.Map;

/**
 * The two delivery profiles, each a pair of producer settings that pass-through properties can
 * still override one by one.
 *
 * <ul>
 *   <li>{@link #SAFE} (the default): {@code acks=all} and {@code enable.idempotence=true}. An
 *       event counts as published once every in-sync replica has it; the client's own retries
 *       neither duplicate nor reorder records.
 *   <li>{@link #LOSSY}: {@code acks=1} and {@code enable.idempotence=false}. An event counts as
 *       published once the partition leader has it; it is lost if the leader fails before a
 *       follower copies it, and the client's retries may duplicate or reorder records.
 * </ul>
 */
enum Profile {
    SAFE(Map.of("acks", "all", "enable.idempotence", "true")),
    LOSSY(Map.of("acks", "1", "enable.idempotence", "false"));

    private final Map<String, String> producerProperties;

    Profile(Map<String, String> producerProperties) {
        this.producerProperties = producerProperties;
    }

    /** The producer properties this profile sets. */
    Map<String, String> producerProperties() {
        return producerProperties;
    }

    /**
     * The profile named {@code value}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming {@code key} and the value if it is neither
     *     {@code safe} nor {@code lossy}
     */
    static Profile parse(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "safe" -> SAFE;
            case "lossy" -> LOSSY;
            default -> throw new IllegalArgumentException(key + " must be 'safe' or 'lossy', not '" + value + "'");
        };
    }
}
