package dev.telltale.backend.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.Callback;
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

    /** How the records' fates add up, at this moment. */
    Tally tally() {
        int delivered = 0;
        int tooLarge = 0;
        int transientFailures = 0;
        int refused = 0;
        int unknown = 0;
        Exception first = null;
        for (int i = 0; i < fates.length(); i++) {
            Object fate = fates.get(i);
            if (fate == DELIVERED) {
                delivered++;
                continue;
            }
            if (fate == null) {
                unknown++;
                continue;
            }
            Exception e = (Exception) fate;
            if (first == null) {
                first = e;
            }
            if (isTooLarge(e)) {
                tooLarge++;
            } else if (isTransient(e)) {
                transientFailures++;
            } else {
                refused++;
            }
        }
        return new Tally(delivered, tooLarge, transientFailures, refused, unknown, first);
    }

    static boolean isTooLarge(Throwable e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException;
    }

    /** Whether {@code e} says the brokers are away or busy, rather than that they refuse the record. */
    static boolean isTransient(Throwable e) {
        return e instanceof RetriableException || e instanceof ProducerBrokenException;
    }

    /**
     * The counts of one batch.
     *
     * @param delivered acknowledged by the brokers
     * @param tooLarge refused as too large, by the client or the broker
     * @param transientFailures failed because the brokers were away or busy, after the client's
     *     own retries
     * @param refused failed for any other reason (authorization, an invalid topic...)
     * @param unknown no callback yet
     * @param firstError the first failure, or null
     */
    record Tally(int delivered, int tooLarge, int transientFailures, int refused, int unknown, Exception firstError) {
    }

    /** A record not sent because the producer failed in a way only a new producer cures. */
    static final class ProducerBrokenException extends Exception {
        ProducerBrokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
