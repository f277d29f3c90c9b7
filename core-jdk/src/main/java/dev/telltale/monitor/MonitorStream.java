package dev.telltale.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A running monitor: the {@link Message}s or {@link CollatedObject}s read from a backend or an
 * input stream, in order, until the input ends, the {@linkplain MonitorOptions#duration()
 * duration} passes, or it is closed.
 *
 * <pre>{@code
 * try (MonitorStream<CollatedObject> objects = Monitor.objects(options)) {
 *     for (CollatedObject o : objects) {
 *         System.out.println(o.id() + " " + o.fields());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Blocking.</b> {@link #poll(Duration)} waits at most its timeout; the {@link #iterator()}
 * and {@link #stream()} block until the next item or the end. On a live input (a followed file,
 * a broker, a pipe) they block until {@link #close()} is called.
 *
 * <p><b>Threads.</b> One thread at a time may read ({@code poll}, {@code iterator}, {@code
 * stream}, {@code ended}). {@link #close()} may be called from any thread: a waiting read then
 * returns promptly (null from {@code poll}, the end of iteration), and items not yet handed out
 * are dropped. {@link #counts()} may be called from any thread.
 *
 * <p><b>Errors.</b> Malformed input never ends the stream: it is counted and reported to the
 * {@linkplain MonitorOptions.Builder#onMalformed callback}. A failure to read the input ({@link
 * IOException}) does: {@code poll} throws it, iteration throws it as an {@link
 * UncheckedIOException}. An interrupt makes {@code poll} throw {@link InterruptedException} and
 * ends iteration with the thread's interrupt status set.
 *
 * @param <T> {@link Message} or {@link CollatedObject}
 */
public final class MonitorStream<T> implements Iterable<T>, AutoCloseable {

    /** How often stream time is moved on by the wall clock while nothing arrives. */
    static final long IDLE_TICK_NANOS = 100_000_000L;

    private final Input input;
    private final Processor<T> processor;
    private final Counters counters;
    private final ArrayDeque<T> ready = new ArrayDeque<>();
    private final Consumer<T> readyAdd = ready::add;
    private final long deadline;
    private final boolean bounded;
    private volatile boolean closed;
    private volatile int live;
    private boolean inputDone;
    private boolean iterated;
    private long lastArrival;

    MonitorStream(Input input, Processor<T> processor, Counters counters, Duration duration) {
        this.input = input;
        this.processor = processor;
        this.counters = counters;
        this.lastArrival = System.nanoTime();
        this.bounded = duration != null;
        this.deadline = bounded ? lastArrival + nanos(duration) : 0;
    }

    /**
     * The next item, waiting at most {@code timeout} for one.
     *
     * @return the item, or null if none came in time, the stream {@linkplain #ended() ended} or
     *     it was closed
     * @throws IOException if reading the input failed; the message says what and where
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    public T poll(Duration timeout) throws IOException, InterruptedException {
        long budget = nanos(timeout);
        long started = System.nanoTime();
        boolean first = true;
        while (true) {
            if (closed) {
                return null;
            }
            T item = ready.poll();
            if (item != null) {
                return item;
            }
            if (inputDone) {
                return null;
            }
            long now = System.nanoTime();
            long left = budget - (now - started);
            if (left <= 0 && !first) {
                return null;
            }
            first = false;
            long wait = Math.max(0, Math.min(left, IDLE_TICK_NANOS));
            if (bounded) {
                long toDeadline = deadline - now;
                if (toDeadline <= 0) {
                    endInput();
                    continue;
                }
                wait = Math.min(wait, toDeadline);
            }
            read(wait);
        }
    }

    private void read(long wait) throws IOException, InterruptedException {
        Message m = input.next(wait);
        long now = System.nanoTime();
        if (closed) {
            return;
        }
        if (m != null) {
            lastArrival = now;
            processor.accept(m, readyAdd);
        } else if (input.ended()) {
            endInput();
        } else {
            processor.idle(now - lastArrival, readyAdd);
            lastArrival = now;
        }
        live = processor.live();
    }

    private void endInput() {
        inputDone = true;
        processor.end(readyAdd);
        live = processor.live();
        closeQuietly();
    }

    /**
     * Whether no item will come any more: the input ended (or the duration passed) and every item
     * was handed out, or the stream was closed.
     */
    public boolean ended() {
        return closed || inputDone && ready.isEmpty();
    }

    /** What was read, skipped and held so far. */
    public MonitorCounts counts() {
        return counters.snapshot(live);
    }

    /**
     * The items, blocking for each. May be called once.
     *
     * @throws IllegalStateException if called before
     */
    @Override
    public Iterator<T> iterator() {
        if (iterated) {
            throw new IllegalStateException("a MonitorStream can be iterated once");
        }
        iterated = true;
        return new Items();
    }

    /** The items as a sequential, ordered {@link Stream}; closing it closes this. May be called once. */
    public Stream<T> stream() {
        Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }

    /**
     * Stops reading and releases the input (closes the backend's source, or the input stream).
     * Items not handed out yet are dropped. Idempotent; any thread; failures to release the input
     * are ignored.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            input.close();
        } catch (IOException | RuntimeException e) {
            // nothing more will be read; a failure to let go of the input changes nothing here
        }
    }

    private static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "MonitorStream{" + counts() + (closed ? ", closed" : inputDone ? ", input ended" : "") + "}";
    }

    private final class Items implements Iterator<T> {

        private static final Duration WAIT = Duration.ofSeconds(1);
        private T next;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                while (next == null) {
                    next = poll(WAIT);
                    if (next == null && ended()) {
                        done = true;
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                done = true;
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                done = true;
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T item = next;
            next = null;
            return item;
        }
    }
}
