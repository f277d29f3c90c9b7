package dev.telltale.backend.kafka;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The fate of each record of one batch, as the producer's callbacks report it: delivered, failed
 * with an exception, or not known yet. Callbacks run on the producer's network thread (or on the
 * sending thread, when {@code send()} fails at once); {@link #await} and the counts are for the
 * sending thread.
 */
final class Deliveries {

    private static final Object DELIVERED = new Object();

    private final AtomicReferenceArray<Object> fates;
    private final CountDownLatch done;

    Deliveries(int size) {
        fates = new AtomicReferenceArray<>(size);
        done = new CountDownLatch(size);
    }

    /** The callback for record {@code index}. */
    Callback callback(int index) {
        return (metadata, exception) -> settle(index, exception == null ? DELIVERED : exception);
    }

    /** Records that record {@code index} failed without a callback (it was never sent). */
    void failed(int index, Exception cause) {
        settle(index, cause);
    }

    private void settle(int index, Object fate) {
        if (fates.compareAndSet(index, null, fate)) {
            done.countDown();
        }
    }

    /** The exception record {@code index} failed with, or null if it did not fail (yet). */
    Exception error(int index) {
        return fates.get(index) instanceof Exception e ? e : null;
    }

    /** Waits until every record's fate is known or {@code nanos} have passed; true if all are known. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * How the records' fates add up, at this moment: the counts and which records are settled
     * (delivered, or refused for good) are taken in one pass, so they agree even while late
     * callbacks arrive.
     */
    Tally tally() {
        int delivered = 0;
        int tooLarge = 0;
        int transientFailures = 0;
        int refused = 0;
        int unknown = 0;
        Exception firstRefusal = null;
        Exception firstTransient = null;
        BitSet settled = new BitSet(fates.length());
        for (int i = 0; i < fates.length(); i++) {
            Object fate = fates.get(i);
            if (fate == DELIVERED) {
                delivered++;
                settled.set(i);
                continue;
            }
            if (fate == null) {
                unknown++;
                continue;
            }
            Exception e = (Exception) fate;
            if (isTransient(e)) {
                transientFailures++;
                if (firstTransient == null) {
                    firstTransient = e;
                }
                continue;
            }
            if (isTooLarge(e)) {
                tooLarge++;
            } else {
                refused++;
            }
            settled.set(i);
            if (firstRefusal == null) {
                firstRefusal = e;
            }
        }
        return new Tally(delivered, tooLarge, transientFailures, refused, unknown, firstRefusal, firstTransient, settled);
    }

    static boolean isTooLarge(Throwable e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException;
    }

    /**
     * Whether {@code e} says the record may be taken if sent again, rather than that the brokers
     * refuse it: the brokers are away or busy, the producer broke, or the broker found a gap in the
     * idempotent producer's sequence numbers ({@link OutOfOrderSequenceException}: the record was
     * not written, and the producer has moved to a new epoch that restarts the sequence). Kafka
     * does not count the last as retriable because a transactional producer must abort its
     * transaction; Telltale never starts one.
     */
    static boolean isTransient(Throwable e) {
        return e instanceof RetriableException || e instanceof ProducerBrokenException
                || e instanceof OutOfOrderSequenceException;
    }

    /**
     * The counts of one batch.
     *
     * @param delivered acknowledged by the brokers
     * @param tooLarge refused as too large, by the client or the broker
     * @param transientFailures failed because the brokers were away or busy, after the client's
     *     own retries: may succeed if sent again
     * @param refused failed for any other reason (authorization, an invalid topic...)
     * @param unknown no callback yet
     * @param firstRefusal the first too-large or refused record's exception, or null
     * @param firstTransient the first transient failure, or null
     * @param settled the indices of the delivered, too-large and refused records (not a copy)
     */
    record Tally(int delivered, int tooLarge, int transientFailures, int refused, int unknown, Exception firstRefusal,
            Exception firstTransient, BitSet settled) {

        /** The records whose fate is decided: delivered, or refused for good. */
        int settledCount() {
            return delivered + tooLarge + refused;
        }

        /** The records worth sending again: failed transiently, or not answered yet. */
        int unsettledCount() {
            return transientFailures + unknown;
        }
    }

    /** A record not sent because the producer failed in a way only a new producer cures. */
    static final class ProducerBrokenException extends Exception {
        ProducerBrokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
