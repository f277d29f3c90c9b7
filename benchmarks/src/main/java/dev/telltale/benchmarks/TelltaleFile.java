package dev.telltale.benchmarks;

import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Telltale with the file backend. {@link #awaitWritten} is {@link Telltale#flush}: it returns
 * when every event emitted before it has been handed to the operating system (or dropped, which
 * {@link #finish} would report).
 */
final class TelltaleFile implements EventFile {

    private final Telltale telltale;
    private final Emitter emitter;

    TelltaleFile(Path dir, int capacity) {
        telltale = Telltale.builder()
                .readEnvironment(false)
                .shutdownHook(false)
                .backend("file")
                .set("telltale.file.path", dir.resolve(FILE_NAME).toString())
                .set("telltale.file.max-size", Long.toString(MAX_FILE_SIZE))
                .set("telltale.file.max-files", "2")
                .queueCapacity(capacity)
                .healthInterval(Duration.ZERO)
                .build();
        emitter = telltale.emitter("shop.orders");
    }

    @Override
    public void write(long id) {
        emitter.emit("order.placed", Map.of("id", id, "status", "ok", "total", 99.5));
    }

    @Override
    public void awaitWritten(Duration timeout) {
        if (!telltale.flush(timeout)) {
            throw new IllegalStateException("telltale: not flushed within " + timeout + ": " + telltale.stats());
        }
    }

    @Override
    public String finish() {
        telltale.flush(Duration.ofSeconds(30));
        telltale.close();
        PipelineStats s = telltale.stats();
        if (s.dropped() > 0 || s.published() != s.offered()) {
            throw new IllegalStateException("telltale dropped events, so the run was not sustained: " + s);
        }
        return String.format("telltale: %,d events offered, %,d published, %,d dropped", s.offered(), s.published(),
                s.dropped());
    }
}
