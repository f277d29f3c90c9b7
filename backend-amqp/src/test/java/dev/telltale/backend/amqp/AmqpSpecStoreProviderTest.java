package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the provider checks before it opens anything; opening does no network I/O, so no broker is needed. */
class AmqpSpecStoreProviderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final AmqpSpecStoreProvider provider = new AmqpSpecStoreProvider();

    @Test
    void open_unknownKey_namesItInFull_withTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open("amqp://h", new SpecStoreOptions(TIMEOUT, Map.of("stream", "x"))));
        assertEquals("unknown key telltale.probe.store.amqp.stream; known: [exchange, max-age, max-length-bytes, queue]",
                e.getMessage());
    }

    @Test
    void open_knownKeys_opensWithoutConnecting() throws Exception {
        SpecStore store = provider.open("amqp://h", new SpecStoreOptions(TIMEOUT,
                Map.of("exchange", "e", "queue", "q", "max-age", "12h", "max-length-bytes", "1000")));
        try {
            assertEquals("amqp:amqp://guest:****@h:5672/%2F (exchange 'e', stream 'q')", store.toString());
        } finally {
            store.close();
        }
    }
}
