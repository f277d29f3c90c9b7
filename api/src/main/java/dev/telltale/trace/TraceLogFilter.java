package dev.telltale.trace;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} {@link Filter} that puts the current span's ids before the message
 * of each record ({@link TraceLogging#prefix()}), on the thread that logs it, and lets the record
 * through if its delegate does (or always, without one). Set it on a {@code Logger}: {@code
 * logger.setFilter(new TraceLogFilter())}; the ids then reach every handler, asynchronous ones
 * too. A record already prefixed is left as it is.
 *
 * <p>Thread-safe. Never throws.
 */
public final class TraceLogFilter implements Filter {

    private final Filter delegate;

    /** A filter that lets every record through. */
    public TraceLogFilter() {
        this(null);
    }

    /** A filter that lets through what {@code delegate} does (every record if null), with ids added. */
    public TraceLogFilter(Filter delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (delegate != null && !delegate.isLoggable(record)) {
            return false;
        }
        String prefix = TraceLogging.prefix();
        String message = record.getMessage();
        if (!prefix.isEmpty() && (message == null || !message.startsWith("[traceId="))) {
            record.setMessage(message == null ? prefix : prefix + message);
        }
        return true;
    }
}
