package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.telltale.Event;
import dev.telltale.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test gets a pipeline of its own, closed after it. */
class PipelineLifeTest {

    @Test
    void secondTest_afterAFirstThatEmitted_seesAFreshPipelineAndTheFirstIsClosed() {
        TwoTests.recorders.clear();
        TwoTests.seenBySecond.clear();

        JupiterRun run = JupiterRun.of(TwoTests.class);

        run.assertSuccessful("first(TelltaleRecorder)");
        run.assertSuccessful("second(TelltaleRecorder)");
        assertEquals(2, TwoTests.recorders.size());
        TelltaleRecorder first = TwoTests.recorders.get(0);
        TelltaleRecorder second = TwoTests.recorders.get(1);
        assertNotSame(first.telltale(), second.telltale());
        assertEquals(List.of("second.event"), TwoTests.seenBySecond);
        assertClosed(first);
        assertClosed(second);
        assertEquals(List.of("first.event", "context.born"), kinds(first.events()),
                "what a test emitted stays readable after it");
    }

    /** Emitting on a closed pipeline counts the event as dropped (shutdown) and publishes nothing. */
    private static void assertClosed(TelltaleRecorder recorder) {
        long before = recorder.stats().droppedShutdown();
        recorder.telltale().emitter("after.test").emit("late", Map.of());
        assertEquals(before + 1, recorder.stats().droppedShutdown(), recorder.stats().toString());
    }

    private static List<String> kinds(List<Event> events) {
        return events.stream().map(Event::kind).toList();
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TwoTests {

        static final List<TelltaleRecorder> recorders = new ArrayList<>();
        static final List<String> seenBySecond = new ArrayList<>();

        @Test
        @Order(1)
        void first(TelltaleRecorder recorder) {
            recorders.add(recorder);
            recorder.telltale().emitter("first").emit("first.event", Map.of());
            Context.builder().name("left.open").telltale(recorder.telltale()).start(); // never closed
            assertEquals(2, recorder.events().size());
        }

        @Test
        @Order(2)
        void second(TelltaleRecorder recorder) {
            recorders.add(recorder);
            recorder.telltale().emitter("second").emit("second.event", Map.of());
            recorder.events().forEach(e -> seenBySecond.add(e.kind()));
        }
    }
}
