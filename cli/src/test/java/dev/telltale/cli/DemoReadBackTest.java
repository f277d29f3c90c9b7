package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's read-back counts distinct events (delivery is at least once) and adds up the probe's. */
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

    private static byte[] probeEvent(String kind, long seq, String time, String fields) {
        return ("{\"kind\":\"" + kind + "\",\"routingKey\":\"telltale.probe\",\"source\":\"probe-1\",\"seq\":" + seq
                + ",\"time\":\"" + time + "\",\"thread\":\"t\",\"host\":\"h\",\"pid\":" + PID
                + ",\"fields\":{\"probe\":\"probe-1\",\"target\":\"demo.Payments#charge\"" + fields + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void count_probeEvents_addUpToTheProbesFigures_onceEach() throws Exception {
        DemoReadBack readBack = new DemoReadBack(new NoSource());
        assertNull(readBack.probes().figures(), "nothing attached yet");
        String t = "2026-01-01T00:00:0";
        readBack.count(probeEvent("probe.attached", 1, t + "1Z", ",\"points\":1"));
        readBack.count(probeEvent("probe.added", 2, t + "1Z", ",\"instrument\":\"time\",\"type\":\"timer\""));
        readBack.count(probeEvent("probe.added", 3, t + "1Z", ",\"instrument\":\"calls\",\"type\":\"counter\""));
        readBack.count(probeEvent("probe.added", 4, t + "1Z", ",\"instrument\":\"big\",\"type\":\"log\""));
        readBack.count(probeEvent("probe.metric", 5, t + "2Z",
                ",\"instrument\":\"time\",\"type\":\"timer\",\"count\":10,\"p99_ns\":9000"));
        readBack.count(probeEvent("probe.metric", 6, t + "2Z",
                ",\"instrument\":\"calls\",\"type\":\"counter\",\"count\":12,\"total\":12"));
        readBack.count(probeEvent("probe.log", 7, t + "2Z", ",\"instrument\":\"big\",\"type\":\"log\""));
        readBack.count(probeEvent("probe.log", 7, t + "2Z", ",\"instrument\":\"big\",\"type\":\"log\"")); // again
        readBack.count(probeEvent("probe.metric", 8, t + "3Z", ",\"instrument\":\"time\",\"type\":\"timer\",\"count\":0"));
        readBack.count(probeEvent("probe.metric", 9, t + "3Z",
                ",\"instrument\":\"time\",\"type\":\"timer\",\"count\":5,\"p99_ns\":4000,\"last\":true"));
        readBack.count(probeEvent("probe.expired", 10, t + "3Z", ",\"instrument\":\"time\",\"type\":\"timer\",\"hits\":15"));
        readBack.count(probeEvent("probe.metric", 11, t + "4Z",
                ",\"instrument\":\"calls\",\"type\":\"counter\",\"count\":3,\"total\":15,\"last\":true"));
        readBack.count(probeEvent("probe.expired", 12, t + "4Z", ",\"instrument\":\"calls\",\"type\":\"counter\",\"hits\":15"));
        readBack.count(probeEvent("probe.expired", 13, t + "5Z",
                ",\"instrument\":\"big\",\"type\":\"log\",\"hits\":1,\"limited\":7"));
        readBack.count(probeEvent("probe.detached", 14, t + "5Z", ",\"reason\":\"no instruments left\""));

        assertEquals(new DemoProbeTally.Figures(3, 15, 15, 4000, 9000, 1, 7, 3, 0, 0, null,
                Instant.parse(t + "5Z"), "no instruments left"), readBack.probes().figures());
        assertEquals(1, readBack.duplicates());
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
