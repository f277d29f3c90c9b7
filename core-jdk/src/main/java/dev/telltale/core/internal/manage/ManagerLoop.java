package dev.telltale.core.internal.manage;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.probe.Probes;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ProbeManager} in the background, on a daemon thread of its own ({@code
 * telltale-probe-manager}): opens the store (on that thread, so the application never waits for
 * it), then calls {@link ProbeManager#apply()} every interval; while the store fails, the wait
 * doubles from the interval up to {@link #MAX_BACKOFF} (or the interval, if longer).
 */
public final class ManagerLoop implements AutoCloseable {

    /** The longest wait between attempts while the store fails, unless the interval is longer. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger("dev.telltale.probe");

    private final ManagerSettings settings;
    private final Engine engine;
    private final Probes probes;
    private final ScheduledThreadPoolExecutor thread;
    private volatile ProbeManager manager;
    private SpecStore store; // on the loop's thread, and in close
    private int openFailures;
    private volatile boolean closed;

    /** Opens the store a loop runs on; {@link SpecStores#open} but in tests. */
    @FunctionalInterface
    interface Opener {
        SpecStore open(String address, SpecStoreOptions options) throws Exception;
    }

    private final Opener opener;
    private final Clock clock;

    public ManagerLoop(ManagerSettings settings, Engine engine, Probes probes) {
        this(settings, engine, probes, SpecStores::open, Clock.systemUTC());
    }

    ManagerLoop(ManagerSettings settings, Engine engine, Probes probes, Opener opener, Clock clock) {
        this.opener = opener;
        this.clock = clock;
        this.settings = settings;
        this.engine = engine;
        this.probes = probes;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "telltale-probe-manager");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The wait after {@code failures} consecutive failures: {@code base} doubled per failure, capped. */
    static Duration delayAfter(int failures, Duration base) {
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration d = base;
        for (int i = 1; i < failures && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** Starts the loop; the first pass runs at once. */
    public ManagerLoop start() {
        thread.execute(this::tick);
        return this;
    }

    /** The manager, once the store is open; else null. */
    public ProbeManager manager() {
        return manager;
    }

    private void tick() {
        if (closed) {
            return;
        }
        Duration next = settings.interval();
        try {
            ProbeManager m = manager;
            if (m == null) {
                m = open();
            }
            if (m != null) {
                m.apply();
                next = m.failures() == 0 ? settings.interval() : delayAfter(m.failures(), settings.interval());
            } else {
                next = delayAfter(openFailures, settings.interval());
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.WARNING, "telltale: probe manager pass failed: " + t);
        }
        if (!closed) {
            thread.schedule(this::tick, next.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private ProbeManager open() {
        try {
            SpecStore s = opener.open(settings.store(), new SpecStoreOptions(settings.timeout(),
                    SpecStores.propertiesOf(settings.store(), settings.storeProperties())));
            synchronized (this) {
                if (closed) {
                    s.close();
                    return null;
                }
                store = s;
            }
            manager = new ProbeManager(engine, probes, s, settings.processId(), settings.governance(), clock,
                    settings.interval());
            return manager;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            openFailures++;
            new ManagerEvents(engine, settings.processId()).storeFailed(settings.store(), String.valueOf(t.getMessage()),
                    openFailures, delayAfter(openFailures, settings.interval()).toMillis());
            return null;
        }
    }

    /** Stops the loop and closes the store; the instruments it added are removed. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProbeManager m = manager;
        if (m != null && !thread.isTerminated()) {
            m = null; // a pass still runs: the engine's close detaches the probes anyway
        }
        if (m != null) {
            m.stopAll();
        }
        synchronized (this) {
            if (store != null) {
                store.close();
            }
        }
    }
}
