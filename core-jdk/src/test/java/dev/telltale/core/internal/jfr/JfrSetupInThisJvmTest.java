package dev.telltale.core.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * {@link JfrSetup} in this JVM, where JFR may be up already: what it registers, and what it says
 * once a recording has run. That registering happens off the first emitting thread in a fresh JVM
 * is {@code dev.telltale.core.JfrSetupTest}'s, in a child JVM.
 */
class JfrSetupInThisJvmTest {

    @Test
    void registerEventTypes_givesEveryTelltaleType_inOrder_eachRegisteredWithJfr() {
        List<String> names = JfrSetup.registerEventTypes().stream().map(EventType::getName).toList();
        assertEquals(List.of("dev.telltale.Event", "dev.telltale.ContextFinished", "dev.telltale.PipelineHealth",
                "dev.telltale.BackendFailure", "dev.telltale.SlowTask", "dev.telltale.Hang", "dev.telltale.LoopLag",
                "dev.telltale.ProbeMetric", "dev.telltale.CrashSnapshot", "dev.telltale.Span"), names);
        List<String> registered = FlightRecorder.getFlightRecorder().getEventTypes().stream().map(EventType::getName).toList();
        assertTrue(registered.containsAll(names), registered.toString());
    }

    @Test
    void jfrUp_whileAndAfterARecordingRuns_isTrue() {
        try (Recording recording = new Recording()) {
            recording.start();
            assertTrue(JfrSetup.jfrUp());
        }
        assertTrue(JfrSetup.jfrUp(), "JFR stays up once started");
    }

    @Test
    void initializedOn_namesTheThreadThatRegisteredTheEventType() {
        JfrSetup.registerEventTypes();
        assertFalse(EventRecord.initializedOn().isBlank());
    }
}
