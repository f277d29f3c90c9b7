package dev.telltale.trace;

import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging} {@link Formatter} that puts the current span's ids ({@link
 * TraceLogging#prefix()}) before what another formatter makes of a record. It reads the span of
 * the thread that formats, so use it with handlers that format on the logging thread ({@code
 * ConsoleHandler}, {@code FileHandler}, {@code StreamHandler}); elsewhere use {@link
 * TraceLogFilter}. In {@code logging.properties}: {@code
 * java.util.logging.ConsoleHandler.formatter = dev.telltale.trace.TraceLogFormatter} (a {@link
 * SimpleFormatter} inside).
 *
 * <p>Thread-safe if its delegate is. Never throws but as its delegate does.
 */
public final class TraceLogFormatter extends Formatter {

    private final Formatter delegate;

    /** Prefixes a {@link SimpleFormatter}'s lines. */
    public TraceLogFormatter() {
        this(new SimpleFormatter());
    }

    /**
     * Prefixes {@code delegate}'s lines.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    public TraceLogFormatter(Formatter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    }

    @Override
    public String format(LogRecord record) {
        return TraceLogging.prefix() + delegate.format(record);
    }

    @Override
    public String getHead(java.util.logging.Handler h) {
        return delegate.getHead(h);
    }

    @Override
    public String getTail(java.util.logging.Handler h) {
        return delegate.getTail(h);
    }
}
