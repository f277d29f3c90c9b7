package dev.telltale.core;

import dev.telltale.Event;
import dev.telltale.PipelineStats;
import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.ConfigLoader;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Origin;
import dev.telltale.core.internal.config.Schema;
import dev.telltale.core.internal.config.Sources;
import dev.telltale.core.internal.jfr.ContextRecord;
import dev.telltale.core.internal.jfr.EventNames;
import dev.telltale.core.internal.jfr.EventRecord;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.json.JsonWriter;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.core.internal.pipeline.Pipeline;
import dev.telltale.core.internal.pipeline.PipelineSettings;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.NoopEngine;
import dev.telltale.internal.SpanHandle;
import dev.telltale.core.internal.manage.ManagerLoop;
import dev.telltale.core.internal.manage.ManagerSettings;
import dev.telltale.core.internal.manage.SpecStores;
import dev.telltale.core.internal.probe.ProbeRegistry;
import dev.telltale.core.internal.snapshot.CoreSnapshots;
import dev.telltale.core.internal.snapshot.SnapshotSettings;
import dev.telltale.core.internal.trace.CoreTracing;
import dev.telltale.core.internal.trace.SpanSinks;
import dev.telltale.core.internal.trace.TraceSettings;
import dev.telltale.core.internal.watch.WatchService;
import dev.telltale.core.internal.watch.WatchSettings;
import dev.telltale.internal.TraceEngine;
import dev.telltale.internal.WatchEngine;
import dev.telltale.probe.Probes;
import dev.telltale.snapshot.Snapshots;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import jdk.jfr.EventType;

/**
 * The engine behind {@link dev.telltale.Telltale}: events go to JFR (while a recording enables
 * {@code dev.telltale.Event}) and to the pipeline of the selected backend, if any.
 *
 * <p>JFR's event types are registered on a thread of the engine's own when it starts (see {@link
 * dev.telltale.core.internal.jfr.JfrSetup}), never on the first emitting thread while no recording has ever run.
 */
public final class CoreEngine implements Engine {

    private static final System.Logger LOG = System.getLogger("dev.telltale");
    private static final Consumer<String> WARN = message -> LOG.log(Level.WARNING, "telltale: " + message);

    /** {@link #jfrState}: event types not registered yet; JFR copies only if JFR is already up. */
    private static final int JFR_PENDING = 0;
    /** {@link #jfrState}: event types registered; JFR copies while a recording enables them. */
    private static final int JFR_READY = 1;
    /** {@link #jfrState}: {@code telltale.jfr=false}, or registering failed; no JFR copies. */
    private static final int JFR_OFF = 2;

    /** Prefix of the settings passed to a spec store provider: {@code telltale.probe.store.<scheme>.*}. */
    public static final String STORE_PROPERTIES = "telltale.probe.store.";

    private final Pipeline pipeline;
    private final boolean jfrFields;
    private volatile int jfrState;
    private final JsonLimits limits;
    private final String host;
    private final long pid;
    private final LongAdder jfrOnly = new LongAdder();
    private final EventNames jfrNames = new EventNames();
    private volatile Thread shutdownHook;
    private final ProbeRegistry probes;
    private final CoreSnapshots snapshots;
    private final WatchService watches;
    private final CoreTracing tracing;
    private final JvmSupport jvm;
    private volatile ManagerLoop manager;

    private CoreEngine(JvmSupport jvm, Pipeline pipeline, boolean jfr, boolean jfrFields, JsonLimits limits, String host, long pid,
            Duration probeReportInterval, SnapshotSettings snapshotSettings, WatchSettings watchSettings,
            TraceSettings traceSettings, SpanSinks spanSinks) {
        this.jvm = jvm;
        this.pipeline = pipeline;
        this.probes = new ProbeRegistry(this, probeReportInterval, this::jfrReady, limits);
        this.jfrState = jfr ? JFR_PENDING : JFR_OFF;
        this.jfrFields = jfrFields;
        this.limits = limits;
        this.host = host;
        this.pid = pid;
        this.snapshots = new CoreSnapshots(this, snapshotSettings, this::jfrUsable);
        this.probes.register(snapshots.instrumentFactory()); // the "snapshot" instrument type
        this.watches = new WatchService(this, watchSettings);
        this.tracing = new CoreTracing(this, traceSettings, spanSinks, this::jfrUsable);
    }

    /**
     * Resolves the configuration, selects the backend and starts the pipeline.
     *
     * @throws IllegalArgumentException if a setting made in code is unknown or malformed, or
     *     names a backend that is not present
     */
    public static Engine start(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook) {
        return start(explicit, readEnvironment, shutdownHook, Backends.discover(CoreEngine.class.getClassLoader(), WARN));
    }

