package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor's backend flags as the options they set, for the backends that check them. */
class BackendFlagsTest {

    private static Args parse(String... argv) throws UsageException {
        return Args.parse(new MonitorCommand().options(), argv);
    }

    @Test
    void amqpFlags_becomeHeadersXMatchAndQueue() throws Exception {
        Args args = parse("--amqp-uri", "amqp://127.0.0.1", "-a", "tenant=acme", "--arg", "region=eu", "-x", "any",
                "--queue", "audit");
        assertEquals(Map.of("queue", "audit", "headers", "tenant=acme,region=eu", "x-match", "any"),
                BackendFlags.options(args));
        assertEquals("queue", BackendFlags.anyGiven(args));
    }

    @Test
    void kafkaAndFileFlags_becomeFromGroupAndFollow() throws Exception {
        assertEquals(Map.of("from", "earliest", "group", "ops"),
                BackendFlags.options(parse("--kafka-bootstrap", "127.0.0.1:9092", "--from", "earliest", "--group", "ops")));
        assertEquals(Map.of("follow", "true"), BackendFlags.options(parse("-f")));
    }

    @Test
    void noFlags_noOptions() throws Exception {
        Args args = parse("-c", "-r", "orders.#");
        assertEquals(Map.of(), BackendFlags.options(args));
        assertNull(BackendFlags.anyGiven(args));
    }
}
