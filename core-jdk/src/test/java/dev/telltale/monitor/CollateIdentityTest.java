package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.ctxOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An object is known by its host, process and source together. */
class CollateIdentityTest {

    @Test
    void twoProcessesUsingTheSameIds_interleaved_areCollatedApart() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                ctxOf("box-1", 100, "born", "req-1", 1, 0, "{\"who\":\"a\"}"),
                ctxOf("box-1", 200, "born", "req-1", 1, 1, "{\"who\":\"b\"}"),
                ctxOf("box-2", 100, "born", "req-1", 1, 2, "{\"who\":\"c\"}"),
                ctxOf("box-1", 200, "update", "req-1", 2, 3, "{\"step\":\"b2\"}"),
                ctxOf("box-1", 100, "update", "req-1", 2, 4, "{\"step\":\"a2\"}"),
                ctxOf("box-2", 100, "update", "req-1", 2, 5, "{\"step\":\"c2\"}"),
                ctxOf("box-1", 100, "finished", "req-1", 3, 6, "{\"elapsed\":0.006}"),
                ctxOf("box-2", 100, "finished", "req-1", 3, 7, "{\"elapsed\":0.005}"),
                ctxOf("box-1", 200, "finished", "req-1", 3, 8, "{\"elapsed\":0.007}"))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(3, out.size());
        out = out.stream().sorted(Comparator.comparing(o -> (String) o.fields().get("who"))).toList();
        assertEquals(List.of("box-1", "box-1", "box-2"), out.stream().map(CollatedObject::host).toList());
        assertEquals(List.of(100L, 200L, 100L), out.stream().map(CollatedObject::pid).toList());
        for (CollatedObject o : out) {
            assertTrue(o.complete(), o::toString);
            assertEquals(3, o.messages());
            String who = (String) o.fields().get("who");
            assertEquals(Map.of("who", who, "step", who + "2"), o.fields());
            assertEquals(o.host(), o.toMap().get("host"));
            assertEquals(o.pid(), o.toMap().get("pid"));
        }
        assertEquals(0, stream.counts().duplicates());
        assertEquals(0, stream.counts().late());
    }

    @Test
    void sameIdOfAnotherProcess_afterOneFinished_isNotLate() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                ctxOf("box-1", 100, "born", "req-1", 1, 5, "{}"),
                ctxOf("box-1", 100, "finished", "req-1", 2, 6, "{\"elapsed\":0.001}"),
                ctxOf("box-1", 101, "born", "req-1", 1, 4, "{}"),
                ctxOf("box-1", 101, "finished", "req-1", 2, 6, "{\"elapsed\":0.002}"))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of(100L, 101L), out.stream().map(CollatedObject::pid).toList());
        assertTrue(out.get(1).complete());
        assertEquals(0, stream.counts().late());
    }
}
