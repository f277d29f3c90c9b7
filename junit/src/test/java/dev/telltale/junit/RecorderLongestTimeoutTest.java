package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.Emitter;
import dev.telltale.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TelltaleRecorder}'s waits take the longest {@link Duration} there is, {@code
 * Duration.ofSeconds(Long.MAX_VALUE)}, as "as long as it takes": they return once the events are
 * there, never with an {@link ArithmeticException} or an overflow into the past.
 */
@ExtendWith(TelltaleExtension.class)
@Timeout(60)
class RecorderLongestTimeoutTest {

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void awaitEvent_longestTimeout_returnsTheMatchEmittedOnAnotherThread(TelltaleRecorder recorder) throws Exception {
        Emitter e = recorder.telltale().emitter("shop.orders");
        Thread worker = new Thread(() -> {
            for (int i = 1; i <= 3; i++) {
                e.emit("order.placed", Map.of("id", i));
            }
        }, "worker");
        worker.start();

        Event third = recorder.awaitEvent(ev -> Long.valueOf(3).equals(ev.field("id")), FOREVER);

        assertEquals(3L, third.field("id"));
        worker.join(10_000);
    }

    @Test
    void awaitEvents_longestTimeout_returnsOnceEnoughArrived(TelltaleRecorder recorder) {
        Emitter e = recorder.telltale().emitter("shop.orders");
        e.emit("order.placed", Map.of("id", 1));
        e.emit("order.placed", Map.of("id", 2));

        List<Event> placed = recorder.awaitEvents("order.placed", 2, FOREVER);

        assertEquals(List.of(1L, 2L), placed.stream().map(ev -> ev.field("id")).toList());
    }
}