    /** As {@link #start(Map, boolean, boolean)}, with the backends given. */
    public static Engine start(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook,
            Backends backends) {
        return start(explicit, readEnvironment, shutdownHook, backends, JvmSupport.CURRENT);
    }

    /** As {@link #start(Map, boolean, boolean, Backends)}, in the JVM {@code jvm} stands for; for tests. */
    static Engine start(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook, Backends backends,
            JvmSupport jvm) {
        Config config = ConfigLoader.load(Sources.read(explicit, readEnvironment, WARN), schema(backends), WARN);
        if (!config.bool(CoreKeys.ENABLED)) {
            LOG.log(Level.INFO, "telltale: disabled by telltale.enabled=false; events are discarded");
            return NoopEngine.INSTANCE;
        }
        Backend backend = select(config, backends);
        PipelineSettings settings = PipelineSettings.from(config, WARN, backend == null ? 0 : backend.preferredBatchSize());
        String host = HostName.resolve(config.string(CoreKeys.HOST));
        long pid = ProcessHandle.current().pid();
        Pipeline pipeline = null;
        if (backend != null) {
            InternalThreads internal = new InternalThreads();
            CoreBackendConfig backendConfig = new CoreBackendConfig(backend, config, internal, host, pid);
            EventCodec codec = new EventCodec(settings.limits());
            pipeline = new Pipeline(settings, backend, backendConfig, codec::encode, internal, host, pid,
                    "pipeline-" + UUID.randomUUID());
        }
        CoreEngine engine = new CoreEngine(jvm, pipeline, config.bool(CoreKeys.JFR), config.bool(CoreKeys.JFR_FIELDS),
                settings.limits(), host, pid, config.duration(CoreKeys.PROBE_REPORT_INTERVAL),
                SnapshotSettings.from(config), WatchSettings.from(config, WARN), TraceSettings.from(config, WARN),
                SpanSinks.from(config));
        if (engine.jfrState == JFR_PENDING) {
            jvm.startThread(engine::setUpJfr, "telltale-jfr-setup");
        }
        if (pipeline != null) {
            pipeline.start();
        }
        engine.startManager(config, host, pid);
        if (shutdownHook) {
            engine.installShutdownHook();
        }
        return engine;
    }

    /**
     * The keys of the core, of every backend present and of every spec store provider present;
     * public for the tools in {@code dev.telltale.tool}, which read the configuration as the engine does.
     */
    public static Schema schema(Backends backends) {
        List<ConfigKey> keys = new ArrayList<>(CoreKeys.ALL);
        List<String> open = new ArrayList<>();
        keys.addAll(SpecStores.keys(WARN)); // the spec stores' declared settings, so TELLTALE_* maps to them exactly
        open.add(STORE_PROPERTIES); // a spec store's undeclared settings, checked by its provider
        for (Backend backend : backends.all()) {
            keys.addAll(backend.keys());
            if (backend.acceptsUnlistedKeys()) {
                open.add("telltale." + backend.name() + ".");
            }
        }
        return new Schema(keys, open, new HashSet<>(backends.names()));
    }

    private static Backend select(Config config, Backends backends) {
        String name = config.string(CoreKeys.BACKEND).strip();
        if (name.isEmpty()) {
            Backend chosen = backends.byDefault();
            if (chosen == null) {
                LOG.log(Level.INFO, "telltale: no backend "
                        + (backends.all().isEmpty() ? "found" : "chosen among " + backends.available() + " (set telltale.backend)")
                        + "; events go to JFR only");
            }
            return chosen;
        }
        if (name.equals("none")) {
            LOG.log(Level.INFO, "telltale: telltale.backend=none; events go to JFR only");
            return null;
        }
        Backend backend = backends.named(name);
        if (backend == null) {
            String message = "unknown backend '" + name + "' (telltale.backend, " + config.origin(CoreKeys.BACKEND.name()).label()
                    + "); available: " + backends.available();
            if (config.origin(CoreKeys.BACKEND.name()) == Origin.CODE) {
                throw new IllegalArgumentException(message);
            }
            LOG.log(Level.ERROR, "telltale: " + message + ". Events go to JFR only until this is fixed.");
        }
        return backend;
    }

