package dev.telltale.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import dev.telltale.Emitter;
import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.message.MapMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one call costs the application's thread, at 1, 2, 4 and 8 producer threads, for Telltale
 * and for the two asynchronous loggers people would otherwise use, each set to never block:
 * Telltale's {@code emit} (drop-oldest queue of 8192 events); Log4j2's asynchronous logger (an
 * {@link AsyncLoggerContext}, Disruptor ring buffer of 8192 slots, {@code
 * log4j2.asyncQueueFullPolicy=Discard}, so a full ring discards the new event); Logback's {@code
 * AsyncAppender} ({@code neverBlock=true}, queue of 8192, no discarding threshold).
 *
 * <p>{@code backend=working}: each writes its JSON line to {@code /dev/null} (Telltale's file
 * backend; Log4j2's {@code RandomAccessFile} appender with {@code JsonTemplateLayout}; Logback's
 * {@code FileAppender} with {@code JsonEncoder}). {@code backend=stalled}: the one consumer thread
 * is stuck in the first write until the end of the trial (Telltale's {@link StalledBackend}; an
 * appender that waits on a latch in the loggers), so the queue is full and every call evicts or
 * discards: the case where a producer must not wait for the consumer.
 *
 * <p>{@code SampleTime}: JMH times each call with {@code System.nanoTime()} (about 25 ns of the
 * median here is the timer; see {@link EmitBenchmark#timerFloor}) and reports p50, p99, p99.9.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProducerLatencyBenchmark {

    static final int CAPACITY = 8192;

    /** One writer of each library, shared by every producer thread. */
    @State(Scope.Benchmark)
    public static class Subject {

        @Param({"telltale", "log4j2", "logback"})
        public String library;

        @Param({"working", "stalled"})
        public String backend;

        Writer writer;

        @Setup
        public void start() {
            boolean stalled = backend.equals("stalled");
            writer = switch (library) {
                case "telltale" -> new TelltaleWriter(stalled);
                case "log4j2" -> new Log4jWriter(stalled);
                case "logback" -> new LogbackWriter(stalled);
                default -> throw new IllegalArgumentException("library: " + library);
            };
        }

        @TearDown
        public void stop() {
            System.out.println("  " + writer.close());
        }
    }

    /** Each producer thread's own event ids. */
    @State(Scope.Thread)
    public static class Ids {
        long next;
    }

    @Benchmark
    @Threads(1)
    public void threads1(Subject subject, Ids ids) {
        subject.writer.write(ids.next++);
    }

    @Benchmark
    @Threads(2)
    public void threads2(Subject subject, Ids ids) {
        subject.writer.write(ids.next++);
    }

    @Benchmark
    @Threads(4)
    public void threads4(Subject subject, Ids ids) {
        subject.writer.write(ids.next++);
    }

    @Benchmark
    @Threads(8)
    public void threads8(Subject subject, Ids ids) {
        subject.writer.write(ids.next++);
    }

    /** One library set up for the benchmark. */
    interface Writer {
        /** One {@code order.placed} event with the fields {@code id}, {@code status}, {@code total}. */
        void write(long id);

        /** Stops it (releasing a stalled consumer first) and says what happened to the events. */
        String close();
    }

    static final class TelltaleWriter implements Writer {
        private final Telltale telltale;
        private final Emitter emitter;
        private final boolean stalled;

        TelltaleWriter(boolean stalled) {
            this.stalled = stalled;
            telltale = Telltale.builder()
                    .readEnvironment(false)
                    .shutdownHook(false)
                    .backend(stalled ? "stalled" : "file")
                    .set("telltale.file.path", "/dev/null")
                    .set("telltale.queue.capacity", Integer.toString(CAPACITY))
                    .healthInterval(Duration.ZERO)
                    .build();
            emitter = telltale.emitter("shop.orders");
        }

        @Override
        public void write(long id) {
            emitter.emit("order.placed", Map.of("id", id, "status", "ok", "total", 99.5));
        }

        @Override
        public String close() {
            telltale.close();
            PipelineStats s = telltale.stats();
            if (s.offered() != s.published() + s.dropped() || s.pending() != 0) {
                throw new IllegalStateException("the pipeline's accounting does not balance: " + s);
            }
            if (stalled && s.published() != 0) {
                throw new IllegalStateException("a stalled backend published: " + s);
            }
            return "telltale: " + s;
        }
    }

    static final class Log4jWriter implements Writer {
        private static final Marker KIND = MarkerManager.getMarker("order.placed");

        private final AsyncLoggerContext context;
        private final Logger logger;
        private final CountDownLatch release = new CountDownLatch(1);

        Log4jWriter(boolean stalled) {
            System.setProperty("log4j2.asyncLoggerRingBufferSize", Integer.toString(CAPACITY));
            System.setProperty("log4j2.asyncQueueFullPolicy", "Discard"); // INFO and below are discarded when full
            System.setProperty("log4j2.shutdownHookEnabled", "false");
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setConfigurationName("telltale-benchmark");
            b.setStatusLevel(Level.WARN);
            var logger = b.newLogger("shop.orders", Level.INFO).addAttribute("additivity", false);
            if (!stalled) {
                b.add(b.newAppender("file", "RandomAccessFile")
                        .addAttribute("fileName", "/dev/null")
                        .addAttribute("immediateFlush", false)
                        .add(b.newLayout("JsonTemplateLayout").addAttribute("eventTemplate", Log4jFile.template())));
                logger.add(b.newAppenderRef("file"));
            }
            b.add(logger);
            b.add(b.newRootLogger(Level.OFF));
            context = new AsyncLoggerContext("telltale-latency-benchmark");
            context.start(b.build());
            if (stalled) {
                AbstractAppender stuck = new AbstractAppender("stalled", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        awaitUninterruptibly(release);
                    }
                };
                stuck.start();
                LoggerConfig config = context.getConfiguration().getLoggerConfig("shop.orders");
                config.addAppender(stuck, Level.INFO, null);
                context.updateLoggers();
            }
            this.logger = context.getLogger("shop.orders");
            if (!(this.logger instanceof AsyncLogger)) {
                throw new IllegalStateException("log4j2 logger is not asynchronous: " + this.logger.getClass().getName());
            }
        }

        @Override
        public void write(long id) {
            logger.info(KIND, new MapMessage<>(4).with("id", id).with("status", "ok").with("total", 99.5));
        }

        @Override
        public String close() {
            release.countDown();
            context.stop(30, TimeUnit.SECONDS);
            return "log4j2: stopped";
        }
    }

    static final class LogbackWriter implements Writer {
        private final LoggerContext context = new LoggerContext();
        private final ch.qos.logback.classic.Logger logger;
        private final CountDownLatch release = new CountDownLatch(1);

        LogbackWriter(boolean stalled) {
            context.setName("telltale-latency-benchmark");
            context.setMDCAdapter(new LogbackMDCAdapter());
            context.start();
            logger = start(stalled ? stalledAppender() : fileAppender());
        }

        private ch.qos.logback.core.Appender<ILoggingEvent> stalledAppender() {
            AppenderBase<ILoggingEvent> stuck = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    awaitUninterruptibly(release);
                }
            };
            stuck.setContext(context);
            stuck.setName("stalled");
            stuck.start();
            return stuck;
        }

        private ch.qos.logback.core.Appender<ILoggingEvent> fileAppender() {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setName("file");
            file.setFile("/dev/null");
            file.setImmediateFlush(false);
            file.setEncoder(encoder);
            file.start();
            return file;
        }

        private ch.qos.logback.classic.Logger start(ch.qos.logback.core.Appender<ILoggingEvent> target) {
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.setName("async");
            async.setQueueSize(CAPACITY);
            async.setDiscardingThreshold(0);
            async.setNeverBlock(true);
            async.setMaxFlushTime(1_000);
            async.addAppender(target);
            async.start();
            ch.qos.logback.classic.Logger l = context.getLogger("shop.orders");
            l.setLevel(ch.qos.logback.classic.Level.INFO);
            l.setAdditive(false);
            l.addAppender(async);
            context.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
            if (!target.isStarted() || !async.isStarted()) {
                throw new IllegalStateException("logback did not start: " + context.getStatusManager().getCopyOfStatusList());
            }
            return l;
        }

        @Override
        public void write(long id) {
            logger.atInfo().addKeyValue("id", id).addKeyValue("status", "ok").addKeyValue("total", 99.5).log("order.placed");
        }

        @Override
        public String close() {
            release.countDown();
            context.stop();
            return "logback: stopped";
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
