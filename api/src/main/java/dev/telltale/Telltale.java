package dev.telltale;

import dev.telltale.context.Context;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Engine;
import dev.telltale.internal.EngineFactory;
import dev.telltale.internal.Engines;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Ids;
import dev.telltale.internal.NoopEngine;
import dev.telltale.probe.Probes;
import dev.telltale.snapshot.Snapshots;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A running Telltale pipeline: events go in through {@link Emitter}s, and out to JFR and to one
 * backend, through a bounded, drop-oldest queue drained by one publisher thread.
 *
 * <p>Most applications use the process-wide instance, {@link #global()}, configured from {@code
 * telltale.*} system properties, {@code TELLTALE_*} environment variables and a {@code
 * telltale.properties} resource (see the configuration table in the README). Tests and embedders
 * build their own with {@link #builder()}.
 *
 * <p><b>Promises.</b> All methods are thread-safe. Emitting never blocks and never throws; when
 * the queue is full the oldest event is dropped and counted (see {@link PipelineStats}). {@link
 * #flush} and {@link #close} block for at most the time they are given or configured. A JVM
 * shutdown hook closes the pipeline unless told not to.
 *
 * <p>Without {@code telltale-core} on the class path or module path, {@link #global()} returns a
 * pipeline that discards every event and says so once, through {@link System.Logger}.
 */
public final class Telltale implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.telltale");
    private static final Object GLOBAL_LOCK = new Object();
    private static volatile Telltale global;

    static {
        // Telltale's other packages (contexts, and the capabilities to come) reach the engine
        // through dev.telltale.internal.Engines, which this package does not export
        Engines.register(telltale -> telltale.engine);
    }

    private final Engine engine;

    private Telltale(Engine engine) {
        this.engine = engine;
    }

    /**
     * The process-wide pipeline, started on first use from the environment's configuration.
     * Never throws: a configuration error is logged and the faulty setting replaced by its
     * default; a missing {@code telltale-core} gives a pipeline that discards everything.
     */
    public static Telltale global() {
        Telltale current = global;
        if (current != null) {
            return current;
        }
        synchronized (GLOBAL_LOCK) {
            if (global == null) {
                global = new Telltale(startGlobalEngine());
            }
            return global;
        }
    }

    /** A builder for a pipeline configured in code. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a {@link Context} named {@code name} on the global pipeline: {@code try (var ctx =
     * Telltale.context("shop.request")) { ... }}. {@link Context#builder()} has every option.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static Context context(String name) {
        return Context.start(name);
    }

    /**
     * Starts a {@link Context} named {@code name} on the global pipeline, born with {@code
     * fields}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Context context(String name, Map<String, ?> fields) {
        return Context.start(name, fields);
    }

    /**
     * An emitter for {@code routingKey} with a fresh source id (a random UUID) and no headers.
     *
     * @throws NullPointerException if {@code routingKey} is null
     */
    public Emitter emitter(String routingKey) {
        return emitter(routingKey, Ids.random(), Map.of());
    }

    /**
     * An emitter for {@code routingKey} whose events carry {@code source} as their source id and
     * {@code headers} as message headers.
     *
     * @throws NullPointerException if an argument is null
     */
    public Emitter emitter(String routingKey, String source, Map<String, String> headers) {
        Objects.requireNonNull(routingKey, "routingKey == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(headers, "headers == null");
        return new Emitter(engine, routingKey, source, headers);
    }

    /**
     * Blocks until every event emitted before this call is published or dropped, for at most
     * {@code timeout}. Returns true if that happened in time. A timeout too long to count in
     * nanoseconds ({@code Duration.ofSeconds(Long.MAX_VALUE)}) waits as long as it takes; a
     * negative one does not wait. Never throws but for a null timeout.
     *
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        try {
            return engine.flush(timeout);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return false;
        }
    }

    /**
     * The probes of this pipeline: probe points, probes and their instruments (see {@link
     * Probes}). Probes attached here publish through this pipeline and detach when it closes.
     */
    public Probes probes() {
        return engine.probes();
    }

    /**
     * The crash snapshots of this pipeline: saving a throwable with its state, and the uncaught
     * exception handler that does so (see {@link Snapshots}).
     */
    public Snapshots snapshots() {
        return engine.snapshots();
    }

    /** The pipeline's accounting now. */
    public PipelineStats stats() {
        return engine.stats();
    }

    /**
     * Publishes what is queued within {@code telltale.flush.timeout}, counts the rest as dropped
     * ({@link DropReason#SHUTDOWN}) and stops the publisher. Events emitted afterwards are
     * counted as dropped too. Idempotent; never throws.
     */
    @Override
    public void close() {
        try {
            engine.close();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    private static Engine startGlobalEngine() {
        EngineFactory factory;
        try {
            factory = findFactory();
        } catch (ServiceConfigurationError e) {
            LOG.log(System.Logger.Level.ERROR, "telltale: cannot load telltale-core; events are discarded", e);
            return NoopEngine.INSTANCE;
        }
        if (factory == null) {
            LOG.log(System.Logger.Level.WARNING,
                    "telltale: telltale-core is not on the class path or module path; events are discarded");
            return NoopEngine.INSTANCE;
        }
        try {
            return factory.create(Map.of(), true, true);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(System.Logger.Level.ERROR, "telltale: cannot start; events are discarded", t);
            return NoopEngine.INSTANCE;
        }
    }

    private static EngineFactory findFactory() {
        Iterator<EngineFactory> it = ServiceLoader.load(EngineFactory.class, Telltale.class.getClassLoader()).iterator();
        return it.hasNext() ? it.next() : null;
    }

    /**
     * Configures a pipeline in code. Settings given here win over system properties, the
     * environment and {@code telltale.properties}; every key of the README's table can be set
     * with {@link #set}, the common ones with their own methods.
     *
     * <p>Not thread-safe; build on one thread.
     */
    public static final class Builder {

        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean readEnvironment = true;
        private boolean shutdownHook = true;

        private Builder() {}

        /** Sets any {@code telltale.*} key; the value is checked when the pipeline is built. */
        public Builder set(String key, String value) {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
            settings.put(key, value);
            return this;
        }

        /** The backend by name ({@code file}, {@code amqp}, {@code kafka}, or {@code none} for JFR only). */
        public Builder backend(String name) {
            return set("telltale.backend", name);
        }

        /** The queue's capacity in events. Default 8192. */
        public Builder queueCapacity(int events) {
            return set("telltale.queue.capacity", Integer.toString(events));
        }

        /** The queue's capacity in bytes of estimated encoded size. Default 16 MiB. */
        public Builder queueMaxBytes(long bytes) {
            return set("telltale.queue.max-bytes", Long.toString(bytes));
        }

        /**
         * The longest an event waits in the queue before a batch is handed on. Default 1 s. Set in
         * whole milliseconds; a duration too long for that counts as forever. Checked at {@link
         * #build()}, like every setting.
         */
        public Builder flushInterval(Duration interval) {
            return set("telltale.flush.interval", millis(interval));
        }

        /**
         * How long {@link Telltale#close()} and the shutdown hook may take. Default 2 s. In whole
         * milliseconds; a duration too long for that counts as forever.
         */
        public Builder flushTimeout(Duration timeout) {
            return set("telltale.flush.timeout", millis(timeout));
        }

        /**
         * How often a {@code telltale.health} event is published; zero turns it off. Default 10 s.
         * In whole milliseconds; a duration too long for that counts as never.
         */
        public Builder healthInterval(Duration interval) {
            return set("telltale.health.interval", millis(interval));
        }

        /**
         * Whether system properties, {@code TELLTALE_*} environment variables and {@code
         * telltale.properties} are read as well. Default true; tests usually turn it off.
         */
        public Builder readEnvironment(boolean read) {
            this.readEnvironment = read;
            return this;
        }

        /** Whether a JVM shutdown hook closes this pipeline. Default true. */
        public Builder shutdownHook(boolean install) {
            this.shutdownHook = install;
            return this;
        }

        /**
         * Starts a pipeline with these settings.
         *
         * @throws IllegalArgumentException if a setting is unknown or malformed, or the backend
         *     does not exist; the message names it and, for a backend, the ones available
         * @throws IllegalStateException if {@code telltale-core} is missing
         */
        public Telltale build() {
            return new Telltale(factory().create(Map.copyOf(settings), readEnvironment, shutdownHook));
        }

        /**
         * Starts a pipeline with these settings and makes it the one {@link Telltale#global()}
         * returns.
         *
         * @throws IllegalStateException if the global pipeline has already started, or {@code
         *     telltale-core} is missing
         * @throws IllegalArgumentException as {@link #build()}
         */
        public Telltale buildGlobal() {
            synchronized (GLOBAL_LOCK) {
                if (global != null) {
                    throw new IllegalStateException("the global Telltale pipeline has already started");
                }
                global = build();
                return global;
            }
        }

        private static EngineFactory factory() {
            EngineFactory factory = findFactory();
            if (factory == null) {
                throw new IllegalStateException("telltale-core is not on the class path or module path");
            }
            return factory;
        }

        private static String millis(Duration d) {
            Objects.requireNonNull(d, "duration == null");
            return Durations.millis(d) + "ms";
        }
    }
}