    /**
     * Starts the probe manager when {@code telltale.probe.manager.store} names a store. The store
     * is opened on the manager's thread; an address no provider serves fails here if it was set
     * in code, and is logged otherwise.
     */
    private void startManager(Config config, String host, long pid) {
        ManagerSettings settings = ManagerSettings.from(config, host, pid, config.withPrefix(STORE_PROPERTIES));
        if (settings.store().isEmpty()) {
            return;
        }
        String address = settings.store();
        int colon = address.indexOf(':');
        String scheme = colon <= 0 ? "" : address.substring(0, colon);
        if (!SpecStores.providers().containsKey(scheme)) {
            String message = "telltale.probe.manager.store '" + dev.telltale.spi.Redaction.uriPasswords(address) + "' (" + config.origin(CoreKeys.PROBE_MANAGER_STORE.name()).label()
                    + "): no spec store for scheme '" + scheme + "'; present: " + SpecStores.providers().keySet();
            if (config.origin(CoreKeys.PROBE_MANAGER_STORE.name()) == Origin.CODE) {
                close();
                throw new IllegalArgumentException(message);
            }
            LOG.log(Level.ERROR, "telltale: " + message + ". No probe manager runs.");
            return;
        }
        manager = new ManagerLoop(settings, this, probes).start();
    }

    /** The probe manager's loop, if {@code telltale.probe.manager.store} started one; else null. */
    public ManagerLoop manager() {
        return manager;
    }

    private void setUpJfr() {
        try {
            List<EventType> types = jvm.registerJfrEventTypes();
            jfrState = JFR_READY;
            LOG.log(Level.DEBUG, () -> "telltale: JFR event types registered: "
                    + types.stream().map(EventType::getName).collect(Collectors.joining(", ")));
        } catch (Throwable t) { // a JVM without a usable JFR: events still go to the backend
            jfrState = JFR_OFF;
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.log(Level.WARNING, "telltale: cannot register JFR events (" + t + "); events are not copied to JFR");
        }
    }

    /** Whether JFR's event types are registered. */
    boolean jfrReady() {
        return jfrState == JFR_READY;
    }

    /** The shutdown hook this engine installed and has not removed or run yet, else null; for tests. */
    Thread installedShutdownHook() {
        return shutdownHook;
    }

    /** Whether JFR records may be committed on this thread now without setting JFR up here. */
    private boolean jfrUsable() {
        int state = jfrState;
        return state == JFR_READY || state == JFR_PENDING && jvm.jfrUp();
    }

    /** Whether a recording wants {@code dev.telltale.Event} now, without ever setting JFR up here. */
    private boolean jfrWanted() {
        int state = jfrState;
        if (state == JFR_READY) {
            return EventRecord.enabled();
        }
        return state == JFR_PENDING && jvm.jfrUp() && EventRecord.enabled();
    }

    private void installShutdownHook() {
        Thread hook = new Thread(this::closeFromHook, "telltale-shutdown");
        try {
            jvm.addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing to hook
        }
    }

    private void closeFromHook() {
        shutdownHook = null;
        closeManager();
        watches.close();
        probes.close(false); // the JVM is ending: breakpoints' daemon threads end with it
        tracing.close();
        if (pipeline != null) {
            pipeline.close(true);
        }
    }

    private void closeManager() {
        ManagerLoop m = manager;
        if (m != null) {
            manager = null;
            m.close();
        }
    }

    @Override
    public void offer(Event event) {
        if (jfrWanted()) {
            record(event);
        }
        if (pipeline != null) {
            pipeline.offer(event);
        } else {
            jfrOnly.increment();
        }
    }

    private void record(Event event) {
        try {
            EventRecord.commit(jfrNames.of(event.routingKey(), event.kind()), event.source(), event.seq(),
                    jfrFields ? JsonWriter.toJson(event.fields(), limits) : null);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        return pipeline == null || pipeline.flush(timeout);
    }

    @Override
    public void close() {
        closeManager();
        probes.close(); // its last reports and probe.detached events go out with the rest
        Thread hook = shutdownHook;
        if (hook != null) {
            shutdownHook = null;
            try {
                jvm.removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs anyway and finds the pipeline closed
            }
        }
        watches.close();
        tracing.close();
        if (pipeline != null) {
            pipeline.close(false);
        }
    }

    @Override
    public PipelineStats stats() {
        if (pipeline != null) {
            return pipeline.stats();
        }
        long n = jfrOnly.sum();
        return PipelineStats.builder().backend("none").offered(n).published(n).build();
    }

    @Override
    public SpanHandle contextBegin(String routingKey, String id) {
        int state = jfrState;
        return state == JFR_READY || state == JFR_PENDING && jvm.jfrUp() ? ContextRecord.started(routingKey, id)
                : SpanHandle.NOOP;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Probes probes() {
        return probes;
    }

    @Override
    public Snapshots snapshots() {
        return snapshots;
    }

    @Override
    public WatchEngine watches() {
        return watches;
    }

    @Override
    public TraceEngine tracing() {
        return tracing;
    }
}
