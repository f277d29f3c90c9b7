package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecStoreOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static List<ConfigKey> keys(String... names) {
        return Arrays.stream(names).map(n -> new ConfigKey(n, ConfigKey.Type.STRING, "", "test")).toList();
    }

    @Test
    void requireKnownKeys_onlyKnownKeys_passes() {
        new SpecStoreOptions(TIMEOUT, Map.of("topic", "t"))
                .requireKnownKeys("kafka", keys("telltale.probe.store.kafka.topic", "telltale.probe.store.kafka.other"));
        SpecStoreOptions.of(TIMEOUT).requireKnownKeys("kafka", List.of());
    }

    @Test
    void requireKnownKeys_unknownKey_namesItInFullWithTheKnownOnesSorted() {
        SpecStoreOptions options = new SpecStoreOptions(TIMEOUT, Map.of("stream", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.requireKnownKeys("amqp",
                keys("telltale.probe.store.amqp.queue", "telltale.probe.store.amqp.exchange", "telltale.probe.store.amqp.max-age")));
        assertEquals("unknown key telltale.probe.store.amqp.stream; known: [exchange, max-age, queue]", e.getMessage());
    }

    @Test
    void requireKnownKeys_declaredKeyOfAnotherPrefix_doesNotCount() {
        SpecStoreOptions options = new SpecStoreOptions(TIMEOUT, Map.of("topic", "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options.requireKnownKeys("kafka", keys("telltale.kafka.topic")));
        assertEquals("unknown key telltale.probe.store.kafka.topic; known: []", e.getMessage());
    }

    @Test
    void requireKnownKeys_nullArgument_namesIt() {
        SpecStoreOptions options = SpecStoreOptions.of(TIMEOUT);
        assertEquals("scheme == null",
                assertThrows(NullPointerException.class, () -> options.requireKnownKeys(null, List.of())).getMessage());
        assertEquals("known == null",
                assertThrows(NullPointerException.class, () -> options.requireKnownKeys("amqp", null)).getMessage());
    }

    @Test
    void timeoutNotPositive_refused() {
        assertThrows(IllegalArgumentException.class, () -> SpecStoreOptions.of(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SpecStoreOptions.of(Duration.ofSeconds(-1)));
    }
}
