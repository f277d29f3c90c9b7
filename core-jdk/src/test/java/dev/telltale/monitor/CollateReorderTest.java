package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.born;
import static dev.telltale.monitor.Lines.ctx;
import static dev.telltale.monitor.Lines.finished;
import static dev.telltale.monitor.Lines.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject.Gap;
import dev.telltale.monitor.CollatedObject.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finished object with gaps is held for the reorder window while its gaps may fill. */
class CollateReorderTest {

    @Test
    void finishedOvertakingAnUpdate_waitsForIt_andIsComplete() {
        List<CollatedObject> out = Lines.objects(
                born("c1", 0, "{\"a\":0}"),
                finished("c1", 3, 2, 0.002),
                update("c1", 2, 1, "{\"a\":2}"));

        assertEquals(1, out.size());
        CollatedObject o = out.get(0);
        assertEquals(Status.FINISHED, o.status());
        assertTrue(o.complete(), o::toString);
        assertEquals(List.of(), o.gaps());
        assertEquals(Map.of("a", 2L), o.fields());
        assertEquals(3, o.messages());
    }

    @Test
    void heldObject_isGivenOutWithItsGaps_onceStreamTimePassesTheWindow() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .reorderWindow(Duration.ofSeconds(1))
                .input(Lines.input(
                        born("c1", 0, "{}"),
                        finished("c1", 3, 2, 0.002),
                        ctx("transient", "t1", 1, 1002, "{}"), // exactly the window: c1 still held
                        ctx("transient", "t2", 1, 1003, "{}"), // past it: c1 given out
                        update("c1", 2, 1, "{\"late\":true}")))
                .build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of("t1", "c1", "t2"), out.stream().map(CollatedObject::id).toList());
        CollatedObject c1 = out.get(1);
        assertEquals(Status.FINISHED, c1.status());
        assertFalse(c1.complete());
        assertEquals(List.of(new Gap(2, 2)), c1.gaps());
        assertEquals(1, stream.counts().late());
    }

    @Test
    void zeroWindow_givesOutAtOnce_asBefore() {
        List<CollatedObject> out = Lines.drain(monitor(Duration.ZERO,
                born("c1", 0, "{}"), finished("c1", 3, 2, 0.002), update("c1", 2, 1, "{}")));

        assertEquals(List.of(new Gap(2, 2)), out.get(0).gaps());
    }

    @Test
    void finishedWithoutGaps_isNotHeld() throws Exception {
        String[] lines = {born("c1", 0, "{}"), finished("c1", 2, 2, 0.002)};
        try (java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
                MonitorStream<CollatedObject> objects = Monitor.objects(MonitorOptions.builder()
                        .reorderWindow(Duration.ofHours(1))
                        .input(new java.io.PipedInputStream(writer)).build())) {
            writer.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            writer.flush();
            CollatedObject o = objects.poll(Duration.ofSeconds(30));
            assertTrue(o.complete());
        }
    }

    @Test
    void reorderWindow_mustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().reorderWindow(Duration.ofSeconds(-1)));
        assertEquals(Duration.ofSeconds(2), MonitorOptions.builder().build().reorderWindow());
    }

    private static MonitorStream<CollatedObject> monitor(Duration window, String... lines) {
        try {
            return Monitor.objects(MonitorOptions.builder().reorderWindow(window).input(Lines.input(lines)).build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
