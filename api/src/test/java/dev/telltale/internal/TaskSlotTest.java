package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSlotTest {

    private final List<String> ends = new ArrayList<>();
    private final TaskSlot.Listener listener =
            (slot, executor, task, start, duration, reported) -> ends.add(executor + " " + task + " " + reported);

    @Test
    void taskUnderThreshold_ends_listenerNotTold() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE);
        slot.begin("pool", "t1");
        slot.end();
        assertEquals(List.of(), ends);
        assertEquals(0, slot.version() & 1, "idle after end");
    }

    @Test
    void taskAtThreshold_ends_listenerToldUnreported() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, 0);
        slot.begin("pool", "t1");
        slot.end();
        assertEquals(List.of("pool t1 false"), ends);
    }

    @Test
    void beginAtAGivenTime_countsTheDurationFromThen() {
        List<Long> durations = new ArrayList<>();
        TaskSlot slot = new TaskSlot(Thread.currentThread(),
                (s, executor, task, start, duration, reported) -> durations.add(duration), 1_000_000_000L);
        long start = System.nanoTime() - 2_000_000_000L;
        slot.begin("loop", "turn", start);
        assertEquals(start, slot.running(slot.version()).startNanos());
        slot.end();
        assertEquals(1, durations.size(), "a turn begun two seconds ago is slow at a threshold of one");
        assertTrue(durations.get(0) >= 2_000_000_000L, durations.toString());
    }

    @Test
    void running_readsWhatRuns_andNullOnceEnded() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE);
        slot.begin("pool", "t1");
        long v = slot.version();
        assertEquals(1, v & 1, "odd while running");
        TaskSlot.Running r = slot.running(v);
        assertNotNull(r);
        assertEquals("pool", r.executor());
        assertEquals("t1", r.task());
        slot.end();
        assertNull(slot.running(v), "a version that ended reads as nothing");
        assertNull(slot.running(slot.version()), "idle reads as nothing");
    }

    @Test
    void last_afterEnd_namesTheEndedTask_keptOnlyWhenAsked() {
        TaskSlot keeping = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE, new CoarseClock(),
                Long.MIN_VALUE, true);
        TaskSlot dropping = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE);
        assertNull(keeping.last(keeping.version()), "no task ran yet");
        for (TaskSlot slot : List.of(keeping, dropping)) {
            slot.begin("pool", "t1");
            assertEquals("t1", slot.last(slot.version()).task(), "the running task");
            slot.end();
        }
        TaskSlot.Running kept = keeping.last(keeping.version());
        assertEquals("pool", kept.executor());
        assertEquals("t1", kept.task());
        TaskSlot.Running dropped = dropping.last(dropping.version());
        assertEquals("pool", dropped.executor());
        assertNull(dropped.task(), "an idle slot that does not keep its task holds none");
        long old = keeping.version();
        keeping.begin("other", "t2");
        assertNull(keeping.last(old), "a version that moved on reads as nothing");
    }

    @Test
    void claimWhileRunning_endIsReportedRunning_andClaimedOnce() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE);
        slot.begin("pool", "t1");
        long v = slot.version();
        assertTrue(slot.claim(v));
        assertTrue(slot.claimed(v));
        assertFalse(slot.claim(v), "one claim per episode");
        slot.end();
        assertEquals(List.of("pool t1 true"), ends);
        slot.begin("pool", "t2");
        slot.end();
        assertEquals(List.of("pool t1 true"), ends, "the next task is not reported: the claim was used up");
    }

    @Test
    void claimAfterEnd_fails_andTheNextEpisodeCanStillBeClaimed() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, Long.MAX_VALUE);
        slot.begin("pool", "t1");
        long v1 = slot.version();
        slot.end();
        assertFalse(slot.claim(v1), "ended: the claim is undone");
        slot.begin("pool", "t2");
        long v2 = slot.version();
        assertTrue(slot.claim(v2));
        slot.end();
        assertEquals(List.of("pool t2 true"), ends);
    }

    @Test
    void nestedTask_isPartOfTheOuterOne() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, 0);
        slot.begin("outer", "a");
        long v = slot.version();
        slot.begin("inner", "b");
        assertEquals(v, slot.version());
        slot.end();
        assertEquals(List.of(), ends, "inner end is no end");
        assertSame("a", slot.running(v).task());
        slot.end();
        assertEquals(List.of("outer a false"), ends);
    }

    @Test
    void endWithoutBegin_isIgnored() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, 0);
        slot.end();
        slot.begin("pool", "t1");
        assertEquals(1, slot.version() & 1);
        slot.end();
        assertEquals(List.of("pool t1 false"), ends);
    }

    @Test
    void throwingListener_doesNotReachTheTask() {
        TaskSlot slot = new TaskSlot(Thread.currentThread(), (s, e, t, st, d, r) -> {
            throw new IllegalStateException("broken");
        }, 0);
        slot.begin("pool", "t1");
        slot.end();
        assertEquals(0, slot.version() & 1);
    }

    @Test
    void taskShortByTheCoarseClock_endsWithoutTheListener_unlessClaimed() {
        CoarseClock coarse = new CoarseClock(); // never ticks: every task looks short by it
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, 0, coarse, Long.MAX_VALUE);
        slot.begin("pool", "t1");
        slot.end();
        assertEquals(List.of(), ends, "certainly short: not even the clock is read");
        slot.begin("pool", "t2");
        assertTrue(slot.claim(slot.version()));
        slot.end();
        assertEquals(List.of("pool t2 true"), ends, "a claimed task is always told");
    }

    @Test
    void taskLongByTheCoarseClock_readsTheClock() {
        CoarseClock coarse = new CoarseClock();
        TaskSlot slot = new TaskSlot(Thread.currentThread(), listener, 0, coarse, 0);
        slot.begin("pool", "t1");
        long started = System.nanoTime();
        while (System.nanoTime() == started) {
            Thread.onSpinWait();
        }
        coarse.tick();
        slot.end();
        assertEquals(List.of("pool t1 false"), ends);
    }

    @Test
    void nulls_areRefused() {
        assertThrows(NullPointerException.class, () -> new TaskSlot(null, listener, 0));
        assertThrows(NullPointerException.class, () -> new TaskSlot(Thread.currentThread(), null, 0));
        assertThrows(NullPointerException.class, () -> new TaskSlot(Thread.currentThread(), listener, 0, null, 0));
    }
}
