package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** How callbacks' outcomes add up; the sink's decisions rest on this tally. */
class DeliveriesTest {

    @Test
    void tally_eachKindOfFate_isCountedUnderItsHeading() throws Exception {
        Deliveries d = new Deliveries(7);
        TimeoutException expired = new TimeoutException("Expiring 1 record(s)");
        d.callback(0).onCompletion(null, null);
        d.callback(1).onCompletion(null, null);
        d.callback(2).onCompletion(null, new RecordTooLargeException("big"));
        d.callback(3).onCompletion(null, new RecordBatchTooLargeException("bigger"));
        d.callback(4).onCompletion(null, expired);
        d.callback(5).onCompletion(null, new NotEnoughReplicasException("isr"));
        d.failed(6, new TopicAuthorizationException("no"));
        assertTrue(d.await(TimeUnit.SECONDS.toNanos(1)));
        Deliveries.Tally t = d.tally();
        assertEquals(2, t.delivered());
        assertEquals(2, t.tooLarge());
        assertEquals(2, t.transientFailures());
        assertEquals(1, t.refused());
        assertEquals(0, t.unknown());
        assertEquals(RecordTooLargeException.class, t.firstRefusal().getClass());
        assertSame(expired, t.firstTransient());
        assertEquals(BitSet.valueOf(new long[] {0b1001111}), t.settled(), "delivered, too large and refused");
        assertEquals(5, t.settledCount());
        assertEquals(2, t.unsettledCount());
        assertSame(expired, d.error(4));
        assertNull(d.error(0));
    }

    @Test
    void await_missingCallbacks_returnsFalseAndCountsThemUnknown() throws Exception {
        Deliveries d = new Deliveries(3);
        d.callback(0).onCompletion(null, null);
        assertFalse(d.await(TimeUnit.MILLISECONDS.toNanos(20)));
        Deliveries.Tally t = d.tally();
        assertEquals(1, t.delivered());
        assertEquals(2, t.unknown());
        assertEquals(2, t.unsettledCount());
        assertEquals(BitSet.valueOf(new long[] {1}), t.settled());
        assertNull(t.firstRefusal());
        assertNull(t.firstTransient());
    }

    @Test
    void callback_calledTwice_countsTheFirstFateOnly() throws Exception {
        Deliveries d = new Deliveries(2);
        d.callback(0).onCompletion(null, new TimeoutException("first"));
        d.callback(0).onCompletion(null, null);
        assertFalse(d.await(TimeUnit.MILLISECONDS.toNanos(20)), "one callback twice must not stand in for another");
        assertEquals(1, d.tally().transientFailures());
        assertEquals(0, d.tally().delivered());
    }

    @Test
    void producerBroken_isTransient() {
        assertTrue(Deliveries.isTransient(new Deliveries.ProducerBrokenException("x", new IllegalStateException())));
        assertFalse(Deliveries.isTransient(new TopicAuthorizationException("no")));
    }

    @Test
    void outOfOrderSequence_isTransient_soTheRecordIsSentAgain() throws Exception {
        // the broker refused the batch (nothing of it was written) and the idempotent producer bumps its epoch
        Deliveries d = new Deliveries(2);
        d.callback(0).onCompletion(null, null);
        d.callback(1).onCompletion(null, new OutOfOrderSequenceException("The broker received an out of order sequence number."));
        assertTrue(d.await(TimeUnit.SECONDS.toNanos(1)));
        Deliveries.Tally t = d.tally();
        assertEquals(1, t.transientFailures(), "retried, not dropped as backend-error");
        assertEquals(0, t.refused());
        assertEquals(BitSet.valueOf(new long[] {1}), t.settled());
    }
}
