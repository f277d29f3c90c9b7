package dev.telltale.monitor;

import java.util.function.Consumer;

/**
 * What a {@link MonitorStream} does with the messages it reads: hands them on as they are, or
 * collates them. Called by the one thread reading the stream.
 *
 * @param <T> what it gives out
 */
interface Processor<T> {

    /** Takes the next message, giving out whatever it completes. */
    void accept(Message message, Consumer<? super T> out);

    /** No message arrived for {@code wallNanos} of wall-clock time. */
    void idle(long wallNanos, Consumer<? super T> out);

    /** The input ended: gives out whatever is still held. */
    void end(Consumer<? super T> out);

    /** How many objects it holds. */
    int live();

    /** Hands each message on unchanged. */
    static Processor<Message> passThrough() {
        return new Processor<>() {
            @Override
            public void accept(Message message, Consumer<? super Message> out) {
                out.accept(message);
            }

            @Override
            public void idle(long wallNanos, Consumer<? super Message> out) {
            }

            @Override
            public void end(Consumer<? super Message> out) {
            }

            @Override
            public int live() {
                return 0;
            }
        };
    }
}
