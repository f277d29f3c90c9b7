package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.born;
import static dev.telltale.monitor.Lines.ctx;
import static dev.telltale.monitor.Lines.finished;
import static dev.telltale.monitor.Lines.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject.Gap;
import dev.telltale.monitor.CollatedObject.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each print and each count says what really happened to an object printed before. */
class CollateFragmentTest {

    @Test
    void timedOutObject_gettingMoreMessages_isPrintedAsAFragment_continuingAfterWhatWasPrinted() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .collateTimeout(Duration.ofSeconds(1))
                .input(Lines.input(
                        born("slow", 0, "{\"a\":1}"),
                        update("slow", 2, 1, "{\"b\":2}"),
                        ctx("transient", "tick", 1, 1500, "{}"), // slow: quiet for 1.499 s, given out
                        update("slow", 3, 1600, "{\"c\":3}"),
                        update("slow", 2, 1601, "{\"b\":2}"), // redelivered, already printed
                        finished("slow", 5, 1700, 1.7)))
                .build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of("slow", "tick", "slow"), out.stream().map(CollatedObject::id).toList());
        CollatedObject first = out.get(0);
        assertEquals(Status.INCOMPLETE, first.status());
        assertFalse(first.fragment());
        assertEquals(List.of(), first.gaps());
        CollatedObject rest = out.get(2);
        assertTrue(rest.fragment());
        assertEquals(true, rest.toMap().get("fragment"));
        assertEquals(Status.FINISHED, rest.status());
        assertFalse(rest.complete());
        assertEquals(List.of(new Gap(4, 4)), rest.gaps()); // not 1-2: those were printed
        assertEquals(Map.of("c", 3L), rest.fields());
        assertEquals(2, rest.messages());
        assertEquals(1, stream.counts().duplicates());
        assertEquals(0, stream.counts().late());
    }

    @Test
    void lateSeq_afterTheWaitWasGivenUp_isLate_notDuplicate() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(born("c1", 0, "{}"));
        int updates = Partial.MAX_PENDING + 10;
        for (int i = 0; i < updates; i++) {
            lines.add(update("c1", i + 3, i + 1, "{\"n\":" + i + "}")); // seq 2 is missing
        }
        lines.add(update("c1", 2, updates + 1, "{\"two\":true}")); // arrives after the wait was given up
        lines.add(update("c1", 3, updates + 2, "{\"n\":0}")); // a real duplicate
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .input(Lines.input(lines.toArray(new String[0]))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of(new Gap(2, 2)), out.get(0).gaps());
        assertEquals(1, stream.counts().late());
        assertEquals(1, stream.counts().duplicates());
    }

    @Test
    void redeliveredTransient_isDuplicate_notLate() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                ctx("transient", "push", 1, 0, "{\"n\":1}"),
                ctx("transient", "push", 1, 0, "{\"n\":1}"),
                ctx("transient", "push", 1, 5, "{\"n\":2}"))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), out.stream().map(CollatedObject::fields).toList());
        assertEquals(1, stream.counts().duplicates());
        assertEquals(0, stream.counts().late());
    }

    @Test
    void redeliveredMessage_ofACompleteFinishedObject_isDuplicate() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                born("c1", 0, "{}"),
                update("c1", 2, 1, "{}"),
                finished("c1", 3, 2, 0.002),
                update("c1", 2, 1, "{}"))).build());
        Lines.drain(stream);

        assertEquals(1, stream.counts().duplicates());
        assertEquals(0, stream.counts().late());
    }

    @Test
    void printedWithManyGaps_laterMessagesOfItsRange_areLate() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(born("c1", 0, "{}"));
        int gaps = RecentIds.MAX_GAPS + 1;
        for (int i = 0; i < gaps; i++) {
            lines.add(update("c1", 3 + 2L * i, i + 1, "{}")); // seq 2, 4, 6, ... missing
        }
        lines.add(finished("c1", 3 + 2L * gaps, gaps + 1, 0.1));
        lines.add(ctx("transient", "tick", 1, 10_000, "{}")); // past the reorder window: c1 printed
        lines.add(update("c1", 3, 10_001, "{}")); // was applied, but too many gaps to remember which
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .input(Lines.input(lines.toArray(new String[0]))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(gaps + 1, out.get(0).gaps().size());
        assertEquals(1, stream.counts().late());
        assertEquals(0, stream.counts().duplicates());
    }
}
