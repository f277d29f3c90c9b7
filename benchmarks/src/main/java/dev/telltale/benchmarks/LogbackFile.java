package dev.telltale.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Logback: an {@code AsyncAppender} ({@code neverBlock}, a queue of {@code capacity} events, no
 * discarding threshold) in front of a {@code RollingFileAppender} (the {@code FileAppender} that
 * rotates: 256 MiB, one rotated file, like Telltale's) with Logback's {@code JsonEncoder}, {@code
 * immediateFlush} off and a 256 KiB buffer. Configured in code on a {@link LoggerContext} of its
 * own, so nothing global is touched.
 *
 * <p>{@link #awaitWritten} waits until the file appender's filter has seen every event; the
 * bytes of the last ones may still be in the appender's buffer (see {@link AppendCounter}).
 */
final class LogbackFile implements EventFile {

    private final LoggerContext context = new LoggerContext();
    private final AppendCounter appended = new AppendCounter();
    private final Logger logger;
    private long written;

    LogbackFile(Path dir, int capacity) {
        context.setName("telltale-benchmark");
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding would install
        context.start();

        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(dir.resolve(FILE_NAME).toString());
        file.setAppend(true);
        file.setImmediateFlush(false);
        file.setBufferSize(new FileSize(256 * 1024));
        file.setEncoder(encoder);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("events.%i.jsonl").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(1);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(MAX_FILE_SIZE));
        // the default looks at the file size once a minute; at these rates that is gigabytes
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(100));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);

        Filter<ILoggingEvent> counter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                appended.increment();
                return FilterReply.NEUTRAL;
            }
        };
        counter.setContext(context);
        counter.start();
        file.addFilter(counter);
        file.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(capacity);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.setMaxFlushTime(30_000);
        async.addAppender(file);
        async.start();

        logger = context.getLogger("shop.orders");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(async);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        if (!file.isStarted() || !async.isStarted()) {
            throw new IllegalStateException("logback did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
    }

    @Override
    public void write(long id) {
        logger.atInfo().addKeyValue("id", id).addKeyValue("status", "ok").addKeyValue("total", 99.5).log("order.placed");
        written++;
    }

    @Override
    public void awaitWritten(Duration timeout) {
        appended.await(written, timeout, "logback");
    }

    @Override
    public String finish() {
        appended.await(written, Duration.ofSeconds(30), "logback");
        context.stop();
        if (appended.count() != written) {
            throw new IllegalStateException("logback dropped events: " + appended.count() + " of " + written
                    + " reached the file appender");
        }
        return String.format("logback: %,d events logged, %,d reached the file appender", written, appended.count());
    }
}
