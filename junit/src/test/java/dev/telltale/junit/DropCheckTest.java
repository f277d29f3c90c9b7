package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After each test, dropped events fail it unless the test or the extension allows them. */
class DropCheckTest {

    @Test
    void eventsPastTheCapacity_notAllowed_failTheTestNamingTheBound() {
        Throwable failure = JupiterRun.of(SmallMemory.class).failure("overflows(TelltaleRecorder)");

        assertTrue(failure instanceof AssertionError, failure.toString());
        assertTrue(failure.getMessage().startsWith("Telltale dropped events during the test: 15 from memory, past"
                + " telltale.memory.capacity=10 (raise it with TelltaleExtension.builder().capacity(n)). A test that"
                + " drops events on purpose calls TelltaleRecorder.allowDrops();"), failure.getMessage());
    }

    @Test
    void eventsPastTheCapacity_allowedByTheTest_passAndTheNewestAreKept() {
        JupiterRun.of(SmallMemory.class).assertSuccessful("overflowsOnPurpose(TelltaleRecorder)");
    }

    @Test
    void eventsPastTheCapacity_checkTurnedOff_pass() {
        JupiterRun.of(Unchecked.class).assertSuccessful("overflows(TelltaleRecorder)");
    }

    @Test
    void eventEmittedAfterClose_notAllowed_failsTheTestNamingTheReason() {
        Throwable failure = JupiterRun.of(ClosesEarly.class).failure("emitsAfterClose(TelltaleRecorder)");

        assertTrue(failure.getMessage().startsWith("Telltale dropped events during the test: 1 in the pipeline"
                + " (shutdown 1). A test that drops events on purpose"), failure.getMessage());
    }

    @Test
    void failingTest_thatAlsoDropped_keepsItsOwnFailureFirst() {
        Throwable failure = JupiterRun.of(ClosesEarly.class).failure("failsAndDrops(TelltaleRecorder)");

        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertTrue(failure.getSuppressed()[0].getMessage().startsWith("Telltale dropped events during the test: 1 in"
                + " the pipeline (shutdown 1)."), failure.getSuppressed()[0].getMessage());
    }

    private static void emit(TelltaleRecorder recorder, int count) {
        Emitter e = recorder.telltale().emitter("drops");
        for (int i = 1; i <= count; i++) {
            e.emit("n", Map.of("i", i));
        }
    }

    @ExtendWith(JupiterRun.FixtureOnly.class)
    static class SmallMemory {

        @RegisterExtension
        static final TelltaleExtension telltale = TelltaleExtension.builder().capacity(10).build();

        @Test
        void overflows(TelltaleRecorder recorder) {
            emit(recorder, 25);
            assertEquals(10, recorder.events().size());
        }

        @Test
        void overflowsOnPurpose(TelltaleRecorder recorder) {
            recorder.allowDrops();
            emit(recorder, 25);
            assertEquals(10, recorder.events().size());
            assertEquals(16L, recorder.events().get(0).field("i"));
            assertEquals(15, recorder.evicted());
        }
    }

    @ExtendWith(JupiterRun.FixtureOnly.class)
    static class Unchecked {

        @RegisterExtension
        static final TelltaleExtension telltale = TelltaleExtension.builder().capacity(10).failOnDrops(false).build();

        @Test
        void overflows(TelltaleRecorder recorder) {
            emit(recorder, 25);
            assertEquals(10, recorder.events().size());
            assertEquals(15, recorder.evicted());
        }
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class ClosesEarly {

        @Test
        void emitsAfterClose(TelltaleRecorder recorder) {
            recorder.telltale().close();
            emit(recorder, 1);
        }

        @Test
        void failsAndDrops(TelltaleRecorder recorder) {
            recorder.telltale().close();
            emit(recorder, 1);
            throw new AssertionError("the test's own failure");
        }
    }
}
