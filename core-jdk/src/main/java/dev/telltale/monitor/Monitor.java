package dev.telltale.monitor;

import java.io.IOException;

/**
 * Reads Telltale's events back: from any backend's consuming side, or from JSON lines on an input
 * stream (what the file backend writes, or what {@code ./telltale monitor} printed). The JVM
 * counterpart of contexture's {@code lcmon}; {@code ./telltale monitor} is built on it.
 *
 * <pre>{@code
 * MonitorOptions options = MonitorOptions.builder()
 *         .set("telltale.file.path", "telltale-out/events.jsonl")
 *         .patterns("shop.#")
 *         .build();
 * try (MonitorStream<CollatedObject> objects = Monitor.objects(options)) {
 *     objects.stream()
 *             .filter(o -> o.status() == CollatedObject.Status.FINISHED)
 *             .forEach(o -> System.out.println(o.toMap()));
 * }
 * }</pre>
 *
 * <p>Both methods open the input at once and return a stream the caller must close; the
 * threading and blocking rules are on {@link MonitorStream}.
 */
public final class Monitor {

    private Monitor() {}

    /**
     * Every event that matches the options' topic patterns, as a {@link Message}, in the order read.
     *
     * @throws IllegalArgumentException if a backend setting or subscription option is unknown or
     *     malformed, or the backend is not present; the message names it
     * @throws IOException if the backend cannot be reached, or its files not read
     */
    public static MonitorStream<Message> messages(MonitorOptions options) throws IOException {
        Counters counters = new Counters();
        return new MonitorStream<>(open(options, counters, true), Processor.passThrough(), counters, options.duration());
    }

    /**
     * Objects rebuilt from the {@code context.*} messages that match the options' topic patterns:
     * each given out when it finishes (or is transient), or as incomplete when no message came
     * for it during the collate timeout, too many are open or they hold too many bytes, or the
     * input ends. Objects are told apart by host, process id and context id. An object given out
     * as incomplete that gets more messages afterwards is given out again as a {@linkplain
     * CollatedObject#fragment() fragment}. Other kinds of events are counted as {@link
     * MonitorCounts#ignored()}. The rules are in {@code docs/MONITOR.md}.
     *
     * @throws IllegalArgumentException as {@link #messages}
     * @throws IOException as {@link #messages}
     */
    public static MonitorStream<CollatedObject> objects(MonitorOptions options) throws IOException {
        Counters counters = new Counters();
        Collator collator = new Collator(nanos(options.collateTimeout()), options.maxLiveObjects(),
                options.maxLiveBytes(), nanos(options.reorderWindow()), counters);
        return new MonitorStream<>(open(options, counters, false), collator, counters, options.duration());
    }

    private static long nanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Input open(MonitorOptions options, Counters counters, boolean keepJson) throws IOException {
        if (options.input() != null) {
            return new LineInput(options.input(), options.inputName(), options.patterns(), keepJson, counters,
                    options.onMalformed());
        }
        return BackendInput.open(options, new MessageDecoder(options.patterns(), keepJson, counters, options.onMalformed()));
    }
}
