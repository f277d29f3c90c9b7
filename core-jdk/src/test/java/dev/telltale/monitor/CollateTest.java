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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Collation through {@link Monitor#objects} over JSON lines. */
class CollateTest {

    @Test
    void bornUpdatesFinished_giveOneCompleteObject_withMergedFields() {
        List<CollatedObject> out = Lines.objects(
                born("c1", 0, "{\"url\":\"http://foo.com\",\"status\":0}"),
                update("c1", 2, 5, "{\"status\":200}"),
                update("c1", 3, 7, "{\"bytes\":512}"),
                finished("c1", 4, 12, 0.012));

        assertEquals(1, out.size());
        CollatedObject o = out.get(0);
        assertEquals("c1", o.id());
        assertEquals("shop.request", o.routingKey());
        assertEquals(Status.FINISHED, o.status());
        assertTrue(o.complete());
        assertEquals(Map.of("url", "http://foo.com", "status", 200L, "bytes", 512L), o.fields());
        assertEquals(List.of("url", "status", "bytes"), new ArrayList<>(o.fields().keySet()));
        assertEquals(0.012, o.elapsed().getAsDouble());
        assertEquals(Lines.T0, o.born().orElseThrow());
        assertEquals(Lines.T0.plusMillis(12), o.finished().orElseThrow());
        assertEquals(4, o.messages());
        assertEquals(List.of(), o.gaps());
        assertEquals("stdin:1", o.firstPosition());
        assertEquals("stdin:4", o.lastPosition());
        assertEquals("box-1", o.host());
        assertEquals(4242, o.pid());
    }

    @Test
    void toMap_hasEveryMember_inItsOrder() {
        CollatedObject o = Lines.objects(born("c1", 0, "{\"a\":1}"), finished("c1", 2, 3, 0.003)).get(0);

        Map<String, Object> map = o.toMap();
        assertEquals(List.of("id", "routingKey", "status", "complete", "fragment", "born", "finished", "elapsed", "reclaimed", "host",
                "pid", "headers", "fields", "log", "gaps", "messages"), new ArrayList<>(map.keySet()));
        assertEquals("finished", map.get("status"));
        assertEquals(Lines.time(Lines.T0), map.get("born"));
        assertEquals(Lines.time(Lines.T0.plusMillis(3)), map.get("finished"));
        assertEquals(false, map.get("reclaimed"));
        assertEquals(Map.of("first", "stdin:1", "last", "stdin:2"), o.toVerboseMap().get("positions"));
    }

    @Test
    void remove_deletesKeys_andLog_appendsLines() {
        CollatedObject o = Lines.objects(
                born("c1", 0, "{\"a\":1,\"b\":2,\"c\":3}"),
                ctx("remove", "c1", 2, 1, "{\"keys\":[\"a\",\"c\"]}"),
                ctx("log", "c1", 3, 2, "{\"level\":\"INFO\",\"message\":\"my b is 2\",\"template\":\"my b is {b}\"}"),
                ctx("log", "c1", 4, 3, "{\"level\":\"WARN\",\"message\":\"slow\",\"template\":\"slow\"}"),
                finished("c1", 5, 4, 0.004)).get(0);

        assertEquals(Map.of("b", 2L), o.fields());
        assertEquals(2, o.log().size());
        assertEquals(Map.of("time", Lines.time(Lines.T0.plusMillis(2)), "level", "INFO", "message", "my b is 2",
                "template", "my b is {b}"), o.log().get(0));
        assertEquals(List.of("time", "level", "message", "template"),
                new ArrayList<>(((Map<?, ?>) o.log().get(0)).keySet()));
        assertEquals("slow", ((Map<?, ?>) o.log().get(1)).get("message"));
        assertTrue(o.complete());
    }

    @Test
    void transient_isGivenOutAtOnce_evenBeforeTheEnd() throws Exception {
        String line = ctx("transient", "t1", 1, 0, "{\"foo\":\"whatever\"}");
        try (java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
                MonitorStream<CollatedObject> objects = Monitor.objects(MonitorOptions.builder()
                        .input(new java.io.PipedInputStream(writer)).build())) {
            writer.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            writer.flush();
            CollatedObject o = objects.poll(java.time.Duration.ofSeconds(10));

            assertEquals(Status.TRANSIENT, o.status());
            assertTrue(o.complete());
            assertEquals(Map.of("foo", "whatever"), o.fields());
            assertEquals(Lines.T0, o.born().orElseThrow());
            assertTrue(o.elapsed().isEmpty());
            assertEquals("transient", o.toMap().get("status"));
            assertEquals(null, o.toMap().get("reclaimed"));
        }
    }

    @Test
    void missedBorn_isStillCollated_incompleteData_withAGapFromOne() {
        CollatedObject o = Lines.objects(
                update("c1", 3, 5, "{\"x\":1}"),
                update("c1", 4, 6, "{\"y\":2}"),
                finished("c1", 5, 7, 0.5)).get(0);

        assertEquals(Status.FINISHED, o.status());
        assertFalse(o.complete());
        assertEquals(List.of(new Gap(1, 2)), o.gaps());
        assertTrue(o.born().isEmpty());
        assertEquals(Map.of("x", 1L, "y", 2L), o.fields());
        assertEquals(List.of(List.of(1L, 2L)), o.toMap().get("gaps"));
        assertEquals(false, o.toMap().get("complete"));
        assertEquals(null, o.toMap().get("born"));
    }

    @Test
    void outOfOrder_isAppliedInSeqOrder() {
        CollatedObject o = Lines.objects(
                born("c1", 0, "{}"),
                update("c1", 3, 2, "{\"x\":\"second\"}"),
                update("c1", 2, 1, "{\"x\":\"first\",\"y\":1}"),
                finished("c1", 4, 3, 0.003)).get(0);

        assertEquals(Map.of("x", "second", "y", 1L), o.fields());
        assertTrue(o.complete());
        assertEquals(4, o.messages());
    }

    @Test
    void bornArrivingLast_isStillFirst() {
        CollatedObject o = Lines.objects(
                update("c1", 2, 1, "{\"x\":2}"),
                born("c1", 0, "{\"x\":1,\"y\":1}"),
                finished("c1", 3, 3, 0.003)).get(0);

        assertEquals(Map.of("x", 2L, "y", 1L), o.fields());
        assertTrue(o.complete());
    }

    @Test
    void missingMessages_areReportedAsGaps() {
        CollatedObject o = Lines.objects(
                born("c1", 0, "{}"),
                update("c1", 2, 1, "{\"a\":1}"),
                update("c1", 4, 2, "{\"b\":1}"),
                update("c1", 7, 3, "{\"c\":1}"),
                finished("c1", 8, 4, 0.004)).get(0);

        assertEquals(Status.FINISHED, o.status());
        assertFalse(o.complete());
        assertEquals(List.of(new Gap(3, 3), new Gap(5, 6)), o.gaps());
        assertEquals(Map.of("a", 1L, "b", 1L, "c", 1L), o.fields());
    }

    @Test
    void neverFinished_isGivenOutIncomplete_atTheEndOfTheStream() {
        List<CollatedObject> out = Lines.objects(
                born("c1", 0, "{\"a\":1}"),
                born("c2", 1, "{}"),
                update("c1", 2, 2, "{\"b\":2}"),
                finished("c2", 2, 3, 0.002));

        assertEquals(List.of("c2", "c1"), out.stream().map(CollatedObject::id).toList());
        CollatedObject c1 = out.get(1);
        assertEquals(Status.INCOMPLETE, c1.status());
        assertFalse(c1.complete());
        assertEquals(Map.of("a", 1L, "b", 2L), c1.fields());
        assertTrue(c1.finished().isEmpty());
        assertEquals(null, c1.toMap().get("elapsed"));
    }

    @Test
    void neverFinished_isGivenOut_whenStreamTimePassesTheTimeout() {
        long fiveMinutes = 5 * 60_000;
        List<CollatedObject> out = Lines.objects(
                born("old", 0, "{}"),
                born("exact", 1, "{}"),
                ctx("transient", "t1", 1, fiveMinutes + 1, "{}"), // old: quiet for 5 min + 1 ms; exact: 5 min, kept
                ctx("transient", "t2", 1, fiveMinutes + 2, "{}")); // exact: now quiet for 5 min + 1 ms

        assertEquals(List.of("old", "t1", "exact", "t2"), out.stream().map(CollatedObject::id).toList());
        assertEquals(Status.INCOMPLETE, out.get(0).status());
        assertEquals(Status.INCOMPLETE, out.get(2).status());
    }

    @Test
    void timeout_countsFromTheLastMessage_notFromBorn() {
        long fourMinutes = 4 * 60_000;
        List<CollatedObject> out = Lines.objects(
                born("slow", 0, "{}"),
                update("slow", 2, fourMinutes, "{\"step\":1}"),
                ctx("transient", "t1", 1, 2 * fourMinutes, "{}"), // 4 min after slow's last message
                finished("slow", 3, 2 * fourMinutes + 1, 480.0));

        assertEquals(List.of("t1", "slow"), out.stream().map(CollatedObject::id).toList());
        assertTrue(out.get(1).complete());
    }

    @Test
    void collateTimeout_isAnOption() throws IOException {
        List<CollatedObject> out = Lines.drain(Monitor.objects(MonitorOptions.builder()
                .collateTimeout(java.time.Duration.ofSeconds(1))
                .input(Lines.input(born("a", 0, "{}"), born("b", 1001, "{}"), finished("b", 2, 1002, 0.001)))
                .build()));

        assertEquals(List.of("a", "b"), out.stream().map(CollatedObject::id).toList());
        assertEquals(Status.INCOMPLETE, out.get(0).status());
    }

    @Test
    void lateMessage_forAFinishedObject_isDroppedAndCounted() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                born("c1", 0, "{}"),
                update("c1", 2, 1, "{\"a\":1}"),
                finished("c1", 4, 3, 0.003),
                born("other", 2004, "{}"), // past the 2 s reorder window: c1 is given out
                update("c1", 3, 2, "{\"late\":true}"),
                update("c1", 3, 2, "{\"late\":true}"))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(2, out.size());
        assertEquals(List.of(new Gap(3, 3)), out.get(0).gaps());
        assertEquals(Map.of("a", 1L), out.get(0).fields());
        assertEquals(2, stream.counts().late());
    }

    @Test
    void duplicates_areDroppedAndCounted() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                born("c1", 0, "{}"),
                born("c1", 0, "{}"),
                update("c1", 3, 2, "{\"b\":1}"),
                update("c1", 3, 2, "{\"b\":1}"),
                update("c1", 2, 1, "{\"a\":1}"),
                finished("c1", 4, 3, 0.003))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(1, out.size());
        assertTrue(out.get(0).complete());
        assertEquals(4, out.get(0).messages());
        assertEquals(2, stream.counts().duplicates());
    }

    @Test
    void reusedId_aNewerBorn_startsANewObject() {
        List<CollatedObject> out = Lines.objects(
                born("job", 0, "{\"run\":1}"),
                finished("job", 2, 10, 0.01),
                born("job", 20, "{\"run\":2}"),
                update("job", 2, 21, "{\"x\":1}"),
                born("job", 30, "{\"run\":3}"), // run 2 never finished
                finished("job", 2, 40, 0.01));

        assertEquals(3, out.size());
        assertEquals(Map.of("run", 1L), out.get(0).fields());
        assertEquals(Map.of("run", 2L, "x", 1L), out.get(1).fields());
        assertEquals(Status.INCOMPLETE, out.get(1).status());
        assertEquals(Map.of("run", 3L), out.get(2).fields());
        assertTrue(out.get(2).complete());
    }

    @Test
    void reusedId_ofATransient_isGivenOutAgain_butARepeatedOneIsADuplicate() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                ctx("transient", "push", 1, 0, "{\"n\":1}"),
                ctx("transient", "push", 1, 0, "{\"n\":1}"),
                ctx("transient", "push", 1, 5, "{\"n\":2}"))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), out.stream().map(CollatedObject::fields).toList());
        assertEquals(1, stream.counts().duplicates());
    }

    @Test
    void otherKinds_areIgnoredAndCounted() throws IOException {
        MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder().input(Lines.input(
                Lines.event("order.placed", "shop.orders", "emitter-1", 1, Lines.T0, "{\"id\":42}"),
                born("c1", 0, "{}"),
                Lines.event("telltale.health", "telltale.health", "pipeline-1", 1, Lines.T0, "{}"),
                ctx("someday", "c1", 2, 1, "{\"x\":1}"), // a context kind from a later version keeps its place
                update("c2", 0, 1, "{\"x\":1}"), // contexts count from 1
                finished("c1", 3, 2, 0.002))).build());
        List<CollatedObject> out = Lines.drain(stream);

        assertEquals(1, out.size());
        assertTrue(out.get(0).complete());
        assertEquals(Map.of(), out.get(0).fields());
        assertEquals(3, stream.counts().ignored());
        assertEquals(6, stream.counts().messages());
    }

    @Test
    void maxLiveObjects_givesOutTheQuietestAsIncomplete() throws IOException {
        List<CollatedObject> out = Lines.drain(Monitor.objects(MonitorOptions.builder().maxLiveObjects(2).input(Lines.input(
                born("a", 0, "{}"),
                born("b", 1, "{}"),
                update("a", 2, 2, "{}"),
                born("c", 3, "{}"),
                finished("a", 3, 4, 0.004))).build()));

        assertEquals(List.of("b", "a", "c"), out.stream().map(CollatedObject::id).toList());
        assertEquals(List.of(Status.INCOMPLETE, Status.FINISHED, Status.INCOMPLETE),
                out.stream().map(CollatedObject::status).toList());
    }

    @Test
    void manyMessagesAheadOfAMissingOne_stopTheWait_andKeepTheirOrder() {
        List<String> lines = new ArrayList<>();
        int updates = Partial.MAX_PENDING + 100;
        for (int i = 0; i < updates; i++) {
            lines.add(update("c1", i + 2, i, "{\"n\":" + i + "}"));
        }
        CollatedObject o = Lines.objects(lines.toArray(new String[0])).get(0);

        assertEquals(Status.INCOMPLETE, o.status());
        assertEquals(List.of(new Gap(1, 1)), o.gaps());
        assertEquals(updates, o.messages());
        assertEquals(Map.of("n", (long) updates - 1), o.fields());
    }

    @Test
    void logLines_areCapped_withAnOmittedMarker() {
        List<String> lines = new ArrayList<>();
        lines.add(born("c1", 0, "{}"));
        int logs = Partial.MAX_LIST + 5;
        for (int i = 0; i < logs; i++) {
            lines.add(ctx("log", "c1", i + 2, i, "{\"level\":\"INFO\",\"message\":\"" + i + "\"}"));
        }
        lines.add(finished("c1", logs + 2, logs, 1.0));
        CollatedObject o = Lines.objects(lines.toArray(new String[0])).get(0);

        assertEquals(Partial.MAX_LIST + 1, o.log().size());
        assertEquals(Map.of("$omitted", 5L), o.log().get(Partial.MAX_LIST));
        assertTrue(o.complete());
    }
}
