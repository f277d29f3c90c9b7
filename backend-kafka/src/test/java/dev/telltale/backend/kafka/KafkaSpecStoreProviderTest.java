package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.spi.SpecStoreOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the provider checks before it opens anything; no broker is needed. */
class KafkaSpecStoreProviderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final KafkaSpecStoreProvider provider = new KafkaSpecStoreProvider();

    @Test
    void open_unknownKey_namesItInFull_withTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open("127.0.0.1:9092", new SpecStoreOptions(TIMEOUT, Map.of("topik", "x"))));
        assertEquals("unknown key telltale.probe.store.kafka.topik; known: [topic]", e.getMessage());
    }

    @Test
    void open_badAddress_refusedBeforeTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open("127.0.0.1", new SpecStoreOptions(TIMEOUT, Map.of("topik", "x"))));
        assertEquals("kafka store address '127.0.0.1' is not HOST:PORT[,HOST:PORT...] (as in kafka:127.0.0.1:9092)",
                e.getMessage());
    }
}
