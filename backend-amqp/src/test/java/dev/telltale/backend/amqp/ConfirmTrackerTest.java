package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.ShutdownSignalException;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfirmTrackerTest {

    private final ConfirmTracker tracker = new ConfirmTracker();

    private static BitSet positions(int... set) {
        BitSet bits = new BitSet();
        for (int i : set) {
            bits.set(i);
        }
        return bits;
    }

    private ConfirmTracker.Result now() throws InterruptedException {
        return tracker.await(System.nanoTime());
    }

    @Test
    void singleAcks_settleTheirOwnMessagesOnly() throws Exception {
        tracker.begin(10, 3);
        tracker.handleAck(10, false);
        tracker.handleAck(12, false);
        ConfirmTracker.Result r = now();
        assertEquals(positions(0, 2), r.acked());
        assertEquals(positions(), r.nacked());
        assertEquals(1, r.outstanding());
        assertNull(r.shutdown());
    }

    @Test
    void multipleAckAndNack_settleEverythingUpToTheTagOnce() throws Exception {
        tracker.begin(5, 6); // tags 5..10
        tracker.handleNack(6, false);
        tracker.handleAck(8, true); // 5, 7, 8 (6 already nacked)
        tracker.handleNack(10, true); // 9, 10
        tracker.handleAck(10, true); // nothing left
        ConfirmTracker.Result r = now();
        assertEquals(0, r.outstanding());
        assertEquals(positions(0, 2, 3), r.acked());
        assertEquals(positions(1, 4, 5), r.nacked());
    }

    @Test
    void confirmsOutsideTheBatch_areIgnored() throws Exception {
        tracker.begin(100, 2);
        tracker.handleAck(99, false); // late answer for an earlier batch
        tracker.handleNack(99, true);
        tracker.handleAck(250, false); // not ours either
        assertEquals(2, now().outstanding());
        tracker.handleAck(1, true); // after the batch ended
        tracker.begin(200, 1);
        tracker.handleAck(200, false);
        ConfirmTracker.Result r = now();
        assertEquals(0, r.outstanding());
        assertEquals(positions(0), r.acked());
    }

    @Test
    void await_lastConfirmFromAnotherThread_wakesTheWaiter() throws Exception {
        tracker.begin(1, 2);
        tracker.handleAck(1, false);
        java.util.concurrent.atomic.AtomicReference<ConfirmTracker.Result> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                result.set(tracker.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "confirm-waiter");
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING) { // the waiter is inside await, waiting
            assertTrue(System.nanoTime() < deadline, "the waiter never waited: " + waiter.getState());
            Thread.onSpinWait();
        }
        tracker.handleAck(2, false);
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(waiter.isAlive(), "the last ack did not wake the waiter");
        ConfirmTracker.Result r = result.get();
        assertEquals(0, r.outstanding());
        assertEquals(positions(0, 1), r.acked());
    }

    @Test
    void await_channelShutDown_returnsTheCause() throws Exception {
        tracker.begin(1, 2);
        tracker.handleAck(1, false);
        tracker.shutdownCompleted(new ShutdownSignalException(true, false, null, "test"));
        ConfirmTracker.Result r = now();
        assertNotNull(r.shutdown());
        assertEquals(1, r.outstanding());
        assertEquals(positions(0), r.acked(), "what was confirmed before the shutdown is known");
    }

    @Test
    void abandon_returnsWhatWasAnsweredSoFar_andIgnoresLaterConfirms() throws Exception {
        tracker.begin(7, 4);
        tracker.handleAck(8, true); // 7, 8
        tracker.handleNack(9, false);
        ConfirmTracker.Result r = tracker.abandon();
        assertEquals(positions(0, 1), r.acked());
        assertEquals(positions(2), r.nacked());
        assertEquals(1, r.outstanding());
        tracker.handleAck(10, false); // the batch is forgotten
        assertEquals(positions(0, 1), r.acked(), "the result is the caller's own copy");
    }

    @Test
    void await_deadlinePassed_returnsWhatIsOutstanding() throws Exception {
        tracker.begin(1, 3);
        long start = System.nanoTime();
        ConfirmTracker.Result r = tracker.await(start + TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(3, r.outstanding());
        assertNull(r.shutdown());
    }
}
