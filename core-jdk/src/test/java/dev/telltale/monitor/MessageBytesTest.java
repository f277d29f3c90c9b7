package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A message read from a line keeps the line's own bytes, only the blanks around it trimmed, so
 * that what is printed is what was published; and a stream whose input ended lets go of it
 * without waiting for its own close.
 */
class MessageBytesTest {

    @Test
    void json_isTheLineAsWritten_withoutTheBlanksAroundIt() throws Exception {
        String spaced = Lines.event("app.log", "app.log", "s", 1, Lines.T0, "{\"a\" : 1,  \"b\" : [ 1, 2 ]}")
                .replace("\":", "\" :");
        String line = " \t " + spaced + "  \t";
        List<Message> messages = drain(Monitor.messages(MonitorOptions.builder()
                .input(new ByteArrayInputStream((line + "\n" + spaced + "\n").getBytes(StandardCharsets.UTF_8)), "raw")
                .build()));
        assertEquals(2, messages.size());
        assertEquals(spaced, messages.get(0).json(), "blanks around trimmed, the rest byte for byte");
        assertEquals(spaced, messages.get(1).json());
        assertEquals(1L, ((Number) messages.get(0).event().fields().get("a")).longValue());
    }

    @Test
    void inputThatEnded_isClosed_evenBeforeTheStreamIs() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream in = new ByteArrayInputStream(
                (Lines.born("c1", 0, "{}") + "\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().input(in, "ends").build());
        int n = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!stream.ended() && System.nanoTime() < deadline) {
            if (stream.poll(java.time.Duration.ofMillis(200)) != null) {
                n++;
            }
        }
        assertEquals(1, n);
        assertTrue(stream.ended());
        assertTrue(closed.get(), "the input is released when it ends");
        stream.close();
    }
}
