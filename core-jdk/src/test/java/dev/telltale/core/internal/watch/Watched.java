package dev.telltale.core.internal.watch;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engines;
import dev.telltale.spi.Envelope;
import dev.telltale.watch.SlowTask;
import dev.telltale.watch.Watches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A pipeline over a recording backend for the watch's tests, with a handler that keeps every
 * slow-task report; closed after the test.
 */
final class Watched implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    final RecordingBackend backend;
    final Telltale telltale;
    final Watches watches;
    final List<SlowTask> reports = new ArrayList<>();

    /** Starts a pipeline with {@code settings} as key, value pairs (quiet period 0 unless set). */
    Watched(String... settings) {
        String channel = "watch-" + CHANNELS.incrementAndGet();
        backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
        Telltale.Builder b = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO)
                .set("telltale.watch.quiet-period", "0s");
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        telltale = b.build();
        watches = Watches.of(telltale);
        watches.onSlowTask(r -> {
            synchronized (reports) {
                reports.add(r);
            }
        });
    }

    WatchService service() {
        return (WatchService) Engines.of(telltale).watches();
    }

    List<SlowTask> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    /** Waits until {@code n} reports came. */
    List<SlowTask> awaitReports(int n) {
        Await.until(() -> reports().size() >= n, WAIT, () -> n + " slow-task reports, have " + reports());
        return reports();
    }

    /** The events published so far, after a flush. */
    List<Event> events() {
        telltale.flush(WAIT);
        List<Event> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            out.add(EventCodec.decode(e.payload(), 0, e.payload().length));
        }
        return out;
    }

    /** The published events of kinds starting with {@code prefix}. */
    List<Event> events(String prefix) {
        return events().stream().filter(e -> e.kind().startsWith(prefix)).collect(Collectors.toList());
    }

    static Object field(Event e, String name) {
        Map<String, Object> fields = e.fields();
        return fields.get(name);
    }

    @Override
    public void close() {
        telltale.close();
    }
}
