package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.jfr.EventRecord;
import dev.telltale.internal.Engine;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JFR's event types are registered by the engine's own thread when it starts, not by the first
 * emitting thread. Registering is a one-time cost per JVM, so this runs in a fresh JVM where no
 * recording has ever run (this test JVM has recorded already).
 */
@Timeout(120)
class JfrSetupTest {

    @Test
    void freshJvmWithoutRecording_firstEmit_doesNotRegisterJfrEventsOnTheCallersThread() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FirstEmit.class.getName())
                .redirectErrorStream(true).start();
        boolean ended = child.waitFor(90, TimeUnit.SECONDS);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            child.destroyForcibly();
        }
        assertTrue(ended, "the child ended: " + out);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("jfr up before: false"), out);
        assertTrue(out.contains("registered on: telltale-jfr-setup"), out);
    }

    /** The child: starts an engine (JFR only), emits once on main, waits for the set-up, reports. */
    public static final class FirstEmit {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("jfr up before: " + jdk.jfr.FlightRecorder.isInitialized());
            Engine engine = CoreEngine.start(Map.of("telltale.backend", "none"), false, false,
                    Backends.of(List.of(), m -> { }));
            engine.offer(event("s", 1, Map.of("i", 1)));
            engine.contextBegin("k", "id").end(false);
            CoreEngine core = (CoreEngine) engine;
            for (int i = 0; i < 6000 && !core.jfrReady(); i++) { // at most a minute
                Thread.sleep(10);
            }
            System.out.println("registered on: " + EventRecord.initializedOn());
            engine.close();
        }
    }
}
