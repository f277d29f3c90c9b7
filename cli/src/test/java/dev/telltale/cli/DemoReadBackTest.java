package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's read-back counts distinct events: delivery is at least once. */
class DemoReadBackTest {

    private static final long PID = ProcessHandle.current().pid();

    /** A source that never delivers: the test feeds {@link DemoReadBack#count} itself. */
    private static final class NoSource implements Source {
        @Override
        public Envelope poll(Duration timeout) {
            return null;
        }

        @Override
        public boolean ended() {
            return true;
        }

        @Override
        public String position() {
            return "";
        }

        @Override
        public void close() {
        }
    }

    private static byte[] event(String kind, String source, long seq, long pid) {
        return ("{\"kind\":\"" + kind + "\",\"routingKey\":\"shop.request\",\"source\":\"" + source + "\",\"seq\":" + seq
                + ",\"time\":\"2026-01-01T00:00:00Z\",\"thread\":\"t\",\"host\":\"h\",\"pid\":" + pid + ",\"fields\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void count_sameSourceAndSeqTwice_countsOnce_andReportsTheDuplicate() throws Exception {
        DemoReadBack readBack = new DemoReadBack(new NoSource());
        readBack.count(event("context.born", "req-1", 1, PID));
        readBack.count(event("context.finished", "req-1", 2, PID));
        readBack.count(event("context.born", "req-2", 1, PID));
        readBack.count(event("context.born", "req-1", 1, PID)); // a retried batch
        readBack.count(event("context.finished", "req-1", 2, PID));
        readBack.count(event("context.born", "req-3", 1, PID + 1)); // another run's event
        readBack.count("not json".getBytes(StandardCharsets.UTF_8));

        assertEquals(3, readBack.await(3, Duration.ZERO));
        assertEquals(2, readBack.duplicates());
        assertEquals(1, readBack.malformed());
        assertEquals(Map.of("context.born", 2L, "context.finished", 1L), readBack.byKind());
    }
}
