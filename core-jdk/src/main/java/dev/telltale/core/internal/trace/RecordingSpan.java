package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.jfr.SpanRecord;
import dev.telltale.internal.CurrentSpans;
import dev.telltale.internal.NoopSpan;
import dev.telltale.internal.ScopedSpan;
import dev.telltale.internal.TagMap;
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
import java.util.Objects;

/**
 * A sampled span: its context (made once at the start), its start, and what the application sets
 * on it, in plain fields (tags in one array of alternating keys and values, which the finished span
 * then keeps without a copy). Ends once, by a compare-and-set, and then hands itself to the
 * tracer's {@link SpanRecorder}.
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

    /** The tracer that started it: its service, recorder and event counter. */
    final CoreTracer tracer;
    final String name;
    final SpanKind kind;
    /** Its ids, flags and trace state, made once at the start: children and reporters read them here. */
    final SpanContext context;
    final long startNanos;
    /** The JFR duration event begun at the start, or null when no recording wanted it then. */
    final SpanRecord jfr;

    /** Alternating keys and values, first {@code tagCount} entries used; handed to the finished span as is. */
    private String[] tags;
    private int tagCount; // entries used in tags: twice the number of tags
    /** Annotations, error and remote side, which most spans never get: made when the first is set. */
    private Rare rare;
    /** The stack and thread it was made current on by its start, or null. */
    private CurrentSpans stack;
    private Thread thread;
    @SuppressWarnings("unused") // through ENDED
    private volatile int ended;

    RecordingSpan(CoreTracer tracer, String name, SpanKind kind, SpanContext context, long startNanos, SpanRecord jfr) {
        this.tracer = tracer;
        this.name = name;
        this.kind = kind;
        this.context = context;
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
            tags = t = new String[4]; // two tags; most spans have few
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
            Rare r = rare();
            if (r.annotations == null) {
                r.annotations = new ArrayList<>(4);
            }
            r.annotations.add(new FinishedSpan.Annotation(EpochClock.micros(System.nanoTime()), value));
        }
        return this;
    }

    @Override
    public Span error(Throwable error) {
        Objects.requireNonNull(error, "error == null");
        if (ended == 0) {
            rare().error = ErrorText.of(error);
        }
        return this;
    }

    @Override
    public Span remote(String service, String ip, int port) {
        NoopSpan.checkPort(port);
        if (ended == 0) {
            rare().remote = new FinishedSpan.Endpoint(service, ip, port);
        }
        return this;
    }

    @Override
    public SpanContext context() {
        return context;
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
            tracer.recorder.finish(this, System.nanoTime());
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
        Rare r = rare;
        return r == null || r.error == null ? "" : r.error;
    }

    /**
     * What reporters see, once ended; on the ending thread. The tags array goes to the finished
     * span without a copy: {@link #tag} no longer writes to it once the span ended.
     */
    FinishedSpan finished(long durationNanos) {
        Rare r = rare;
        TagMap tagMap = tagCount == 0 ? TagMap.empty() : TagMap.wrap(tags, tagCount >> 1);
        return new FinishedSpan(context, name, kind, tracer.service, r == null ? null : r.remote,
                EpochClock.micros(startNanos), durationNanos, tagMap,
                r == null || r.annotations == null ? List.of() : r.annotations, r == null ? null : r.error);
    }

    private Rare rare() {
        Rare r = rare;
        if (r == null) {
            rare = r = new Rare();
        }
        return r;
    }

    /** What few spans get, kept apart so that the span object stays small (64 bytes with compressed oops). */
    private static final class Rare {
        List<FinishedSpan.Annotation> annotations;
        String error;
        FinishedSpan.Endpoint remote;
    }

    @Override
    public String toString() {
        return "Span[" + name + " " + context.traceIdHex() + "/" + context.spanIdHex() + "]";
    }
}
