package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the builder accepts, and how its settings reach each test's pipeline. */
class ExtensionBuilderTest {

    @Test
    void set_keysTheExtensionOwns_areRefused() {
        TelltaleExtension.Builder builder = TelltaleExtension.builder();

        assertEquals("telltale.backend is set by TelltaleExtension itself: each test's pipeline publishes to a memory"
                + " store of its own", assertThrows(IllegalArgumentException.class,
                        () -> builder.set("telltale.backend", "file")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.set("telltale.memory.store", "mine"));
        assertEquals("not a Telltale key (they start with 'telltale.'): queue.capacity",
                assertThrows(IllegalArgumentException.class, () -> builder.set("queue.capacity", "1")).getMessage());
        assertThrows(NullPointerException.class, () -> builder.set("telltale.queue.capacity", null));
        assertEquals("capacity must be at least 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.capacity(0)).getMessage());
    }

    @Test
    void settings_ofTheBuilder_reachEachTestsPipeline() {
        JupiterRun.of(Configured.class).assertSuccessful("healthEventsArrive(TelltaleRecorder)");
    }

    @Test
    void unknownKey_inTheBuilder_failsEachTestNamingIt() {
        Throwable failure = JupiterRun.of(Misconfigured.class).failure("test(TelltaleRecorder)");

        assertTrue(failure instanceof IllegalArgumentException, failure.toString());
        assertTrue(failure.getMessage().contains("telltale.queue.capacty"), failure.getMessage());
    }

    @ExtendWith(JupiterRun.FixtureOnly.class)
    static class Configured {

        @RegisterExtension
        static final TelltaleExtension telltale = TelltaleExtension.builder()
                .set("telltale.health.interval", "10ms")
                .build();

        @Test
        void healthEventsArrive(TelltaleRecorder recorder) {
            recorder.awaitEvents("telltale.health", 2, java.time.Duration.ofSeconds(10));
            recorder.telltale().emitter("x").emit("x", Map.of());
        }
    }

    @ExtendWith(JupiterRun.FixtureOnly.class)
    static class Misconfigured {

        @RegisterExtension
        static final TelltaleExtension telltale = TelltaleExtension.builder().set("telltale.queue.capacty", "5").build();

        @Test
        void test(TelltaleRecorder recorder) {}
    }
}
