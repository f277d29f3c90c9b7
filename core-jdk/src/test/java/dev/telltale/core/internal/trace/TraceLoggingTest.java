package dev.telltale.core.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.trace.Span;
import dev.telltale.trace.SpanContext;
import dev.telltale.trace.TraceLogFilter;
import dev.telltale.trace.TraceLogFormatter;
import dev.telltale.trace.TraceLogging;
import dev.telltale.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.ResourceBundle;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TraceLoggingTest {

    private final Tracer tracer = new Traces().tracer();

    private static String prefixOf(SpanContext c) {
        return "[traceId=" + c.traceIdHex() + " spanId=" + c.spanIdHex() + "] ";
    }

    /** A JUL handler that keeps what it is given. */
    private static final class Keeping extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void julFilter_prefixesTheMessage_onTheLoggingThread_onlyInsideASpan() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        Keeping handler = new Keeping();
        logger.addHandler(handler);
        logger.setFilter(new TraceLogFilter());
        SpanContext c;
        try (Span span = tracer.span("logged")) {
            c = span.context();
            logger.info("charging {0}");
        }
        logger.info("outside");
        assertEquals(prefixOf(c) + "charging {0}", handler.records.get(0).getMessage());
        assertEquals("outside", handler.records.get(1).getMessage());
    }

    @Test
    void julFilter_honoursItsDelegate_andDoesNotPrefixTwice() {
        TraceLogFilter filter = new TraceLogFilter(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        LogRecord info = new LogRecord(Level.INFO, "quiet");
        LogRecord warning = new LogRecord(Level.WARNING, "loud");
        try (Span span = tracer.span("x")) {
            assertFalse(filter.isLoggable(info));
            assertTrue(filter.isLoggable(warning));
            assertTrue(filter.isLoggable(warning));
            assertEquals(prefixOf(span.context()) + "loud", warning.getMessage());
        }
        assertEquals("quiet", info.getMessage());
    }

    @Test
    void julFormatter_prefixesTheDelegatesLine() {
        Formatter plain = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        };
        TraceLogFormatter formatter = new TraceLogFormatter(plain);
        LogRecord record = new LogRecord(Level.INFO, "hello");
        try (Span span = tracer.span("x")) {
            assertEquals(prefixOf(span.context()) + "hello\n", formatter.format(record));
        }
        assertEquals("hello\n", formatter.format(record));
        assertTrue(new TraceLogFormatter().format(record).contains("hello"), "a SimpleFormatter inside by default");
    }

    /** A System.Logger that keeps its messages, formatted as the JDK's would be. */
    private static final class KeepingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "keeping";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.TRACE;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown.getMessage()));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + (params == null ? format : java.text.MessageFormat.format(format, params)));
        }
    }

    @Test
    void systemLogger_prefixesEveryForm_andKeepsItsNameAndLevels() {
        KeepingLogger keeping = new KeepingLogger();
        System.Logger logger = TraceLogging.logger(keeping);
        ResourceBundle bundle = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"greeting", "hello {0}"}};
            }
        };
        String p;
        try (Span span = tracer.span("x")) {
            p = prefixOf(span.context());
            logger.log(System.Logger.Level.INFO, "plain");
            logger.log(System.Logger.Level.INFO, "rows {0}", 3);
            logger.log(System.Logger.Level.WARNING, () -> "supplied");
            logger.log(System.Logger.Level.ERROR, "failed", new RuntimeException("boom"));
            logger.log(System.Logger.Level.INFO, bundle, "greeting", "bob");
            logger.log(System.Logger.Level.TRACE, () -> { throw new AssertionError("not loggable: not asked"); });
        }
        logger.log(System.Logger.Level.INFO, "after");
        assertEquals(List.of("INFO " + p + "plain", "INFO " + p + "rows 3", "WARNING " + p + "supplied",
                "ERROR " + p + "failed boom", "INFO " + p + "hello bob", "INFO after"), keeping.lines);
        assertEquals("keeping", logger.getName());
        assertFalse(logger.isLoggable(System.Logger.Level.TRACE));
        assertSame(logger, TraceLogging.logger(logger), "wrapping twice does not prefix twice");
    }

    @Test
    void prefix_isEmptyWithoutASpan() {
        assertEquals("", TraceLogging.prefix());
    }
}
