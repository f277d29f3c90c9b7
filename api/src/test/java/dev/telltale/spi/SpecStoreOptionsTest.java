package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecStoreOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void requireKnownKeys_onlyKnownKeys_passes() {
        new SpecStoreOptions(TIMEOUT, Map.of("topic", "t")).requireKnownKeys("kafka", Set.of("topic", "other"));
        SpecStoreOptions.of(TIMEOUT).requireKnownKeys("kafka", Set.of());
    }

    @Test
    void requireKnownKeys_unknownKey_namesItInFullWithTheKnownOnesSorted() {
        SpecStoreOptions options = new SpecStoreOptions(TIMEOUT, Map.of("stream", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options.requireKnownKeys("amqp", Set.of("queue", "exchange", "max-age")));
        assertEquals("unknown key telltale.probe.store.amqp.stream; known: [exchange, max-age, queue]", e.getMessage());
    }

    @Test
    void requireKnownKeys_nullArgument_namesIt() {
        SpecStoreOptions options = SpecStoreOptions.of(TIMEOUT);
        assertEquals("scheme == null",
                assertThrows(NullPointerException.class, () -> options.requireKnownKeys(null, Set.of())).getMessage());
        assertEquals("known == null",
                assertThrows(NullPointerException.class, () -> options.requireKnownKeys("amqp", null)).getMessage());
    }

    @Test
    void timeoutNotPositive_refused() {
        assertThrows(IllegalArgumentException.class, () -> SpecStoreOptions.of(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SpecStoreOptions.of(Duration.ofSeconds(-1)));
    }
}
