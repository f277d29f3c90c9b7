package dev.telltale.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.message.MapMessage;

/**
 * Log4j2 with all loggers asynchronous: an {@link AsyncLoggerContext}, the context that {@code
 * AsyncLoggerContextSelector} gives every logger (a Disruptor ring buffer of {@code capacity}
 * slots, default wait strategy), created here directly so nothing global is touched. Its one
 * appender is a {@code RollingRandomAccessFile} (the {@code RandomAccessFile} appender that
 * rotates: 256 MiB, one rotated file, like Telltale's) with {@code JsonTemplateLayout} and the
 * template {@code log4j2-event-template.json}, {@code immediateFlush} off and a 256 KiB buffer.
 * The event is a {@link MapMessage} of the three fields, its kind a {@link Marker}.
 *
 * <p>{@link #awaitWritten} waits until the appender's filter has seen every event; the bytes of
 * the last ones may still be in the appender's buffer (see {@link AppendCounter}).
 */
final class Log4jFile implements EventFile {

    private static final Marker KIND = MarkerManager.getMarker("order.placed");

    private final AsyncLoggerContext context;
    private final AppendCounter appended = new AppendCounter();
    private final Logger logger;
    private long written;

    Log4jFile(Path dir, int capacity) {
        System.setProperty("log4j2.asyncLoggerRingBufferSize", Integer.toString(capacity));
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("telltale-benchmark");
        b.setStatusLevel(Level.WARN);
        b.add(b.newAppender("file", "RollingRandomAccessFile")
                .addAttribute("fileName", dir.resolve(FILE_NAME).toString())
                .addAttribute("filePattern", dir.resolve("events.%i.jsonl").toString())
                .addAttribute("immediateFlush", false)
                .addAttribute("bufferSize", 256 * 1024)
                .add(b.newLayout("JsonTemplateLayout").addAttribute("eventTemplate", template()))
                .addComponent(b.newComponent("Policies")
                        .addComponent(b.newComponent("SizeBasedTriggeringPolicy")
                                .addAttribute("size", (MAX_FILE_SIZE >> 20) + "MB")))
                .addComponent(b.newComponent("DefaultRolloverStrategy").addAttribute("max", 1)));
        b.add(b.newLogger("shop.orders", Level.INFO).add(b.newAppenderRef("file")).addAttribute("additivity", false));
        b.add(b.newRootLogger(Level.OFF));

        context = new AsyncLoggerContext("telltale-benchmark");
        context.start(b.build());
        Appender file = context.getConfiguration().getAppender("file");
        if (!(file instanceof AbstractFilterable filterable) || !file.isStarted()) {
            throw new IllegalStateException("log4j2 did not start its file appender: " + file);
        }
        Filter counter = new AbstractFilter() {
            @Override
            public Result filter(LogEvent event) {
                appended.increment();
                return Result.NEUTRAL;
            }
        };
        counter.start();
        filterable.addFilter(counter);
        logger = context.getLogger("shop.orders");
        if (!(logger instanceof AsyncLogger)) {
            throw new IllegalStateException("log4j2 logger is not asynchronous: " + logger.getClass().getName());
        }
    }

    /**
     * The template {@code log4j2-event-template.json} with this machine's name in place of {@code
     * @HOST@}: written as a constant, since a {@code ${hostName}} lookup in a template is resolved
     * again for every event.
     */
    static String template() {
        try (InputStream in = Log4jFile.class.getResourceAsStream("/log4j2-event-template.json")) {
            if (in == null) {
                throw new IllegalStateException("log4j2-event-template.json is not on the class path");
            }
            String host = InetAddress.getLocalHost().getHostName().replace("\\", "\\\\").replace("\"", "\\\"");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@HOST@", host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log4j2-event-template.json", e);
        }
    }

    @Override
    public void write(long id) {
        logger.info(KIND, new MapMessage<>(4).with("id", id).with("status", "ok").with("total", 99.5));
        written++;
    }

    @Override
    public void awaitWritten(Duration timeout) {
        appended.await(written, timeout, "log4j2");
    }

    @Override
    public String finish() {
        appended.await(written, Duration.ofSeconds(30), "log4j2");
        context.stop(30, TimeUnit.SECONDS);
        if (appended.count() != written) {
            throw new IllegalStateException("log4j2 dropped events: " + appended.count() + " of " + written
                    + " reached the file appender");
        }
        return String.format("log4j2: %,d events logged, %,d reached the file appender", written, appended.count());
    }
}
