package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.jfr.SpanRecord;
import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.Fields;
import dev.telltale.internal.NoopSpan;
import dev.telltale.internal.ScopedSpan;
import dev.telltale.trace.FinishedSpan;
import dev.telltale.trace.Scope;
import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.SpanKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sampled span: its ids, its start, and what the application sets on it, in plain fields (tags
 * in one array of alternating keys and values). Ends once, by a compare-and-set, and then hands
 * itself to the tracer's {@link SpanRecorder}.
 */
final class RecordingSpan implements ScopedSpan {

    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(RecordingSpan.class, "ended", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SpanRecorder recorder;
    final String service;
    final String name;
    final SpanKind kind;
    final long traceIdHigh;
    final long traceIdLow;
    final long spanId;
    final long parentId;
    final int flags;
    final String traceState;
    final long startNanos;
    /** The JFR duration event begun at the start, or null when no recording wanted it then. */
    final SpanRecord jfr;

    private String[] tags;
    private int tagCount; // entries used in tags: twice the number of tags
    private List<FinishedSpan.Annotation> annotations;
    private String error;
    private FinishedSpan.Endpoint remote;
    private SpanContext context;
    /** The stack and thread it was made current on by its start, or null. */
    private CurrentSpans stack;
    private Thread thread;
    @SuppressWarnings("unused") // through ENDED
    private volatile int ended;

    RecordingSpan(SpanRecorder recorder, String service, String name, SpanKind kind, long traceIdHigh, long traceIdLow,
            long spanId, long parentId, int flags, String traceState, long startNanos, SpanRecord jfr) {
        this.recorder = recorder;
        this.service = service;
        this.name = name;
        this.kind = kind;
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.parentId = parentId;
        this.flags = flags;
        this.traceState = traceState;
        this.startNanos = startNanos;
        this.jfr = jfr;
    }

    /** Records that its start made it current on {@code stack}, the calling thread's. */
    void bind(CurrentSpans stack) {
        this.stack = stack;
        this.thread = Thread.currentThread();
    }

    @Override
    public Span tag(String key, String value) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(value, "value == null");
        if (ended != 0) {
            return this;
        }
        String[] t = tags;
        if (t == null) {
            tags = t = new String[8];
        }
        int n = tagCount;
        for (int i = 0; i < n; i += 2) {
            if (t[i].equals(key)) {
                t[i + 1] = value;
                return this;
            }
        }
        if (n == t.length) {
            tags = t = Arrays.copyOf(t, n * 2);
        }
        t[n] = key;
        t[n + 1] = value;
        tagCount = n + 2;
        return this;
    }

    @Override
    public Span tag(String key, long value) {
        return tag(key, Long.toString(value));
    }

    @Override
    public Span tag(String key, double value) {
        return tag(key, Double.toString(value));
    }

    @Override
    public Span tag(String key, boolean value) {
        return tag(key, value ? "true" : "false");
    }

    @Override
    public Span annotate(String value) {
        Objects.requireNonNull(value, "value == null");
        if (ended == 0) {
            if (annotations == null) {
                annotations = new ArrayList<>(4);
            }
            annotations.add(new FinishedSpan.Annotation(EpochClock.micros(System.nanoTime()), value));
        }
        return this;
    }

    @Override
    public Span error(Throwable error) {
        Objects.requireNonNull(error, "error == null");
        if (ended == 0) {
            this.error = ErrorText.of(error);
        }
        return this;
    }

    @Override
    public Span remote(String service, String ip, int port) {
        NoopSpan.checkPort(port);
        if (ended == 0) {
            this.remote = new FinishedSpan.Endpoint(service, ip, port);
        }
        return this;
    }

    @Override
    public SpanContext context() {
        SpanContext c = context;
        if (c == null) { // a benign race: every thread makes an equal, immutable value
            context = c = new SpanContext(traceIdHigh, traceIdLow, spanId, parentId, flags, traceState);
        }
        return c;
    }

    @Override
    public boolean isRecording() {
        return true;
    }

    @Override
    public Scope makeCurrent() {
        return SpanScope.open(this, null);
    }

    @Override
    public void end() {
        if (ENDED.compareAndSet(this, 0, 1)) {
            recorder.finish(this, System.nanoTime());
        }
    }

    @Override
    public void close() {
        end();
        CurrentSpans s = thread == Thread.currentThread() ? stack : CurrentSpans.get();
        s.remove(this);
    }

    @Override
    public boolean ended() {
        return ended != 0;
    }

    @Override
    public Span carried() {
        return this;
    }

    /** The error text, or empty if none. */
    String errorText() {
        return error == null ? "" : error;
    }

    /** What reporters see, once ended; on the ending thread. */
    FinishedSpan finished(long durationNanos) {
        @SuppressWarnings("unchecked")
        Map<String, String> tagMap = tagCount == 0 ? Map.of()
                : (Map<String, String>) (Map<String, ?>) Fields.ofPairs(Arrays.copyOf(tags, tagCount, Object[].class));
        return new FinishedSpan(context(), name, kind, service, remote, EpochClock.micros(startNanos), durationNanos, tagMap,
                annotations == null ? List.of() : annotations, error);
    }

    @Override
    public String toString() {
        return "Span[" + name + " " + SpanContext.hex(traceIdHigh) + SpanContext.hex(traceIdLow) + "/"
                + SpanContext.hex(spanId) + "]";
    }
}
