package dev.telltale.backend.amqp;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * Publisher confirms for one batch at a time, message by message: the publisher thread
 * {@linkplain #begin begins} a batch with the sequence number (delivery tag) of its first message,
 * publishes, then {@linkplain #await waits} until the broker has acknowledged or refused (nacked)
 * every message, the channel has shut down, or the deadline has passed. The client's I/O thread
 * reports acks, nacks and shutdown. The result says which messages, by position in the batch
 * (tag minus the first tag), were acked and which nacked, so that a batch cut short retries only
 * the others.
 *
 * <p>Confirms for messages outside the current batch (late answers for a batch that timed out)
 * are ignored. A multiple ack or nack settles every unsettled message of the batch up to its
 * tag. Thread-safe.
 */
final class ConfirmTracker implements ConfirmListener, ShutdownListener {

    /**
     * How a batch ended.
     *
     * @param acked the positions the broker acked (a copy the caller owns)
     * @param nacked the positions the broker nacked (a copy the caller owns)
     * @param outstanding how many positions got no answer
     * @param shutdown why the channel shut down before every answer came, or null
     */
    record Result(BitSet acked, BitSet nacked, int outstanding, ShutdownSignalException shutdown) {
    }

    private long first = -1;
    private int count;
    private final BitSet acked = new BitSet();
    private final BitSet nacked = new BitSet();
    private final BitSet settled = new BitSet();
    private int settledCount;
    private ShutdownSignalException shutdown;

    /** Starts tracking {@code count} messages numbered from {@code firstSeqNo}; forgets the previous batch. */
    synchronized void begin(long firstSeqNo, int count) {
        this.first = firstSeqNo;
        this.count = count;
        acked.clear();
        nacked.clear();
        settled.clear();
        settledCount = 0;
        shutdown = null;
    }

    /**
     * Waits until every message of the batch is settled, the channel shut down, or {@code
     * deadlineNanos} (a {@link System#nanoTime()} value) has passed.
     */
    synchronized Result await(long deadlineNanos) throws InterruptedException {
        while (settledCount < count && shutdown == null) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return end();
    }

    /** Forgets the batch without waiting (it failed before all of it was sent) and returns what was answered so far. */
    synchronized Result abandon() {
        return end();
    }

    private Result end() {
        Result result = new Result((BitSet) acked.clone(), (BitSet) nacked.clone(), count - settledCount,
                settledCount < count ? shutdown : null);
        first = -1;
        count = 0;
        return result;
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, false);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, true);
    }

    private synchronized void settle(long tag, boolean multiple, boolean nack) {
        if (first < 0 || tag < first) {
            return;
        }
        long last = first + count - 1;
        long from = multiple ? first : tag;
        long to = Math.min(tag, last);
        BitSet answers = nack ? nacked : acked;
        for (int i = settled.nextClearBit((int) (from - first)); i <= to - first; i = settled.nextClearBit(i + 1)) {
            settled.set(i);
            answers.set(i);
            settledCount++;
        }
        if (settledCount == count) {
            notifyAll();
        }
    }

    @Override
    public synchronized void shutdownCompleted(ShutdownSignalException cause) {
        if (first >= 0) {
            shutdown = cause;
            notifyAll();
        }
    }
}
