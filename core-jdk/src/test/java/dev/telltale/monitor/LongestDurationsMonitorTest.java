package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.born;
import static dev.telltale.monitor.Lines.finished;
import static dev.telltale.monitor.Lines.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's public methods that take a {@link Duration} accept the longest one, {@code
 * Duration.ofSeconds(Long.MAX_VALUE)}, as "as long as it takes" (never an {@link
 * ArithmeticException} or an overflow into the past): {@link MonitorStream#poll}, {@link
 * MonitorOptions.Builder#collateTimeout} and {@link MonitorOptions.Builder#reorderWindow}
 * ({@code duration} is in {@link MonitorEdgesTest}).
 */
@Timeout(60)
class LongestDurationsMonitorTest {

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void poll_longestTimeout_returnsEachMessage_thenNullAtTheEnd() throws Exception {
        try (MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder()
                .input(Lines.input(born("c1", 0, "{}"), born("c2", 1, "{}")), "forever").build())) {
            Message first = stream.poll(FOREVER);
            Message second = stream.poll(FOREVER);
            assertNotNull(first);
            assertNotNull(second);
            assertEquals(List.of("c1", "c2"), List.of(first.event().source(), second.event().source()));
            assertEquals(null, stream.poll(FOREVER), "the input ended");
            assertTrue(stream.ended());
        }
    }

    @Test
    void collateTimeoutAndReorderWindow_longest_messagesOutOfOrderAreCollatedInFull() throws Exception {
        List<CollatedObject> out = Lines.drain(Monitor.objects(MonitorOptions.builder()
                .collateTimeout(FOREVER).reorderWindow(FOREVER)
                .input(Lines.input(born("c1", 0, "{\"a\":1}"), finished("c1", 3, 2, 0.002), update("c1", 2, 1, "{\"b\":2}")),
                        "forever")
                .build()));
        assertEquals(1, out.size(), out.toString());
        CollatedObject o = out.get(0);
        assertEquals(Status.FINISHED, o.status());
        assertEquals(List.of(), o.gaps(), "the late update was waited for, not reported as a gap");
        assertEquals(Map.of("a", 1L, "b", 2L), Map.of("a", ((Number) o.fields().get("a")).longValue(),
                "b", ((Number) o.fields().get("b")).longValue()));
    }
}
