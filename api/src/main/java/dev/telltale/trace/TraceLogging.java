package dev.telltale.trace;

import dev.telltale.internal.CurrentSpans;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Trace and span ids in log lines: the calling thread's current span's ids as a prefix, {@code
 * [traceId=4bf92f3577b34da6a3ce929d0e0e4736 spanId=00f067aa0ba902b7] }, so that a trace's log
 * lines can be found from the trace and the other way round.
 *
 * <ul>
 *   <li>{@link #logger(System.Logger)}: a {@link System.Logger} that prefixes its messages;
 *   <li>{@link TraceLogFilter}: a {@code java.util.logging} filter that prefixes the message of
 *       each record it lets through, on the logging thread (set it on a {@code Logger});
 *   <li>{@link TraceLogFormatter}: a {@code java.util.logging} formatter that prefixes another
 *       formatter's lines, for handlers that format on the logging thread (the console and file
 *       handlers do; a {@code MemoryHandler}'s target does not: use the filter there).
 * </ul>
 *
 * A line logged where no span is current gets no prefix. SLF4J's MDC is left to an optional
 * module of its own (the core depends on nothing): read {@link Tracing#currentContext()} there.
 * Nothing here blocks, and nothing throws but for the documented argument checks.
 */
public final class TraceLogging {

    private TraceLogging() {}

    /** The prefix for the calling thread's current span: {@code "[traceId=… spanId=…] "}, or "" if none. */
    public static String prefix() {
        SpanContext c = CurrentSpans.current().context();
        return c == null ? "" : prefix(c);
    }

    /** The prefix for {@code context}. */
    static String prefix(SpanContext context) {
        return "[traceId=" + context.traceIdHex() + " spanId=" + context.spanIdHex() + "] ";
    }

    /**
     * {@code logger}, with the current span's ids before each message it logs. A message looked up
     * in a resource bundle is looked up first, then prefixed.
     *
     * @throws NullPointerException if {@code logger} is null
     */
    public static System.Logger logger(System.Logger logger) {
        Objects.requireNonNull(logger, "logger == null");
        return logger instanceof Prefixing ? logger : new Prefixing(logger);
    }

    /**
     * {@code System.getLogger(name)}, with the current span's ids before each message.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static System.Logger logger(String name) {
        return logger(System.getLogger(Objects.requireNonNull(name, "name == null")));
    }

    /** A {@link System.Logger} that prefixes messages; the other methods route to its two. */
    private static final class Prefixing implements System.Logger {

        private final System.Logger delegate;

        Prefixing(System.Logger delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return delegate.isLoggable(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            delegate.log(level, null, prefix() + localized(bundle, msg), thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            // the prefix holds no braces or quotes, so it passes through MessageFormat unchanged
            delegate.log(level, null, prefix() + localized(bundle, format), params);
        }

        private static String localized(ResourceBundle bundle, String msg) {
            if (bundle == null || msg == null) {
                return msg;
            }
            try {
                return bundle.getString(msg);
            } catch (MissingResourceException | ClassCastException e) {
                return msg;
            }
        }

        @Override
        public String toString() {
            return "TraceLogging.logger(" + delegate + ")";
        }
    }
}
