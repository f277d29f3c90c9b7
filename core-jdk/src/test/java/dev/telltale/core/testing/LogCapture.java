package dev.telltale.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Telltale logs through {@link System.Logger} (backed by java.util.logging when no
 * other logger finder is installed) while open.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new ArrayList<>();

    public LogCapture() {
        this("dev.telltale");
    }

    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Messages logged at {@code level} exactly. */
    public synchronized List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().equals(level)) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    /** Every message, whatever its level. */
    public synchronized List<String> all() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getLevel() + " " + r.getMessage());
        }
        return out;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
