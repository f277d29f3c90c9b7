package dev.telltale.core.internal.trace;

import dev.telltale.PipelineStats;
import dev.telltale.core.internal.jfr.PipelineHealthRecord;
import dev.telltale.core.internal.pipeline.HealthReport;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Stamp;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reports the Zipkin reporter's counts as the pipeline reports its own: a {@code telltale.health}
 * event (with the same fields, {@code backend} being {@code zipkin} and {@code source}
 * {@code zipkin-<uuid>}) offered to the engine's pipeline, and a JFR {@code
 * dev.telltale.PipelineHealth} with backend {@code zipkin}. Called on the reporter's thread; never
 * throws (but fatally). The event needs the engine, which the sink gets after it is made ({@link
 * ZipkinSink#attach}); until then only the JFR event is made.
 */
public final class ZipkinHealth implements Consumer<PipelineStats> {

    private final String source = "zipkin-" + UUID.randomUUID();
    private volatile Engine engine;
    private volatile Supplier<String> lastError = () -> null;
    private long seq;

    /** A reporter of the counts to JFR only, until {@link #attach} names an engine. */
    public ZipkinHealth() {}

    /**
     * @param engine where the health events go
     * @param lastError the reporter's last error while it is failing, else null
     */
    public ZipkinHealth(Engine engine, Supplier<String> lastError) {
        this.engine = engine;
        this.lastError = lastError;
    }

    /** Offers the health events to {@code engine} from now on. */
    void attach(Engine engine) {
        this.engine = engine;
    }

    void lastError(Supplier<String> lastError) {
        this.lastError = lastError;
    }

    @Override
    public void accept(PipelineStats stats) {
        PipelineHealthRecord.commit(stats);
        Engine e = engine;
        if (e != null) {
            Stamp.offer(e, "telltale.health", "telltale.health", source, ++seq, Map.of(), HealthReport.fields(stats, lastError.get()));
        }
    }
}
